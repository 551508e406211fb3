"""Atomic file replacement, and a TinyDB storage built on it.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a crash mid-write can leave half a file. Here every
write goes to a temporary file in the same folder, is fsynced, replaces the real file with ``os.replace`` and then
the folder is fsynced so the rename itself survives a power cut. A reader therefore always finds either the
previous complete file or the new complete file.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from darbnica.errors import CorruptFile, WriteFailed

log = logging.getLogger(__name__)

_ERRNO_KEYS = {
    errno.ENOSPC: "error.disk_full",
    errno.EDQUOT: "error.disk_full",
    errno.EROFS: "error.read_only_disk",
    errno.EACCES: "error.permission_denied",
    errno.EPERM: "error.permission_denied",
}


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def stale_temps(path: Path) -> list[Path]:
    """Temporary files a killed writer of ``path`` may have left behind."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def remove_stale_temps(path: Path) -> int:
    """Remove leftovers of interrupted writes. Call only while holding the file's lock."""
    removed = 0
    for temp in stale_temps(path):
        try:
            temp.unlink(missing_ok=True)
        except OSError as error:
            # A read-only folder: the leftover is harmless (never read) and the next writable open removes it.
            log.warning("could not remove %s: %s", temp, error)
            continue
        removed += 1
    return removed


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; a refusal is a :class:`WriteFailed` like any other write."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_failed(error, folder) from error


def sync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to fsync it; NTFS journals the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_failed(error: OSError, path: Path) -> WriteFailed:
    key = _ERRNO_KEYS.get(error.errno or 0, "error.write_failed")
    return WriteFailed(key, path=str(path), reason=error.strerror or str(error))


def _discard(temp: Path) -> None:
    try:
        temp.unlink(missing_ok=True)
    except OSError as error:
        # The folder stopped taking changes between creating the file and now. The leftover is never read, and the
        # next open of the workshop removes it; the error worth reporting is the one that stopped the write.
        log.warning("could not remove %s: %s", temp, error)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash at any moment leaves the old or the new file, whole."""
    temp = temp_name(path)
    try:
        # The new file keeps the mode of the one it replaces: a workshop someone made private (chmod 600) stays so.
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None  # a new file: the usual 644, less the umask
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as error:
        raise write_failed(error, path) from error
    try:
        try:
            if mode is not None:
                os.chmod(temp, mode)  # by name, not fchmod: Windows has only this (and keeps just the read-only bit)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        _discard(temp)
        raise write_failed(error, path) from error
    try:
        sync_folder(path.parent)
    except OSError as error:
        # The new file is already in place and readable; only whether the rename survives a power cut is in
        # doubt. Reporting a failure here would make the facilitator type the note again and store it twice.
        log.warning("could not fsync folder %s after replacing %s: %s", path.parent, path.name, error)


def dump_json(data: Any) -> bytes:
    # A hand-edited file may hold a lone surrogate (written \ud800), which JSON allows but UTF-8 cannot encode. The
    # model never shows or exports one (see ``records``), but untouched documents are written back as read: escaping
    # it keeps the file exactly as it was instead of failing every later change.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace")


def load_json(path: Path) -> Any:
    """Read a JSON file written by :func:`atomic_write`; anything unreadable is a :class:`CorruptFile`."""
    return parse_json(path.read_bytes(), str(path))


def parse_json(raw: bytes, where: str) -> Any:
    """JSON from bytes that may be anything (a damaged file, an archive member); ``where`` names it in the error."""
    if not raw.strip():
        raise CorruptFile("error.corrupt_empty", path=where)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:  # ValueError: bad JSON, or a number too long to convert
        raise CorruptFile("error.corrupt_json", path=where, detail=str(error)) from None
    except RecursionError:  # "[[[[…" nested deeper than the parser can follow
        raise CorruptFile("error.corrupt_json", path=where, detail="nested too deeply") from None


_SCALARS = (str, int, float, bool, type(None))


class _Document(dict[str, Any]):
    """A document of the kept tables that remembers its own JSON until it is changed.

    A change rewrites the whole file, but between two changes nearly every document is the same object, untouched:
    encoding all of them again was most of the time a change took in a long workshop, and all of its growth. TinyDB
    changes a document only through these methods, so each of them forgets the JSON. Only documents whose values
    are all plain (strings, numbers, ``None``) keep it: a list or a mapping inside could change without the document
    hearing of it.
    """

    __slots__ = ("_json",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._json: tuple[str, bytes] | None = None
        """The document's key and ``"key":{...}``, encoded, as :func:`dump_json` of the whole file has it."""

    def member_json(self, key: str) -> bytes:
        if self._json is not None and self._json[0] == key:
            return self._json[1]
        # As dump_json of the whole file has it: UTF-8 carries nothing from one member over to the next.
        encoded = dump_json({key: self})[1:-1]
        if all(isinstance(value, _SCALARS) for value in self.values()):
            self._json = (key, encoded)
        return encoded

    def _changed(self) -> None:
        self._json = None

    def __setitem__(self, key: str, value: Any) -> None:
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._changed()
        super().__delitem__(key)

    def __ior__(self, other: Any) -> _Document:  # type: ignore[override,misc]
        self._changed()
        return super().__ior__(other)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._changed()
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._changed()
        return super().setdefault(key, default)

    def pop(self, *args: Any) -> Any:
        self._changed()
        return super().pop(*args)

    def popitem(self) -> tuple[str, Any]:
        self._changed()
        return super().popitem()

    def clear(self) -> None:
        self._changed()
        super().clear()


def dump_tables(tables: dict[str, dict[str, Any]]) -> bytes:
    """The same bytes as :func:`dump_json` of ``tables``, reusing the JSON of every document not changed since the
    last time. The documents in ``tables`` are replaced by :class:`_Document` copies as they are encoded."""
    parts = []
    for name, table in tables.items():
        members = []
        for key, doc in table.items():
            if type(doc) is not _Document:
                doc = table[key] = _Document(doc)  # same key: the table does not change size while it is read
            members.append(doc.member_json(key))
        parts.append(dump_json(name) + b":{" + b",".join(members) + b"}")
    return b"{" + b",".join(parts) + b"}"


def _is_tables(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    )


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its file atomically and keeps the last written state in memory.

    Keeping the state avoids re-reading and re-parsing the whole file before every change. That is only correct
    while this process is the file's single writer, which the workshop lock guarantees.

    TinyDB changes the tables it reads in place before writing them. They are handed out as kept, not copied:
    copying every document for every change was the largest cost of a change after the JSON itself, and it grew
    with the workshop. Instead the bytes on disk are kept too, and a change that fails (the disk refuses it, or
    TinyDB raises before writing) calls :meth:`forget`, so the tables are parsed again from what the file holds.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._on_disk: bytes | None = None
        """The file's content as last read or written."""
        self._tables: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._tables is None:
            if self._on_disk is None:
                if not self.path.exists():
                    return None
                self._on_disk = self.path.read_bytes()
            data = parse_json(self._on_disk, str(self.path))
            if not _is_tables(data):
                raise CorruptFile("error.corrupt_layout", path=str(self.path))
            self._tables = data
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            payload = dump_tables(data)
            atomic_write(self.path, payload)
        except BaseException:
            self.forget()  # the file is as it was; so must the kept state be
            raise
        self._on_disk = payload
        self._tables = data

    def forget(self) -> None:
        """Drop the kept tables, which a failed change may have altered; the next read parses the file's bytes."""
        self._tables = None

    def close(self) -> None:
        self._tables = None
        self._on_disk = None
