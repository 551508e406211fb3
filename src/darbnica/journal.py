"""An append-only file of JSON lines, each on disk before :meth:`Journal.append` returns.

What phones send is kept here before the phone is told "received" (see :mod:`darbnica.room`). A line is written
whole with one ``write`` on a file opened for appending, then the file is fsynced. Callers on several threads
share fsyncs (group commit): while one thread waits for the disk, the lines the others append are gathered, and
the next fsync covers them all, so a room sending at once costs a few fsyncs, not one each, and no one waits
longer than two fsyncs.

A process killed in the middle of a write leaves a last line without its line break: reading skips it (it was
never acknowledged) and opening for appending cuts it off, so the next line starts clean. Only one process
appends at a time: the file is locked while it is open (where the system has ``flock``).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from darbnica.errors import Locked, WriteFailed
from darbnica.store.storage import sync_folder, temp_name, write_failed

log = logging.getLogger(__name__)

try:
    import fcntl
except ImportError:  # Windows: one app per workshop is then only what the workshop's own lock gives
    fcntl = None  # type: ignore[assignment]


def encode(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def read_records(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The records in the file at ``path`` (none if there is no file) and the length of its whole lines: a torn
    last line, and any line that is not a JSON object (a damaged disk, a hand edit), is left out."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError as error:
        raise WriteFailed("room.journal_unreadable", path=str(path), reason=error.strerror or str(error)) from None
    whole = raw.rfind(b"\n") + 1
    records = []
    for number, line in enumerate(raw[:whole].splitlines(), start=1):
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            record = None
        if isinstance(record, dict):
            records.append(record)
        elif line.strip():
            log.warning("%s, line %d: not a record, skipped", path, number)
    return records, whole


def _lock(fd: int, path: Path) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise Locked("room.journal_locked", path=str(path)) from None


class Journal:
    """The file at ``path``, open for appending until :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records, whole = read_records(path)
        """What the file held when it was opened."""
        self._fd = self._open(path, whole)
        self._cond = threading.Condition()
        self._pending: list[bytes] = []
        self._queued = 0
        """Lines handed to :meth:`append` so far (each gets the next number)."""
        self._done = 0
        """Lines up to this number are settled: on disk, or refused with :attr:`_failed`."""
        self._failed: dict[int, WriteFailed] = {}
        self._writing = False

    @staticmethod
    def _open(path: Path, whole: int) -> int:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as error:
            raise write_failed(error, path) from error
        _lock(fd, path)
        try:
            if os.fstat(fd).st_size > whole:
                os.ftruncate(fd, whole)  # the torn last line of a killed writer: never acknowledged
                os.fsync(fd)
        except OSError as error:
            os.close(fd)
            raise write_failed(error, path) from error
        return fd

    def append(self, record: dict[str, Any]) -> None:
        """Write ``record`` as one line and return once it is on disk; :class:`WriteFailed` if the disk refused
        it (then it may or may not be in the file: a reader counts it only if the line is whole)."""
        line = encode(record)
        with self._cond:
            self._queued += 1
            mine = self._queued
            self._pending.append(line)
            while self._done < mine:
                if self._writing:
                    self._cond.wait()
                    continue
                self._writing = True
                batch, self._pending, last = self._pending, [], self._queued
                self._cond.release()
                error: WriteFailed | None = None
                try:
                    self._write(b"".join(batch))
                except WriteFailed as refused:
                    error = refused
                finally:
                    self._cond.acquire()
                    self._writing = False
                    if error is not None:
                        self._failed.update((number, error) for number in range(self._done + 1, last + 1))
                    self._done = last
                    self._cond.notify_all()
            outcome = self._failed.pop(mine, None)
        if outcome is not None:
            raise outcome

    def _write(self, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as error:
            raise write_failed(error, self.path) from error

    def rewrite_with(self, change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
        """Replace the file with ``change`` of the records it holds, atomically (a crash leaves the old file or the
        new one), and go on appending to the new one. Appends wait meanwhile; every acknowledged line is in what
        ``change`` is given."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            records = change(read_records(self.path)[0])
            temp = temp_name(self.path)
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
            except OSError as error:
                raise write_failed(error, self.path) from error
            try:
                _lock(fd, temp)
                view = memoryview(b"".join(encode(record) for record in records))
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
                os.replace(temp, self.path)
            except OSError as error:
                os.close(fd)
                temp.unlink(missing_ok=True)
                raise write_failed(error, self.path) from error
            old, self._fd = self._fd, fd
            os.close(old)
            try:
                sync_folder(self.path.parent)
            except OSError as error:  # the new file is in place; only whether the rename survives a power cut is not
                log.warning("could not fsync folder %s: %s", self.path.parent, error)

    def close(self) -> None:
        with self._cond:
            while self._writing:
                self._cond.wait()
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
