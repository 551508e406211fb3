"""One writer per workshop file.

The lock is an OS file lock (``filelock``: ``flock`` on Unix, ``msvcrt`` on Windows) on ``.<id>.lock`` beside the
workshop file. The OS drops it when its process dies, so a lock left by a killed process is taken over by the next
one without any clean-up. Who holds it is written to ``.<id>.owner`` so a refused process can say which other
process has the workshop open.

A killed holder leaves its ``.owner`` behind. The next holder overwrites it, but a refused process may read it
before that (or after a failed overwrite on a full disk), so a record is only believed if the process it names is
still alive and, where Linux's ``/proc/locks`` tells, holds the lock; otherwise the message names no process.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from textwrap import shorten

from darbnica.errors import Locked, WriteFailed
from darbnica.store.storage import atomic_write, dump_json, remove_stale_temps, write_failed
from darbnica.text import display

log = logging.getLogger(__name__)

REACQUIRE_SECONDS = 3.0
"""How long a writer whose lock file was removed waits to take the lock again (a command line holds it briefly)."""


def _owner_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.owner")


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.lock")


def _lock_holders(lock: Path) -> set[int] | None:
    """The processes holding an OS lock on ``lock``, from ``/proc/locks``; ``None`` where that cannot be known."""
    try:
        stat = lock.stat()
        lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    # "1: FLOCK  ADVISORY  WRITE 12276 fe:00:2171955 0 EOF": the pid, then the device (hex) and inode of the file.
    # Lines with "->" are processes waiting for a lock, not holding one.
    inode = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    return {int(f[4]) for f in (line.split() for line in lines) if len(f) > 5 and f[1] != "->" and f[5] == inode}


def _may_hold(pid: int, lock: Path) -> bool:
    """Whether process ``pid`` on this machine can be the one holding ``lock`` (``True`` where it cannot be told)."""
    holders = _lock_holders(lock)
    if holders is not None:
        return pid in holders
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there, not test for life
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def describe_owner(path: Path) -> str | None:
    """ "1234 (darbnica open …) @ host, since …" for the process holding the lock, ``None`` if that is not known."""
    try:
        owner = json.loads(_owner_path(path).read_text(encoding="utf-8"))
        pid, host = owner["pid"], owner["host"]
        described = f"{pid} ({owner['command']}) @ {host}, {owner['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(pid, int) or (host == socket.gethostname() and not _may_hold(pid, _lock_path(path))):
        return None  # left behind by a process that died: naming it would send the facilitator to the wrong place
    return display(described)


class WorkshopLock:
    def __init__(self, path: Path, wait: float = 0.0) -> None:
        # Imported here: the library listed at start needs no lock, and filelock takes a few ms to import.
        from filelock import FileLock

        self.path = path
        self.wait = wait
        """Seconds to wait for a holder to finish before giving up (the command line waits a moment; the app,
        opening a workshop, says at once that another darbnica has it)."""
        self._lock = FileLock(_lock_path(path), timeout=wait)
        self._locked: tuple[int, int] | None = None
        """The device and inode of the lock file this process locked."""

    def acquire(self) -> None:
        """Take the lock (waiting up to :attr:`wait`) or raise :class:`Locked` naming the process that holds it."""
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            holder = describe_owner(self.path)
            if holder is None:
                raise Locked("error.locked_unknown", workshop=self.path.stem) from None
            raise Locked("error.locked", workshop=self.path.stem, owner=holder) from None
        except OSError as error:  # the lock file cannot be made: a read-only or forbidden folder
            raise write_failed(error, _lock_path(self.path)) from error
        self._locked = self._identity()
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": shorten(" ".join(["darbnica", *sys.argv[1:]]), 60, placeholder=" …"),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        remove_stale_temps(_owner_path(self.path))  # a holder killed while writing its record leaves one
        try:
            atomic_write(_owner_path(self.path), dump_json(owner))
        except WriteFailed as error:
            # Only the name shown to a refused second process is missing; the lock itself is held. A record left by
            # an earlier, dead holder must not stand in for ours.
            log.warning("could not record the lock owner: %s", error)
            self._forget_owner()

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(_lock_path(self.path))
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    def ensure(self) -> None:
        """Before a write: make sure this process still holds the lock.

        An OS lock lives on the lock file's inode. If someone deletes or replaces ``.<id>.lock`` while it is held,
        another process can create a new one and lock it, and two writers would each think they are the only one.
        So the file is checked before every write; if it is not the one locked, the lock is taken again on the file
        that is there now (waiting a moment for a process that holds it), and a :class:`Locked` is raised if another
        process keeps it. (The writer then also finds the workshop file changed, and keeps what was written.)
        """
        if self._locked is not None and self._identity() == self._locked:
            return
        from filelock import FileLock

        log.warning("the lock file of %s was removed or replaced: taking the lock again", self.path.name)
        self._lock.release(force=True)
        self._lock = FileLock(_lock_path(self.path), timeout=max(self.wait, REACQUIRE_SECONDS))
        self.acquire()

    def _forget_owner(self) -> None:
        try:
            _owner_path(self.path).unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove the lock owner record: %s", error)

    def release(self) -> None:
        if self._lock.is_locked:
            self._forget_owner()  # first, so a record never outlives the lock it describes
            self._lock.release()
        self._locked = None
