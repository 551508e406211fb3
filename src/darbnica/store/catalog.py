"""The catalog: a small index of all workshops, so the home screen does not open every workshop file.

It is a cache and nothing else. Each entry records the size and modification time of the workshop file it was made
from; an entry whose file changed is remade from that file, a file without an entry gets one, an entry without a
file is dropped. A missing or damaged catalog is simply rebuilt. Adding a note therefore never writes the catalog:
the next listing notices the changed file.

Besides the counts the library shows, an entry keeps the workshop's open responsibilities (a few short lines each),
so the responsibilities view across all workshops reads one file, not every workshop.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import Any, get_type_hints

import msgspec

from darbnica.errors import CorruptFile, DarbnicaError, WriteFailed
from darbnica.model import Action, Workshop
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, parse_json
from darbnica.text import display

CATALOG_VERSION = 4
"""2: entries keep ``follows`` and the open responsibilities; 3: the laptop that made the workshop; 4: the events
folded into the entry (:mod:`.events`). A catalog of another version is rebuilt."""

log = logging.getLogger(__name__)


# Entries are msgspec structs, not dataclasses: the catalog is decoded into them directly, and with ``gc=False``
# (they hold only text, numbers and tuples of tasks: no cycle) the garbage collector does not walk them. With
# 10,000 workshops the decoding took 92 ms into dataclasses, 47 into these.


class Task(msgspec.Struct, frozen=True, gc=False):
    """An open responsibility of a catalogued workshop: what the responsibilities view lists."""

    id: int
    what: str
    who: str
    due: str
    status: str
    origin: str | None

    @classmethod
    def of(cls, action: Action) -> Task:
        return cls(action.id, action.what, action.who, action.due, action.status.value, action.origin)


class Entry(msgspec.Struct, frozen=True, gc=False):
    id: str
    title: str
    place: str
    date: str
    facilitator: str
    device: str
    """The laptop that owns the workshop: made it, or took it over (empty for one made before sharing)."""
    lang: str
    plan: str
    notes: int
    actions: int
    open_actions: int
    current_step: str
    created: str
    follows: str | None
    open_tasks: tuple[Task, ...]
    origins: tuple[str, ...]
    """Where this workshop's carried-over responsibilities came from (``<workshop id>#<action id>``)."""
    events: tuple[str, ...]
    """The names of the event files folded into this entry: a new one (from a sync) makes it again."""
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, workshop: Workshop, stat: os.stat_result, events: tuple[str, ...] = ()) -> Entry:
        """``workshop`` as its file and ``events`` (already folded into it) have it."""
        return cls(
            id=workshop.id,
            title=workshop.title,
            place=workshop.place,
            date=workshop.date,
            facilitator=workshop.facilitator,
            device=workshop.device,
            lang=workshop.lang,
            plan=workshop.plan.name,
            notes=len(workshop.notes),
            actions=len(workshop.actions),
            open_actions=len(workshop.open_actions),
            current_step=workshop.current_step,
            created=workshop.created,
            follows=workshop.follows,
            open_tasks=tuple(Task.of(action) for action in workshop.open_actions),
            origins=tuple(action.origin for action in workshop.actions if action.origin),
            events=events,
            mtime_ns=stat.st_mtime_ns,
            size=stat.st_size,
        )


def _kinds(cls: type) -> dict[str, tuple[bool, bool]]:
    """For each field of a struct of plain fields: (is it text, may it be None)."""
    kinds = {}
    for name, kind in get_type_hints(cls).items():
        if name in _NESTED:
            continue
        assert kind in (str, int, str | None, int | None), f"{cls.__name__}.{name} is not plain text or a number"
        kinds[name] = (kind in (str, str | None), kind in (str | None, int | None))
    return kinds


_NESTED = ("open_tasks", "origins", "events")
_ENTRY_FIELDS = frozenset(Entry.__struct_fields__)
_ENTRY_KINDS = _kinds(Entry)
_TASK_FIELDS = frozenset(Task.__struct_fields__)
_TASK_KINDS = _kinds(Task)


