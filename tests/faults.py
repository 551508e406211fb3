"""A disk that refuses writes, for tests: full (ENOSPC), read-only (EROFS), forbidden (EACCES) or failing (EIO).

The refusal is made at the operating-system calls darbnica's store and ``filelock`` use (``os.open``, ``os.write``,
``os.fsync``, ``os.replace``, ``os.unlink``, ``os.mkdir``), and only for paths under one folder, so the code under
test runs exactly as it would against such a disk and nothing else in the test process is disturbed. Each kind
refuses what a real one does:

- a full disk lets files be opened, renamed and removed, but no byte be written;
- a read-only folder refuses every change: creating, opening for writing, renaming, removing;
- a folder without write permission refuses creating, renaming and removing entries, not writing existing files;
- an I/O error fails the fsync that should make a write durable.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

KINDS = {
    "disk full": errno.ENOSPC,
    "read-only": errno.EROFS,
    "permission denied": errno.EACCES,
    "I/O error": errno.EIO,
}

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Disk:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.root = str(root)
        self.code: int | None = None
        self._ours: set[int] = set()  # descriptors of files under root
        real = {name: getattr(os, name) for name in ("open", "write", "fsync", "close", "replace", "unlink", "mkdir")}

        def under(path: str | os.PathLike[str] | int) -> bool:
            return not isinstance(path, int) and os.fspath(path).startswith(self.root)

        def refuse(path: str | os.PathLike[str] | None = None) -> None:
            assert self.code is not None
            raise OSError(self.code, os.strerror(self.code), None if path is None else os.fspath(path))

        def fake_open(path, flags, mode=0o777, *, dir_fd=None):
            if under(path) and flags & _WRITING:
                creating = flags & os.O_CREAT and not os.path.exists(path)
                if self.code == errno.EROFS or (self.code == errno.EACCES and creating):
                    refuse(path)
            fd = real["open"](path, flags, mode, dir_fd=dir_fd)
            if under(path):
                self._ours.add(fd)
            return fd

        def fake_write(fd, data):
            if fd in self._ours and self.code == errno.ENOSPC:
                refuse()
            return real["write"](fd, data)

        def fake_fsync(fd):
            if fd in self._ours and self.code == errno.EIO:
                refuse()
            return real["fsync"](fd)

        def fake_close(fd):
            self._ours.discard(fd)
            return real["close"](fd)

        def changes_entries(name: str):
            def fake(path, *args, **kwargs):
                if under(path) and self.code in (errno.EROFS, errno.EACCES):
                    refuse(path)
                return real[name](path, *args, **kwargs)

            return fake

        for name, fake in {
            "open": fake_open,
            "write": fake_write,
            "fsync": fake_fsync,
            "close": fake_close,
            "replace": changes_entries("replace"),
            "unlink": changes_entries("unlink"),
            "mkdir": changes_entries("mkdir"),
        }.items():
            monkeypatch.setattr(os, name, fake)

    def refuse(self, kind: str) -> None:
        """From now on, refuse writes as a disk of this kind (a key of :data:`KINDS`) would."""
        self.code = KINDS[kind]

    def allow(self) -> None:
        """The disk works again (space was freed, the folder made writable)."""
        self.code = None
