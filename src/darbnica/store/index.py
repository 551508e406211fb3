"""The full-text index: which workshops hold which words, so a word search need not read every workshop file.

It is a derived file beside the catalog (``<data>/search.sqlite3``), never the source of truth: SQLite's FTS5 (part
of Python's ``sqlite3``) holding, for each workshop, the terms of everything people wrote in it
(:mod:`.terms`), and the size and modification time of the workshop file those terms were read from. A workshop
whose file no longer has that size and time is *stale*: a search reads its file instead (:mod:`.search`), and
:meth:`SearchIndex.refresh` reads it into the index again. So the index can be behind, never wrong, and losing it
loses nothing:

- every write through the store puts the workshop's terms here in the same moment (:class:`~.workshop.WorkshopFile`,
  :class:`~.library.Library`); a put that fails (another process holds the index for seconds, a full disk) only
  leaves that workshop stale;
- a damaged index (truncated, overwritten, not a database) is deleted and made again, empty, so every workshop is
  stale until a refresh has read it; a writer killed mid-transaction leaves SQLite's journal, which the next
  opening rolls back, so what is in the index is always whole;
- a Python whose SQLite has no FTS5 has no index: every search reads the files, as it did before there was one.

Several processes and threads may use it at once (the app's writer thread, its search worker, ``darbnica add``):
each thread has its own connection, SQLite's write-ahead log lets them read while one writes, and a put checks
that no one put a newer state of the workshop while it was reading the file.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from darbnica.store.terms import terms_of, written_in_tables

if TYPE_CHECKING:
    import sqlite3

    from darbnica.store.catalog import Entry

log = logging.getLogger(__name__)

INDEX_VERSION = "1"
"""The layout of the index file; an index of another version is made again."""
MODULE = "fts5"
"""SQLite's full-text module (a name here so a test can ask for one that is missing)."""
BUSY_MS = 2000
"""How long a write waits for another process's write to the index before giving up (the workshop stays stale)."""
BATCH = 50
"""Workshops read into the index in one transaction by a refresh: short enough not to hold up a writer."""

