"""The data folder: every workshop, how to find one by id or prefix, create, open, read, list, change, delete and
restore, export, import.

Workshop files live in ``<data>/workshops/<id>.json``, deleted ones in ``<data>/trash/`` (see :mod:`.trash`).
Reading never needs the lock (files are only ever replaced whole); writing goes through :meth:`Library.open`, which
takes it. A file that cannot be read is moved aside as ``<id>.json.corrupt-<time>`` so it is kept for a person to
look at, and the rest of the library keeps working.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from darbnica.errors import (
    Ambiguous,
    CorruptFile,
    DarbnicaError,
    InvalidInput,
    Locked,
    NotFound,
    NotOwner,
    WriteFailed,
    no_item,
)
from darbnica.i18n import DEFAULT_LANG, LANGS, Phrase
from darbnica.model import Action, Plan, Status, Workshop
from darbnica.paths import Paths
from darbnica.rules import checked_date
from darbnica.store.catalog import Catalog, Entry, workshop_ids
from darbnica.store.conflicts import Keep, conflict_of, conflicts_in, device_of, is_workshop_copy
from darbnica.store.device import device_id
from darbnica.store.events import Event, Events, fold
from darbnica.store.index import SearchIndex, read_terms, stamp_of
from darbnica.store.lock import WorkshopLock
from darbnica.store.records import workshop_from_tables, workshop_tables
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, load_json, write_failed
from darbnica.store.terms import terms_of, written
from darbnica.store.trash import Trash, Trashed, journal_path
from darbnica.store.workshop import WorkshopFile, load_workshop
from darbnica.text import LINE_LIMIT, checked
from darbnica.timing import now

EXPORT_FORMAT = "darbnica-workshop"

ID_RANDOM_BYTES = 4
"""Random bytes at the end of a new workshop's id (8 hex digits). Laptops that never meet create workshops in the
same place on the same day, and their files meet later in one shared archive (:mod:`darbnica.sync`): with 32 bits
two such ids clash about once in four billion pairs, where 16 bits (the ids made before sharing) clashed once in
65,536. Ids of either length are read, found by prefix and kept as they are.
"""

WORKSHOP_LIMIT = 64 * 2**20
"""Bytes an imported workshop may have (64 MiB): 10,000 notes of the longest kind, in Latvian, fit."""


def slug(text: str, limit: int = 24) -> str:
    """ASCII letters, digits and dashes: "Tūjas ciems" → "tujas-ciems"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "darbnica"


def pick_id(ref: str, ids: list[str], missing: str) -> str:
    """The one id of ``ids`` that is ``ref`` or starts with it; else ``NotFound`` (locale key ``missing``)."""
    ref = ref.strip()
    if ref in ids:
        return ref
    matches = [i for i in ids if i.startswith(ref)] if ref else []
    if not matches:
        raise NotFound(missing, ref=ref)
    if len(matches) > 1:
        raise Ambiguous("error.ambiguous_workshop", ref=ref, matches=", ".join(matches[:5]))
    return matches[0]


