"""One workshop open for writing.

A :class:`WorkshopFile` is the single writer of one workshop file while it is open: it holds the workshop's lock,
knows the workshop as the file holds it, and :meth:`~WorkshopFile.save` replaces the file with a new state in one
atomic write. What a change is, and whether it is allowed, is the :class:`~darbnica.editing.Editor`'s business; the
file only writes what it is given, and only while it is still the one writer:

- before each write it checks that its lock file is still the one it locked (someone may have deleted it, letting
  another process take a new lock and write); if not, it takes the lock again before writing anything;
- it checks that the file is still the one it last read or wrote; if another program replaced it meanwhile, it
  writes nothing and raises :class:`ForeignChange` with what that program wrote, so that nothing acknowledged to
  anyone is written over (the editor keeps what the other program added and saves again).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from darbnica.errors import CorruptFile, NotFound
from darbnica.model import Workshop
from darbnica.store.encoder import FileEncoder
from darbnica.store.index import SearchIndex
from darbnica.store.lock import WorkshopLock
from darbnica.store.records import workshop_from_tables
from darbnica.store.storage import AtomicJSONStorage, atomic_write, remove_stale_temps
from darbnica.store.terms import TermCache

Stamp = tuple[int, int, int]
"""A file's inode, size and modification time: an atomic replacement always makes a new inode."""


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def load_workshop(path: Path) -> Workshop:
    """The workshop a file holds, checked; its id is the file's name (a copied or renamed file is its own)."""
    tables = AtomicJSONStorage(path).read()
    if tables is None:
        raise NotFound("error.no_workshop", ref=path.stem)
    return replace(workshop_from_tables(tables, path), id=path.stem)


class ForeignChange(Exception):
    """The file was replaced by another program since this one last wrote it (its lock had been broken)."""

    def __init__(self, theirs: Workshop, base: Workshop) -> None:
        super().__init__(theirs.id)
        self.theirs = theirs
        """What the other program wrote."""
        self.base = base
        """What this file last wrote, which the other program started from."""


class WorkshopFile:
    """A workshop open for writing. Use :meth:`Library.open <darbnica.store.library.Library.open>` to get one."""

    def __init__(
        self,
        path: Path,
        lock: WorkshopLock,
        index: SearchIndex | None = None,
        fold: Callable[[Workshop], Workshop] | None = None,
    ) -> None:
        self.path = path
        self._lock = lock
        self._index = index
        self._terms = TermCache()
        remove_stale_temps(path)  # safe: we hold the lock, so no other writer can be mid-write
        self._stamp = stamp_of(os.stat(path))
        self._workshop = load_workshop(path)  # the whole file is checked now, not at the first change
        if fold is not None:  # what other laptops recorded about it (:mod:`.events`), written at the next save
            self._workshop = fold(self._workshop)
        self._encoder = FileEncoder()
        self._unindexed: tuple[int, int] | None = None
        """The modification time and size of the file written and not yet put in the index (a file as it was
        opened is in the index, or stale there and read again by the library's refresh)."""

    @property
    def workshop(self) -> Workshop:
        """The workshop as the file holds it."""
        return self._workshop

    @property
    def id(self) -> str:
        return self._workshop.id

    def save(self, workshop: Workshop) -> None:
        """Replace the file with ``workshop``, atomically, and put it in the search index. On a refusal
        (:class:`~darbnica.errors.WriteFailed`, or the lock taken by another process) the file is as it was."""
        self.write(workshop)
        self.index()

    def write(self, workshop: Workshop) -> None:
        """:meth:`save` without the index: the writer thread reports the note on disk first (see :meth:`index`)."""
        self._lock.ensure()
        # Checked at the last moment, once the new file is on disk, so that a slow disk's fsync is no window in
        # which another program's write could go unseen.
        stat = atomic_write(self.path, self._encoder.encode(workshop), before_replace=self._check_unchanged)
        self._stamp = stamp_of(stat)
        self._workshop = workshop
        self._unindexed = (stat.st_mtime_ns, stat.st_size)

    def index(self) -> None:
        """Put the workshop as the file now holds it in the search index, if it is not there yet. Until then (and
        if the index refuses) the workshop is only stale there: a search reads its file."""
        stamp, self._unindexed = self._unindexed, None
        if self._index is not None and stamp is not None:
            self._index.put(self.path.stem, self._terms.of(self._workshop), stamp)

    def _check_unchanged(self) -> None:
        try:
            now = stamp_of(os.stat(self.path))
        except FileNotFoundError:
            return  # moved away meanwhile (by hand): writing it again loses nothing
        if now == self._stamp:
            return
        base = self._workshop
        try:
            theirs = load_workshop(self.path)
        except CorruptFile:
            # Not a workshop any more: keep what is there for a person to look at, and write ours.
            self.path.replace(self.path.with_name(f"{self.path.name}.foreign-{datetime.now():%Y%m%dT%H%M%S%f}"))
            return
        self._stamp = now
        self._workshop = theirs
        raise ForeignChange(theirs, base)

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> WorkshopFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
