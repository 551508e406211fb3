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
from collections.abc import Callable
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


def atomic_write(
    path: Path, payload: bytes, before_replace: Callable[[], None] | None = None, *, private: bool = False
) -> os.stat_result:
    """Replace ``path`` with ``payload`` so that a crash at any moment leaves the old or the new file, whole.

    ``before_replace`` runs once the new file is on disk, just before it takes the old one's place; if it raises,
    nothing is replaced. Returns the new file's status (its inode stays the same through the rename), so a writer
    can tell later whether the file is still the one it wrote. ``private``: a file of secrets, readable by its
    owner only (600), whatever the file it replaces allowed."""
    temp = temp_name(path)
    try:
        # The new file keeps the mode of the one it replaces: a workshop someone made private (chmod 600) stays so.
        mode: int | None = 0o600 if private else stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None  # a new file: the usual 644, less the umask
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o644)
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
            written = os.fstat(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except OSError as error:
        _discard(temp)
        raise write_failed(error, path) from error
    except Exception:  # before_replace refused (another program wrote first): the new file is not wanted
        _discard(temp)
        raise
    try:
        sync_folder(path.parent)
    except OSError as error:
        # The new file is already in place and readable; only whether the rename survives a power cut is in
        # doubt. Reporting a failure here would make the facilitator type the note again and store it twice.
        log.warning("could not fsync folder %s after replacing %s: %s", path.parent, path.name, error)
    return written


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


def _is_tables(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    )


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose writes replace the file atomically.

    Workshop files are TinyDB databases (tables of documents with ids): ``TinyDB(path, storage=AtomicJSONStorage)``
    opens one. darbnica itself reads them through this storage and writes them whole through
    :class:`~darbnica.store.workshop.WorkshopFile`, which encodes a workshop the same way.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self.path.exists():
            return None
        data = parse_json(self.path.read_bytes(), str(self.path))
        if not _is_tables(data):
            raise CorruptFile("error.corrupt_layout", path=str(self.path))
        tables: dict[str, dict[str, Any]] = data
        return tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, dump_json(data))
