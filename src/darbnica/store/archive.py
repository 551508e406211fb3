"""Backing up and moving a whole library: every workshop in one archive file, and reading it back.

The archive is a zip file. Each workshop is in it as ``workshops/<id>.json``, exactly the JSON that
``darbnica export WORKSHOP`` writes, so one workshop can be unpacked and imported on its own; ``darbnica.json``
says what the file is. Zip compresses the plan copy that every workshop carries, so the archive of 1,000 workshops
is a fraction of the folder's size.

Importing checks every workshop in the archive before writing any: a damaged member, or a different workshop with
the same id already here (unless replacing is asked for), refuses the whole import and nothing is written.
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
from typing import Any

from darbnica.errors import CorruptFile, DarbnicaError, InvalidInput
from darbnica.store.library import ImportOutcome, Library, export_json
from darbnica.store.storage import atomic_write, parse_json

ARCHIVE_FORMAT = "darbnica-archive"
MANIFEST = "darbnica.json"
MEMBERS = "workshops/"


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


def _members(path: Path) -> Iterator[Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if MANIFEST not in names:
                raise InvalidInput("error.import_not_export")
            for name in sorted(names):
                if name.startswith(MEMBERS) and name.endswith(".json"):
                    try:
                        yield parse_json(archive.read(name), name)
                    except CorruptFile as error:
                        raise InvalidInput("error.archive_member", member=name, detail=str(error)) from None
    except (zipfile.BadZipFile, OSError) as error:
        raise InvalidInput("error.import_invalid", detail=str(error)) from None


def read_archive(library: Library, path: Path, *, replace_existing: bool = False) -> Imported:
    """Import every workshop in the archive at ``path``; see the module's description for what is refused."""
    conflicts = []
    for data in _members(path):  # first every workshop is checked, nothing written
        workshop = library.incoming(data)
        if library.import_outcome(workshop) is None:
            conflicts.append(workshop.id)
    if conflicts and not replace_existing:
        raise DarbnicaError("error.archive_conflicts", count=len(conflicts), ids=", ".join(conflicts[:5]))
    imported = Imported()
    for data in _members(path):
        workshop_id, outcome = library.import_data(data, replace_existing=replace_existing)
        imported.outcomes.setdefault(outcome, []).append(workshop_id)
    return imported