def _entry(data: Any) -> Entry | None:
    """An entry read back from the catalog, or ``None`` if it is not exactly what :meth:`Entry.of` writes.

    The catalog may have been edited by hand: a wrong type would fail later in the interface, and text with escape
    sequences would reach the terminal through ``darbnica list``. Such an entry is remade from its workshop file.
    """
    if not isinstance(data, dict) or data.keys() != _ENTRY_FIELDS:
        return None
    tasks, origins, events = data["open_tasks"], data["origins"], data["events"]
    if not all(isinstance(items, list) for items in (tasks, origins, events)):
        return None
    if not all(map(_text, origins)) or not all(map(_text, events)):
        return None
    if not all(isinstance(task, dict) and task.keys() == _TASK_FIELDS and _typed(task, _TASK_KINDS) for task in tasks):
        return None
    if not _typed(data, _ENTRY_KINDS):
        return None
    tasks_read = tuple(Task(**task) for task in tasks)
    return Entry(**{**data, "open_tasks": tasks_read, "origins": tuple(origins), "events": tuple(events)})


def _checked(data: Any) -> dict[str, Entry]:
    """The entries of a catalog read as plain JSON, each checked on its own: one that is not as darbnica writes it
    is left out (and so remade from its file); a catalog of another version or shape gives none."""
    if not isinstance(data, dict) or data.get("version") != CATALOG_VERSION:
        return {}
    items = data.get("workshops")
    entries = (_entry(item) for item in items) if isinstance(items, list) else ()
    return {entry.id: entry for entry in entries if entry is not None}


class _File(msgspec.Struct):
    """The catalog file as :meth:`Catalog.save` writes it, for the typed decoder."""

    version: int
    workshops: list[Entry]


_DECODER = msgspec.json.Decoder(_File)
_ESCAPE = re.compile(r"\\[bfnrtu]")
"""A JSON escape that may stand for a character the terminal must not get (an escaped backslash before such a
letter is a false alarm, which only costs the slower way)."""


def _decoded(raw: bytes) -> dict[str, Entry] | None:
    """The entries of a catalog exactly as :meth:`Catalog.save` writes it, decoded by its declared types in one
    pass (a third of the time of :func:`_checked`, which looks at each field: with 10,000 workshops that was a
    quarter of a second of the start); ``None`` if anything in it is not, and :func:`_checked` must look.

    The types are msgspec's to check (a number where text belongs, ``true`` for a count, a missing field: every
    entry is looked at again); the text is checked at once over the whole file: no character in it that
    :func:`~darbnica.text.display` would remove, and no escape that could stand for one. A field darbnica does not
    write is ignored (it is gone at the next save)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.isprintable() or ("\\" in text and _ESCAPE.search(text)):
        return None
    try:
        read = _DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return None
    if read.version != CATALOG_VERSION:
        return {}
    return {entry.id: entry for entry in read.workshops}


def _text(value: Any) -> bool:
    """Plain text, as the store writes it: no escape sequence that would reach the terminal."""
    return isinstance(value, str) and display(value) == value


def _typed(data: dict[str, Any], kinds: dict[str, tuple[bool, bool]]) -> bool:
    """Every plain field of ``data`` is of its kind (text or whole number); an optional one may be None."""
    for name, (is_text, optional) in kinds.items():
        value = data[name]
        if value is None and optional:
            continue
        if is_text:
            if not _text(value):
                return False
        elif not isinstance(value, int) or isinstance(value, bool):
            return False
    return True


def plain(entries: Iterable[Entry]) -> Any:
    """What :func:`_entry` reads back: dicts, lists, text and numbers (``darbnica list --json`` prints the same)."""
    return msgspec.to_builtins(list(entries))


def _workshop_files(folder: Path) -> list[os.DirEntry[str]]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:
        return [f for f in found if f.name.endswith(".json") and not f.name.startswith(".") and f.is_file()]


def _stats(folder: Path, names: list[str]) -> list[os.stat_result | None]:
    """Each file's status (``None`` for one not there). Looked up from the open folder where the system can: a
    fifth less time than from whole paths, which is a part of every start with 10,000 workshops."""
    if os.stat not in os.supports_dir_fd:
        return [_stat(str(folder / name)) for name in names]
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:
        return [None] * len(names)
    try:
        return [_stat(name, fd) for name in names]
    finally:
        os.close(fd)


def _stat(path: str, folder_fd: int | None = None) -> os.stat_result | None:
    try:
        return os.stat(path, dir_fd=folder_fd)
    except FileNotFoundError:
        return None


def workshop_ids(folder: Path) -> list[str]:
    """The ids of the workshop files in ``folder`` (the library's, or the trash), sorted."""
    return sorted(item.name[: -len(".json")] for item in _workshop_files(folder))


def from_other_laptops(entries: Iterable[Entry], device: str) -> bool:
    """Whether any of the workshops is another laptop's: only then do the views name each one's laptop."""
    return any(entry.device not in ("", device) for entry in entries)


def laptop_label(entry: Entry, device: str, this_laptop: str) -> str:
    """How a view names a workshop's laptop: ``this_laptop`` for this one's, "–" for one made before sharing."""
    if entry.device == device:
        return this_laptop
    return entry.device or "–"


_NEWEST = attrgetter("date", "created", "id")


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=_NEWEST, reverse=True)