def _unused(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``… if it is taken: two damaged copies set aside in one second are both kept.
    Only the holder of the workshop's lock sets its file aside, so no one else takes the name in between."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


@dataclass
class Listing:
    """The library's workshops, newest first, and the files that could not be read."""

    entries: list[Entry]
    problems: list[DarbnicaError] = field(default_factory=list)


class ImportOutcome(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"


class Library:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.folder = paths.workshops
        self.catalog = Catalog(paths.catalog, self.folder)
        self.trash = Trash(paths.trash)
        self.index = SearchIndex(paths.search_index)
        """What people wrote, for word searches: kept in step with every write made here."""
        self.events = Events(paths.events)
        """What laptops that do not own a workshop recorded about it (:mod:`.events`): folded into every read."""

    @property
    def device(self) -> str:
        """This laptop's name, recorded in every workshop it makes (see :mod:`.device`)."""
        return device_id(self.paths)

    def folder_stamp(self) -> tuple[int, int] | None:
        """What tells, with one ``stat``, that workshops came or went (or one was written) since the last look: the
        workshops folder's inode and modification time. Every write adds and renames a file there."""
        try:
            stat = self.folder.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)

    def path_of(self, workshop_id: str) -> Path:
        return self.folder / f"{workshop_id}.json"

    def journal_of(self, workshop_id: str) -> Path:
        """Where what phones sent to this workshop is kept (:mod:`darbnica.room`)."""
        return journal_path(self.path_of(workshop_id))

    def ids(self) -> list[str]:
        return workshop_ids(self.folder)

    def resolve(self, ref: str) -> str:
        """The id of the workshop named by its id or by a prefix that only it has."""
        return pick_id(ref, self.ids(), "error.no_workshop")

    # -- reading and opening -----------------------------------------------------------------------------

    def _read_path(self, path: Path) -> Workshop:
        return load_workshop(path)

    def _set_aside(self, path: Path, error: CorruptFile) -> CorruptFile:
        """Move an unreadable file out of the way, keep it, and say where it went."""
        lock = WorkshopLock(path)
        try:
            lock.acquire()
        except (Locked, WriteFailed):
            return error  # another process has it open, or the folder is read-only: report it where it is
        try:
            aside = _unused(path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%dT%H%M%S}"))
            path.replace(aside)
        except OSError:
            return error  # the folder refuses the rename: the file stays as it is, still never written over
        finally:
            lock.release()
        return CorruptFile("error.set_aside", path=str(path), aside=str(aside), detail=str(error))

    def _read_folded(self, path: Path, names: dict[str, tuple[str, ...]] | None = None) -> Workshop:
        """The workshop file with the events recorded about it folded in: what every view shows."""
        workshop = self._read_path(path)
        return fold(workshop, self.events.of(workshop.id, names))

    def read_path(self, path: Path) -> Workshop:
        try:
            return self._read_folded(path)
        except CorruptFile as error:
            raise self._set_aside(path, error) from None

    def read(self, ref: str) -> Workshop:
        """The workshop as it is on disk (with its events), without opening it for writing."""
        return self.read_path(self.path_of(self.resolve(ref)))

    # -- whose workshop ------------------------------------------------------------------------------------

    def owns(self, workshop: Workshop) -> bool:
        """Whether this laptop may write the workshop: it made it or took it over (one made before sharing names no
        laptop: it is this laptop's until a sync shares it, which records its owner, :mod:`darbnica.sync.claims`)."""
        return workshop.device in ("", self.device)

    def check_owner(self, workshop: Workshop) -> None:
        if not self.owns(workshop):
            raise NotOwner("error.not_owner", id=workshop.id, device=workshop.device)

    def take_over(self, ref: str) -> tuple[str, str | None]:
        """Make this laptop the workshop's owner, recorded as an event every laptop folds alike after a sync.
        Returns the id and the laptop that owned it (``None``: this one already did, nothing was recorded)."""
        workshop = self.read(ref)
        if workshop.device == self.device:
            return workshop.id, None
        self.events.record_owner(workshop.id, self.device)
        return workshop.id, workshop.device

    def record_status(self, workshop: Workshop, action_id: int, status: Status) -> Event:
        """A task's new status recorded beside another laptop's workshop, which is never written here."""
        action = next((action for action in workshop.actions if action.id == action_id), None)
        if action is None:
            raise no_item("action", action_id)
        return self.events.record_status(workshop.id, self.device, action, status)

    def open(self, ref: str, *, wait: float = 0.0) -> WorkshopFile:
        """Open a workshop for writing. Raises :class:`Locked` if another process is writing it (after waiting up
        to ``wait`` seconds for it to finish), :class:`NotOwner` if another laptop owns it."""
        path = self.path_of(self.resolve(ref))
        lock = WorkshopLock(path, wait=wait)
        lock.acquire()
        try:
            # The owner starts from the file with its events folded in: its next save writes them into the file.
            file = WorkshopFile(path, lock, self.index, lambda w: fold(w, self.events.of(w.id)))
            self.check_owner(file.workshop)
            return file
        except CorruptFile as error:
            lock.release()
            raise self._set_aside(path, error) from None
        except BaseException:
            lock.release()
            raise

    def listing(self, only: Collection[str] | None = None) -> Listing:
        """Every workshop, newest first, and what is wrong in the folder. ``only``: these workshops' files are
        looked at, the others taken as last listed, and the sync's kept copies not looked for (see
        :meth:`Catalog.refresh`): a full listing must follow."""
        problems: list[DarbnicaError] = []

        def report(path: Path, error: Exception) -> None:
            if isinstance(error, CorruptFile):
                error = self._set_aside(path, error)
            problems.append(
                error
                if isinstance(error, DarbnicaError)
                else DarbnicaError("error.unreadable", path=str(path), detail=str(error))
            )

        names = self.events.names()
        entries = self.catalog.refresh(lambda path: self._read_folded(path, names), report, names, only)
        # Until someone chooses, every full listing says so (the app, `darbnica list`).
        for copy in self.conflicts() if only is None else ():
            problems.append(DarbnicaError("error.sync_conflict", id=conflict_of(copy), device=device_of(copy)))
        return Listing(entries, problems)

    # -- copies kept by a sync ---------------------------------------------------------------------------------

    def conflicts(self) -> list[Path]:
        """Copies a sync kept beside workshops that changed differently on another laptop (:mod:`.conflicts`)."""
        return conflicts_in(self.folder)

    def resolve_conflict(self, ref: str, keep: Keep) -> str:
        """Settle one kept copy (named by its file name, or by its workshop's id if that has one copy) and return
        the id of the workshop that now holds what was chosen."""
        copies = self.conflicts()
        chosen = [p for p in copies if p.name == ref.strip()]
        if not chosen:
            workshop_id = pick_id(ref, sorted({conflict_of(p) for p in copies}), "error.no_conflict")
            chosen = [p for p in copies if conflict_of(p) == workshop_id and is_workshop_copy(p)]
            if len(chosen) != 1:
                names = ", ".join(p.name for p in copies if conflict_of(p) == workshop_id)
                raise Ambiguous("error.ambiguous_workshop", ref=ref, matches=names)
        copy = chosen[0]
        workshop_id = conflict_of(copy)
        lock = WorkshopLock(self.path_of(workshop_id))
        lock.acquire()
        try:
            result = workshop_id
            if keep is not Keep.THIS:
                if not is_workshop_copy(copy):
                    raise InvalidInput("error.conflict_not_workshop", file=copy.name)
                theirs = self._read_path(copy)
                if keep is Keep.BOTH:
                    result = f"{workshop_id.rpartition('-')[0] or workshop_id}-{secrets.token_hex(ID_RANDOM_BYTES)}"
                self._write(replace(theirs, id=result))
            try:
                copy.unlink()
            except OSError as error:
                raise write_failed(error, copy) from error
        finally:
            lock.release()
        return result

    # -- creating ------------------------------------------------------------------------------------------

    def create(
        self,
        *,
        title: str,
        plan: Plan,
        place: str = "",
        date: str | None = None,
        facilitator: str = "",
        lang: str = DEFAULT_LANG,
        follows: str | None = None,
        vision: str = "",
        actions: tuple[Action, ...] = (),
    ) -> str:
        """Create a workshop file and return the new workshop's id.

        A follow-up starts with an earlier workshop's vision and responsibilities; they are written with the rest,
        in the one write that creates the file, so a follow-up is never left half made.
        """
        if lang not in LANGS:
            raise InvalidInput("error.bad_lang", value=lang, known=", ".join(LANGS))
        title = checked(title, LINE_LIMIT, field="title")
        place = checked(place, LINE_LIMIT, field="place", required=False)
        facilitator = checked(facilitator, LINE_LIMIT, field="facilitator", required=False)
        day = checked_date(date) if date else Date.today().isoformat()
        ensure_folder(self.folder)
        while True:
            workshop_id = f"{day or 'bez-datuma'}-{slug(place or title)}-{secrets.token_hex(ID_RANDOM_BYTES)}"
            if not self.path_of(workshop_id).exists():
                break
        workshop = Workshop(
            id=workshop_id,
            title=title,
            plan=plan,
            lang=lang,
            place=place,
            date=day,
            facilitator=facilitator,
            device=self.device,
            created=now(),
            current_step=plan.steps[0].key,
            follows=follows,
            vision=vision,
            actions=actions,
        )
        self._write(workshop)
        return workshop_id

    def _write(self, workshop: Workshop) -> None:
        """Write a whole workshop file (a new one, or one replaced under its lock), and index what it holds."""
        stat = atomic_write(self.path_of(workshop.id), dump_json(workshop_tables(workshop)))
        self.index.put(workshop.id, terms_of(written(workshop)), stamp_of(stat))

    def duplicate(self, ref: str, *, title: str, date: str | None = None) -> str:
        """A new, empty workshop made like ``ref``: its copy of the plan, place, facilitator and language."""
        source = self.read(ref)
        return self.create(
            title=title,
            plan=source.plan,
            place=source.place,
            date=date,
            facilitator=source.facilitator,
            lang=source.lang,
        )

    # -- changing, deleting, restoring ------------------------------------------------------------------------

    def delete(self, ref: str) -> str:
        """Move a workshop to the trash and return its id. Refused while another process has it open."""
        path = self.path_of(self.resolve(ref))
        self.check_owner(self.read_path(path))
        lock = WorkshopLock(path)
        lock.acquire()
        try:
            self.trash.put(path)
        finally:
            lock.release()
        self.index.remove([path.stem])
        return path.stem

    def restore(self, ref: str) -> str:
        """Bring a workshop back from the trash and return its id."""
        workshop_id = pick_id(ref, self.trash.ids(), "error.not_in_trash")
        ensure_folder(self.folder)
        self.trash.take(workshop_id, self.path_of(workshop_id))
        if (read := read_terms(self.path_of(workshop_id))) is not None:
            self.index.put(workshop_id, *read)
        return workshop_id

    def trashed(self) -> list[Trashed]:
        return self.trash.items(self._read_path)

    def empty_trash(self) -> int:
        return self.trash.empty()

    # -- export and import ------------------------------------------------------------------------------------

    def import_outcome(self, workshop: Workshop) -> ImportOutcome | None:
        """What importing ``workshop`` would do: create it, skip it (the same is here), or ``None`` for a conflict
        (a different workshop with its id is here)."""
        if not self.path_of(workshop.id).exists():
            return ImportOutcome.CREATED
        if export_workshop(self._read_path(self.path_of(workshop.id))) == export_workshop(workshop):
            return ImportOutcome.UNCHANGED
        return None

    def import_data(self, data: Any, *, replace_existing: bool = False) -> tuple[str, ImportOutcome]:
        """Add a workshop from an export (:func:`export_workshop`); a different one is replaced only if asked."""
        return self.import_workshop(incoming(data), replace_existing=replace_existing)

    def import_workshop(self, workshop: Workshop, *, replace_existing: bool = False) -> tuple[str, ImportOutcome]:
        """Add a checked workshop (see :func:`incoming`). Never overwrites a different workshop unless asked."""
        workshop_id = workshop.id
        path = self.path_of(workshop_id)
        outcome = self.import_outcome(workshop)
        if outcome is ImportOutcome.UNCHANGED:
            return workshop_id, outcome
        if outcome is None:
            if not replace_existing:
                raise DarbnicaError("error.import_conflict", id=workshop_id)
            lock = WorkshopLock(path)
            lock.acquire()
            try:
                self._write(workshop)
            finally:
                lock.release()
            return workshop_id, ImportOutcome.REPLACED
        ensure_folder(self.folder)
        self._write(workshop)
        return workshop_id, ImportOutcome.CREATED


def incoming(data: Any) -> Workshop:
    """The workshop in an export, checked as thoroughly as a file of the data folder is when it is read: every
    field's type and the ranges typing allows, each refusal naming the workshop, the field and the limit."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or not isinstance(data.get("id"), str):
        raise InvalidInput("error.import_not_export")
    workshop_id = data["id"]
    if slug(workshop_id, limit=200) != workshop_id:
        raise InvalidInput("error.import_bad_id", value=workshop_id)
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in tables.values()
    ):
        raise InvalidInput("error.import_not_export")  # not the tables of a workshop file
    try:
        return replace(workshop_from_tables(tables, Path(f"{workshop_id}.json")), id=workshop_id)
    except CorruptFile as error:
        raise InvalidInput("error.import_invalid", detail=Phrase.of(error)) from None
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput("error.import_invalid", detail=str(error)) from None


def read_export(path: Path) -> Any:
    """The data of a one-workshop JSON export, refused unread if it is larger than a workshop can be."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InvalidInput("error.import_invalid", detail=str(error)) from None
    if size > WORKSHOP_LIMIT:
        raise InvalidInput("error.import_too_large", file=str(path), limit=WORKSHOP_LIMIT)
    try:
        return load_json(path)  # also refuses what json.loads raises other errors for: "[[[[…", a 5,000-digit number
    except CorruptFile as error:
        raise InvalidInput("error.import_invalid", detail=Phrase.of(error)) from None


def export_workshop(workshop: Workshop) -> dict[str, Any]:
    return {"format": EXPORT_FORMAT, "id": workshop.id, "tables": workshop_tables(workshop)}


def export_json(workshop: Workshop, phone_notes: Sequence[Mapping[str, str]] = ()) -> str:
    """The lossless copy; with the notes phones sent that are not on the wall (``phone_notes``: waiting, or from
    a blocked phone), which ``darbnica import`` leaves aside: they were received, so the copy has them."""
    data = export_workshop(workshop)
    if phone_notes:
        data["phone_notes_not_on_the_wall"] = list(phone_notes)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