Stamp = tuple[int, int]
"""A workshop file's modification time (ns) and size, as the catalog records them."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS docs (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, mtime_ns INTEGER NOT NULL,"
    " size INTEGER NOT NULL)",
    # detail=none: only which workshop holds a term is kept, not where (a search asks nothing else); prefix: the
    # terms' first one and two letters are indexed too, so the first letter typed is found as fast as a word.
    "CREATE VIRTUAL TABLE IF NOT EXISTS words USING {module}(terms, detail=none, prefix='1 2',"
    " tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\")",
)
_DAMAGE = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB


class Unusable(Exception):
    """The index cannot answer now (no FTS5, a lock held too long, a damaged file being made again)."""


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_mtime_ns, stat.st_size)


def entry_stamp(entry: Entry) -> Stamp:
    return (entry.mtime_ns, entry.size)


def body(terms: Iterable[str]) -> str:
    return " ".join(sorted(set(terms)))


def read_terms(path: Path) -> tuple[frozenset[str], Stamp] | None:
    """The terms of what was written in a workshop file, and the stamp of the file they were read from; ``None``
    if it cannot be read (the listing reports such a file)."""
    try:
        with path.open("rb") as file:
            stamp = stamp_of(os.fstat(file.fileno()))  # the file read, even if it is replaced meanwhile
            raw = file.read()
        tables = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(tables, dict):
        return None
    return terms_of(written_in_tables(tables)), stamp


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.missing_fts = False
        """SQLite has no FTS5 here: there is no index, and every search reads the files."""
        self._local = threading.local()
        self._lock = threading.Lock()
        self._verified: tuple[int, int] | None = None
        """The file (device, inode) this process has checked whole; another file is checked again."""

    # -- the connection ----------------------------------------------------------------------------------

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection to the index file as it is now (made again if the file was replaced)."""
        if self.missing_fts:
            raise Unusable("no FTS5")
        kept: tuple[tuple[int, int] | None, sqlite3.Connection] | None = getattr(self._local, "db", None)
        identity = self._identity()
        if kept is not None and identity is not None and kept[0] == identity:
            return kept[1]
        if kept is not None:
            self.close()
        import sqlite3  # not at start-up: the library is listed before anyone searches

        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # a power cut may lose the last puts: they are only stale
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        self._local.db = (self._identity(), db)
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        import sqlite3

        with self._lock:
            identity = self._identity()
            if identity == self._verified:
                return
            rows = db.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise sqlite3.DatabaseError(f"quick_check: {rows[:3]}")
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA:
                    db.execute(statement.format(module=MODULE))
                db.execute("INSERT OR IGNORE INTO info VALUES ('version', ?)", (INDEX_VERSION,))
                (version,) = db.execute("SELECT value FROM info WHERE key = 'version'").fetchone()
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            if version != INDEX_VERSION:
                raise sqlite3.DatabaseError(f"index version {version}")
            self._verified = identity

    def close(self) -> None:
        """Close this thread's connection (the next use opens one again)."""
        kept = getattr(self._local, "db", None)
        if kept is not None:
            kept[1].close()
            self._local.db = None

    def _reset(self) -> None:
        """Delete a damaged index; the next use makes it again, empty."""
        self.close()
        with self._lock:
            self._verified = None
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(f"{self.path}{suffix}")
                except FileNotFoundError:
                    pass
                except OSError as error:
                    log.warning("could not remove the damaged search index %s: %s", self.path, error)

    def _use(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``work`` on this thread's connection; raise :class:`Unusable` if the index cannot answer."""
        import sqlite3

        for attempt in (1, 2):
            try:
                return work(self._connect())
            except OSError as error:  # the folder cannot be written (a read-only stick)
                raise Unusable(str(error)) from None
            except sqlite3.Error as error:
                if isinstance(error, sqlite3.OperationalError) and "no such module" in str(error):
                    log.warning("SQLite has no %s: words are searched in the workshop files", MODULE)
                    self.missing_fts = True
                    raise Unusable(str(error)) from None
                code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
                if code not in _DAMAGE and type(error) is not sqlite3.DatabaseError:
                    raise Unusable(str(error)) from None  # locked, busy, a full or read-only disk: try later
                log.warning("the search index %s is damaged, making it again: %s", self.path, error)
                self._reset()
                if attempt == 2:
                    raise Unusable(str(error)) from None
        raise AssertionError("unreachable")

    def check_soon(self) -> None:
        """Open and check the index file now, in a thread of its own. SQLite checks the file without holding the
        interpreter's lock: started before the catalog is read, the check (about 20 ms at 10,000 workshops) runs on
        another core meanwhile, and the refresh or search that follows finds the file checked."""
        if self.missing_fts:
            return

        def check() -> None:
            try:
                self._use(lambda db: None)
            except Unusable:
                pass  # the use that needs the index says so, and searches read the files meanwhile
            except Exception:
                log.exception("checking the search index %s failed", self.path)
            finally:
                self.close()

        threading.Thread(target=check, name="index-check", daemon=True).start()

    # -- reading -----------------------------------------------------------------------------------------

    def stamps(self) -> dict[str, Stamp]:
        """Each indexed workshop and the stamp of the file its terms came from."""
        rows = self._use(lambda db: db.execute("SELECT id, mtime_ns, size FROM docs").fetchall())
        return {workshop_id: (mtime, size) for workshop_id, mtime, size in rows}

    def having(self, words: Sequence[Sequence[str]], *, stamps: bool = True) -> tuple[dict[str, Stamp], list[set[str]]]:
        """The stamps (as :meth:`stamps`) and, for each query word, the workshops with every term of it at the
        start of one of theirs (see :func:`~.terms.has_word`), read together, as of one moment. Without
        ``stamps`` (a caller that knows the index is in step with its list) no stamp is read: with 10,000
        workshops, reading them all was most of the time a search took."""
        sql = "SELECT id FROM docs WHERE n IN (SELECT rowid FROM words WHERE words MATCH ?)"

        def work(db: sqlite3.Connection) -> tuple[dict[str, Stamp], list[set[str]]]:
            db.execute("BEGIN")
            try:
                rows = db.execute("SELECT id, mtime_ns, size FROM docs").fetchall() if stamps else []
                found = []
                for word in words:
                    # Terms hold only a-z 0-9 _: nothing in them to escape, nothing FTS5 reads as an operator.
                    query = " AND ".join(f'"{term}"*' for term in word)
                    found.append({row[0] for row in db.execute(sql, (query,))} if word else set())
            finally:
                db.execute("COMMIT")
            return {workshop_id: (mtime, size) for workshop_id, mtime, size in rows}, found

        result: tuple[dict[str, Stamp], list[set[str]]] = self._use(work)
        return result

    # -- writing -----------------------------------------------------------------------------------------

    def put(self, workshop_id: str, terms: Collection[str], stamp: Stamp) -> bool:
        """Record a workshop's terms as they are in its file of ``stamp``; ``False`` if the index refused."""
        return self.put_many([(workshop_id, terms, stamp)])

    def put_many(
        self, items: Sequence[tuple[str, Collection[str], Stamp]], expected: dict[str, Stamp | None] | None = None
    ) -> bool:
        """Record several workshops in one transaction: ``(id, terms, stamp)``. With ``expected`` (a refresh that
        read the files), a workshop whose indexed stamp is no longer the one expected (``None``: not indexed) is
        left alone: someone put a newer state while its file was being read."""

        def work(db: sqlite3.Connection) -> None:
            for workshop_id, terms, stamp in items:
                self._put(db, workshop_id, body(terms), stamp, expected)

        return self._write(work, "search index not updated (%s): those workshops are searched in their files")

    @staticmethod
    def _put(
        db: sqlite3.Connection, workshop_id: str, terms: str, stamp: Stamp, expected: dict[str, Stamp | None] | None
    ) -> None:
        row = db.execute("SELECT n, mtime_ns, size FROM docs WHERE id = ?", (workshop_id,)).fetchone()
        if expected is not None and (tuple(row[1:]) if row else None) != expected.get(workshop_id):
            return
        if row is None:
            n = db.execute("INSERT INTO docs (id, mtime_ns, size) VALUES (?, ?, ?)", (workshop_id, *stamp)).lastrowid
        else:
            n = row[0]
            db.execute("UPDATE docs SET mtime_ns = ?, size = ? WHERE n = ?", (*stamp, n))
            kept = db.execute("SELECT terms FROM words WHERE rowid = ?", (n,)).fetchone()
            if kept is not None and kept[0] == terms:
                return  # nothing new was written (a vote, a draft, a word already there)
            db.execute("DELETE FROM words WHERE rowid = ?", (n,))
        db.execute("INSERT INTO words (rowid, terms) VALUES (?, ?)", (n, terms))

    def remove(self, workshop_ids: Iterable[str]) -> bool:
        ids = [(workshop_id,) for workshop_id in workshop_ids]

        def work(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM words WHERE rowid = (SELECT n FROM docs WHERE id = ?)", ids)
            db.executemany("DELETE FROM docs WHERE id = ?", ids)

        return self._write(work, "search index not updated (%s)")

    def _write(self, change: Callable[[sqlite3.Connection], None], failed: str) -> bool:
        """Make ``change`` in one write transaction, all of it or nothing; ``False`` (and ``failed`` logged with
        the reason) when the index cannot be used."""

        def work(db: sqlite3.Connection) -> None:
            db.execute("BEGIN IMMEDIATE")
            try:
                change(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

        try:
            self._use(work)
        except Unusable as error:
            log.warning(failed, error)
            return False
        return True

    # -- keeping it in step with the files ------------------------------------------------------------------

    def stale(self, entries: Sequence[Entry]) -> list[Entry]:
        """The entries whose terms are not indexed as their file is listed (raises :class:`Unusable`)."""
        stamps = self.stamps()
        return [entry for entry in entries if stamps.get(entry.id) != entry_stamp(entry)]

    def refresh(
        self,
        entries: Sequence[Entry],
        path_of: Callable[[str], Path],
        progress: Callable[[int, int], None] = lambda done, total: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> bool:
        """Read every stale workshop's file into the index and forget the workshops that are gone; ``True`` once
        the index holds every entry as listed. ``progress(done, total)`` is called after each batch."""
        try:
            stamps = self.stamps()
        except Unusable:
            return False
        listed = {entry.id for entry in entries}
        gone = [workshop_id for workshop_id in stamps if workshop_id not in listed]
        if gone and not self.remove(gone):
            return False
        stale = [entry for entry in entries if stamps.get(entry.id) != entry_stamp(entry)]
        total, whole = len(stale), True
        expected = {entry.id: stamps.get(entry.id) for entry in stale}
        for start in range(0, total, BATCH):
            if cancelled():
                return False
            batch = []
            for entry in stale[start : start + BATCH]:
                read = read_terms(path_of(entry.id))
                if read is None:
                    whole = False
                    continue
                terms, stamp = read
                batch.append((entry.id, terms, stamp))
                whole = whole and stamp == entry_stamp(entry)
            if batch and not self.put_many(batch, expected):
                return False
            progress(min(start + BATCH, total), total)
        return whole