class Catalog:
    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self.folder = folder
        self._kept: tuple[tuple[int, int], dict[str, Entry]] | None = None
        """The entries last read from or written to the catalog file, with that file's time and size. Listing
        again in the same process (the app, back from a workshop) parses the file again only if it changed:
        with a thousand workshops that is most of the time the library takes to appear."""
        self._listed: list[Entry] = []
        """What :meth:`refresh` last returned: when every entry is the same again, so is the order (not sorted
        again each time the library is shown)."""

    def _load(self) -> dict[str, Entry]:
        try:
            stat = self.path.stat()
            if self._kept is not None and self._kept[0] == (stat.st_mtime_ns, stat.st_size):
                return dict(self._kept[1])
            raw = self.path.read_bytes()
            loaded = _decoded(raw)
            if loaded is None:
                loaded = _checked(parse_json(raw, str(self.path)))
        except FileNotFoundError:
            return {}
        except (OSError, CorruptFile) as error:
            # Only an index: every entry is remade from the workshop files, so nothing typed is in it to keep.
            log.warning("rebuilding the catalog: %s", error)
            return {}
        self._kept = ((stat.st_mtime_ns, stat.st_size), loaded)
        return dict(loaded)

    def refresh(
        self,
        read: Callable[[Path], Workshop],
        on_error: Callable[[Path, Exception], None],
        events: Mapping[str, tuple[str, ...]] | None = None,
        only: Collection[str] | None = None,
    ) -> list[Entry]:
        """Bring the catalog up to date with the workshop files and return its entries, newest first.

        ``read`` reads one workshop file with its events folded in; a file it cannot read is passed to
        ``on_error`` and left out. ``events``: each workshop's event file names, so that a workshop with new ones
        is read again. ``only``: look at these workshops' files alone and take the others as last listed (the app,
        back from the workshop it had open, draws the list first and looks at every file right after).
        """
        events = events or {}
        known = self._load()
        if only is None:
            ids = [item.name[: -len(".json")] for item in _workshop_files(self.folder)]
            current: dict[str, Entry] = {}
        else:
            ids = list(only)
            current = {i: entry for i, entry in known.items() if i not in only}
        changed = False
        for workshop_id, stat in zip(ids, _stats(self.folder, [f"{i}.json" for i in ids]), strict=True):
            if stat is None:
                continue  # deleted meanwhile: not listed
            entry = known.get(workshop_id)
            folded = events.get(workshop_id, ())
            if (
                entry is None
                or entry.mtime_ns != stat.st_mtime_ns
                or entry.size != stat.st_size
                or entry.events != folded
            ):
                path = self.folder / f"{workshop_id}.json"
                try:
                    workshop = read(path)
                except (DarbnicaError, OSError) as error:
                    on_error(path, error)
                    continue
                entry = Entry.of(workshop, stat, folded)
                changed = True
            current[workshop_id] = entry
        listed = self._listed
        if len(listed) != len(current) or any(current.get(entry.id) is not entry for entry in listed):
            # In the catalog's order first: it is saved newest first, so the sort only checks the order (a tenth
            # of the time of sorting 10,000 workshops from the folder's order) and places the new ones.
            known_first = [current[i] for i in known if i in current]
            known_first += [entry for i, entry in current.items() if i not in known]
            listed = self._listed = newest_first(known_first)
        if changed or set(current) != set(known):
            try:
                self.save(listed)
            except WriteFailed as error:
                # The listing is still right; the next one simply reads the changed files again.
                log.warning("could not update the catalog: %s", error)
        return list(listed)

    def add(self, entries: list[Entry]) -> None:
        """Record entries for files just written in bulk (by the sample generator), so listing need not read them."""
        self.save({**self._load(), **{entry.id: entry for entry in entries}}.values())

    def save(self, entries: Iterable[Entry]) -> None:
        """Write the entries, newest first: the order the library lists them in (see :meth:`refresh`)."""
        kept = {entry.id: entry for entry in newest_first(list(entries))}
        data = {"version": CATALOG_VERSION, "workshops": plain(kept.values())}
        ensure_folder(self.path.parent)
        atomic_write(self.path, dump_json(data))
        try:
            stat = self.path.stat()
        except OSError:
            self._kept = None  # read it again next time
        else:
            self._kept = ((stat.st_mtime_ns, stat.st_size), kept)
