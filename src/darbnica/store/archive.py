"""Backing up and moving a whole library: every workshop in one archive file, and reading it back.

The archive is a zip file. Each workshop is in it as ``workshops/<id>.json``, exactly the JSON that
``darbnica export WORKSHOP`` writes, so one workshop can be unpacked and imported on its own; ``darbnica.json``
says what the file is. Zip compresses the plan copy that every workshop carries, so the archive of 1,000 workshops
is a fraction of the folder's size.

Importing checks every workshop in the archive before writing any, as strictly as a workshop file is checked when
it is read, with the ranges typing allows (a note's length, a head-count's size): a damaged member, one larger than
a workshop can be, two members with the same workshop id, or a different workshop with the same id already here
(unless replacing is asked for), refuses the whole import and nothing is written. Members are unpacked one at a
time as a stream that stops at the limit, so a zip bomb costs neither memory nor the time to inflate it.
Workshops that are here already, unchanged, are skipped and counted.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from darbnica.errors import CorruptFile, DarbnicaError, InvalidInput
from darbnica.i18n import Phrase
from darbnica.model import Workshop
from darbnica.store.library import WORKSHOP_LIMIT, ImportOutcome, Library, export_json, incoming
from darbnica.store.storage import atomic_write, parse_json

ARCHIVE_FORMAT = "darbnica-archive"
MANIFEST = "darbnica.json"
MEMBERS = "workshops/"

MAX_MEMBERS = 100_000
"""Files an archive may hold: a library of a hundred thousand workshops is a lifetime of them."""

_CHUNK = 2**20

TOTAL_LIMIT = 4 * 2**30
"""Bytes all workshops of an archive may unpack to (4 GiB): each is read on its own, so this bounds time, not memory."""


@dataclass
class Exported:
    count: int
    problems: list[DarbnicaError] = field(default_factory=list)
    """Workshop files that could not be read and so are not in the archive."""


@dataclass
class Imported:
    outcomes: dict[ImportOutcome, list[str]] = field(default_factory=dict)

    def ids(self, outcome: ImportOutcome) -> list[str]:
        return self.outcomes.get(outcome, [])


def write_archive(library: Library, path: Path) -> Exported:
    """Write every workshop of ``library`` into a new archive at ``path`` (replaced atomically)."""
    listing = library.listing()
    problems = list(listing.problems)
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(listing.entries, key=lambda e: e.id):
            try:
                workshop = library.read(entry.id)
            except DarbnicaError as error:  # damaged, or deleted since the listing
                problems.append(error)
                continue
            archive.writestr(f"{MEMBERS}{entry.id}.json", export_json(workshop))
            count += 1
        manifest = {"format": ARCHIVE_FORMAT, "version": 1, "created": datetime.now().isoformat(), "count": count}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
    atomic_write(path, buffer.getvalue())
    return Exported(count, problems)


def is_archive(path: Path) -> bool:
    return zipfile.is_zipfile(path)


def _member_names(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The workshop members, checked against the limits by what the archive says of them before anything is
    unpacked: a zip bomb that says what it holds is refused here without inflating a byte."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InvalidInput("error.archive_too_many", limit=MAX_MEMBERS)
    if MANIFEST not in {info.filename for info in infos}:
        raise InvalidInput("error.import_not_export")
    members = sorted(
        (info for info in infos if info.filename.startswith(MEMBERS) and info.filename.endswith(".json")),
        key=lambda info: info.filename,
    )
    for info in members:
        if info.file_size > WORKSHOP_LIMIT:
            raise InvalidInput("error.archive_member_too_large", member=info.filename, limit=WORKSHOP_LIMIT)
    if sum(info.file_size for info in members) > TOTAL_LIMIT:
        raise InvalidInput("error.archive_too_large", limit=TOTAL_LIMIT)
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, unpacked as a stream and never more than the limit. It is read a mebibyte at a time:
    zipfile inflates as much as one read asks for before cutting it to the size the archive declares, so one read
    of the whole limit would let a member that lies about its size cost that much memory all the same."""
    chunks, total = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > WORKSHOP_LIMIT:
                raise InvalidInput("error.archive_member_too_large", member=info.filename, limit=WORKSHOP_LIMIT)
            chunks.append(chunk)
    return b"".join(chunks)


def _members(path: Path) -> Iterator[tuple[str, Workshop]]:
    """Each member's name and its workshop, checked as a file of the data folder is (types and the ranges typing
    allows); the first member that cannot be imported refuses the whole archive, naming the member and field."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in _member_names(archive):
                try:
                    data = parse_json(_read_member(archive, info), info.filename)
                    workshop = incoming(data)
                except (CorruptFile, InvalidInput) as error:
                    if error.key == "error.archive_member_too_large":
                        raise
                    detail = Phrase.of(error)
                    raise InvalidInput("error.archive_member", member=info.filename, detail=detail) from None
                yield info.filename, workshop
    except (zipfile.BadZipFile, OSError, EOFError) as error:  # EOFError: a member cut short
        raise InvalidInput("error.import_invalid", detail=str(error)) from None


def read_archive(library: Library, path: Path, *, replace_existing: bool = False) -> Imported:
    """Import every workshop in the archive at ``path``; see the module's description for what is refused."""
    conflicts = []
    seen: dict[str, str] = {}
    for member, workshop in _members(path):  # first every workshop is checked, nothing written
        if workshop.id in seen:  # one would overwrite the other (or, with --replace, be dropped unsaid)
            raise InvalidInput("error.archive_duplicate", id=workshop.id, first=seen[workshop.id], second=member)
        seen[workshop.id] = member
        if library.import_outcome(workshop) is None:
            conflicts.append(workshop.id)
    if conflicts and not replace_existing:
        raise DarbnicaError("error.archive_conflicts", count=len(conflicts), ids=", ".join(conflicts[:5]))
    imported = Imported()
    for _, workshop in _members(path):  # read again, one at a time: an archive of 1,000 is never all in memory
        workshop_id, outcome = library.import_workshop(workshop, replace_existing=replace_existing)
        imported.outcomes.setdefault(outcome, []).append(workshop_id)
    return imported
