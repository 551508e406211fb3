"""One writer per workshop file.

The lock is an OS file lock (``filelock``: ``flock`` on Unix, ``msvcrt`` on Windows) on ``.<id>.lock`` beside the
workshop file. The OS drops it when its process dies, so a lock left by a killed process is taken over by the next
one without any clean-up. Who holds it is written to ``.<id>.owner`` so a refused process can say which other
process has the workshop open.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from darbnica.errors import Locked, WriteFailed
from darbnica.store.storage import atomic_write, dump_json

log = logging.getLogger(__name__)


def _owner_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.owner")


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.lock")


def describe_owner(path: Path) -> str:
    """ "process 1234 (darbnica open …) on host, since 10:32", or "another process" if nobody said."""
    try:
        owner = json.loads(_owner_path(path).read_text(encoding="utf-8"))
        return f"{owner['pid']} ({owner['command']}) @ {owner['host']}, {owner['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "?"


class WorkshopLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(_lock_path(path), timeout=0)

    def acquire(self) -> None:
        """Take the lock now or raise :class:`Locked` naming the process that holds it."""
        try:
            self._lock.acquire()
        except Timeout:
            raise Locked("error.locked", workshop=self.path.stem, owner=describe_owner(self.path)) from None
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": " ".join(["darbnica", *sys.argv[1:3]]),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        try:
            atomic_write(_owner_path(self.path), dump_json(owner))
        except WriteFailed as error:
            # Only the name shown to a refused second process is missing; the lock itself is held.
            log.warning("could not record the lock owner: %s", error)

    def release(self) -> None:
        if self._lock.is_locked:
            _owner_path(self.path).unlink(missing_ok=True)
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked
