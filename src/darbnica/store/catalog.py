"""The catalog: a small index of all workshops, so the home screen does not open every workshop file.

It is a cache and nothing else. Each entry records the size and modification time of the workshop file it was made
from; an entry whose file changed is remade from that file, a file without an entry gets one, an entry without a
file is dropped. A missing or damaged catalog is simply rebuilt. Adding a note therefore never writes the catalog:
the next listing notices the changed file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, get_type_hints

from darbnica.errors import CorruptFile, DarbnicaError, WriteFailed
from darbnica.model import Workshop
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, load_json
from darbnica.text import display

CATALOG_VERSION = 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    place: str
    date: str
    facilitator: str
    lang: str
    plan: str
    notes: int
    actions: int
    open_actions: int
    current_step: str
    created: str
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, workshop: Workshop, stat: os.stat_result) -> Entry:
        return cls(
            id=workshop.id,
            title=workshop.title,
            place=workshop.place,
            date=workshop.date,
            facilitator=workshop.facilitator,
            lang=workshop.lang,
            plan=workshop.plan.name,
            notes=len(workshop.notes),
            actions=len(workshop.actions),
            open_actions=len(workshop.open_actions),
            current_step=workshop.current_step,
            created=workshop.created,
            mtime_ns=stat.st_mtime_ns,
            size=stat.st_size,
        )


_FIELDS: dict[str, type] = get_type_hints(Entry)


def _entry(data: Any) -> Entry | None:
    """An entry read back from the catalog, or ``None`` if it is not exactly what :meth:`Entry.of` writes.

    The catalog may have been edited by hand: a wrong type would fail later in the interface, and text with escape
    sequences would reach the terminal through ``darbnica list``. Such an entry is remade from its workshop file.
    """
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        return None
    for name, kind in _FIELDS.items():
        value = data[name]
        if not isinstance(value, kind) or isinstance(value, bool):
            return None
        if isinstance(value, str) and display(value) != value:
            return None
    return Entry(**data)


def _workshop_files(folder: Path) -> list[os.DirEntry[str]]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:
        return [f for f in found if f.name.endswith(".json") and not f.name.startswith(".") and f.is_file()]


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date, e.created, e.id), reverse=True)


class Catalog:
    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self.folder = folder

    def _load(self) -> dict[str, Entry]:
        try:
            data = load_json(self.path)
        except FileNotFoundError:
            return {}
        except (OSError, CorruptFile) as error:
            # Only an index: every entry is remade from the workshop files, so nothing typed is in it to keep.
            log.warning("rebuilding the catalog: %s", error)
            return {}
        if not isinstance(data, dict) or data.get("version") != CATALOG_VERSION:
            return {}
        items = data.get("workshops")
        entries = (_entry(item) for item in items) if isinstance(items, list) else ()
        return {entry.id: entry for entry in entries if entry is not None}

    def refresh(self, read: Callable[[Path], Workshop], on_error: Callable[[Path, Exception], None]) -> list[Entry]:
        """Bring the catalog up to date with the workshop files and return its entries, newest first.

        ``read`` reads one workshop file; a file it cannot read is passed to ``on_error`` and left out.
        """
        known = self._load()
        current: dict[str, Entry] = {}
        changed = False
        for item in _workshop_files(self.folder):
            stat = item.stat()
            workshop_id = item.name[: -len(".json")]
            entry = known.get(workshop_id)
            if entry is None or (entry.mtime_ns, entry.size) != (stat.st_mtime_ns, stat.st_size):
                try:
                    workshop = read(Path(item.path))
                except (DarbnicaError, OSError) as error:
                    on_error(Path(item.path), error)
                    continue
                entry = Entry.of(workshop, stat)
                changed = True
            current[workshop_id] = entry
        if changed or set(current) != set(known):
            try:
                self.save(current.values())
            except WriteFailed as error:
                # The listing is still right; the next one simply reads the changed files again.
                log.warning("could not update the catalog: %s", error)
        return newest_first(list(current.values()))

    def save(self, entries: Any) -> None:
        data = {"version": CATALOG_VERSION, "workshops": [asdict(e) for e in entries]}
        ensure_folder(self.path.parent)
        atomic_write(self.path, dump_json(data))
