"""The power fails in the middle of saving a note: afterwards the workshop is as it was before or after, never a mix.

A save (``storage.atomic_write``) is: write a temporary file, fsync it, rename it over the workshop file, fsync the
folder. These tests stop the program at each of those points, the way a power cut would (nothing after that point
runs, no clean-up), then make the disk look as it could after a power cut there, "restart", and read the workshop.

What the disk can hold after a power cut at each point:

- while the temporary file is written or before its fsync: the workshop file is the old one (it has not been
  touched); the temporary file may be cut short anywhere;
- after the fsync, before the rename: the old workshop file, and a complete temporary file;
- after the rename, before the folder's fsync: the rename is not yet durable, so either the new file (the rename
  survived) or the old file with the temporary file still beside it (it did not);
- after the folder's fsync: the new file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.store import Library, storage
from darbnica.store.storage import stale_temps


class PowerCut(BaseException):
    """The machine stops here. A BaseException, so no ``except OSError`` clean-up in the code under test runs."""


class Saving:
    """Watches one save of a workshop file and cuts the power at a chosen point of it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path, point: str) -> None:
        self.path, self.point = path, point
        self.temp: Path | None = None
        self.new_bytes = b""
        self.old_bytes = path.read_bytes()
        temp_fds: set[int] = set()
        real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace

        def fake_open(name, flags, mode=0o777, *, dir_fd=None):
            fd = real_open(name, flags, mode, dir_fd=dir_fd)
            if str(name).endswith(".tmp") and Path(name).parent == path.parent:
                self.temp = Path(name)
                temp_fds.add(fd)
            return fd

        def fake_write(fd, data):
            if fd in temp_fds and point == "while writing the temporary file":
                real_write(fd, bytes(data[: len(data) // 2]))
                raise PowerCut
            return real_write(fd, data)

        def fake_fsync(fd):
            if fd in temp_fds and point == "before the temporary file's fsync":
                raise PowerCut
            return real_fsync(fd)

        def fake_replace(source, target):
            if Path(target) == path:
                self.new_bytes = Path(source).read_bytes()
                if point == "before the rename":
                    raise PowerCut
            return real_replace(source, target)

        def fake_sync_folder(folder: Path) -> None:
            if point == "before the folder's fsync":
                raise PowerCut
            storage_sync_folder(folder)

        storage_sync_folder = storage.sync_folder
        fakes = {"open": fake_open, "write": fake_write, "fsync": fake_fsync, "replace": fake_replace}
        for name, fake in fakes.items():
            monkeypatch.setattr(os, name, fake)
        monkeypatch.setattr(storage, "sync_folder", fake_sync_folder)

    def disks_after_the_cut(self) -> list[tuple[Callable[[], None], str]]:
        """How the disk may be found after the power cut: ways to put the files so, each with the state it holds."""

        def as_left() -> None:
            pass

        def temp_cut_short() -> None:
            assert self.temp is not None
            data = self.temp.read_bytes()
            self.temp.write_bytes(data[: len(data) // 3])

        def rename_lost() -> None:
            assert self.temp is not None
            self.temp.write_bytes(self.new_bytes)  # the temporary file is still there, complete
            self.path.write_bytes(self.old_bytes)  # and the name still points to the old file

        return {
            "while writing the temporary file": [(as_left, "old"), (temp_cut_short, "old")],
            "before the temporary file's fsync": [(as_left, "old"), (temp_cut_short, "old")],
            "before the rename": [(as_left, "old")],
            "before the folder's fsync": [(as_left, "new"), (rename_lost, "old")],
            "not at all": [(as_left, "new")],
        }[self.point]


POINTS = [
    "while writing the temporary file",
    "before the temporary file's fsync",
    "before the rename",
    "before the folder's fsync",
    "not at all",
]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _put_back(folder: Path, files: dict[str, bytes]) -> None:
    for p in folder.iterdir():
        if p.is_file() and p.name not in files:
            p.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.mark.parametrize("point", POINTS)
def test_a_power_cut_leaves_the_old_or_the_new_workshop(paths: Paths, workshop_id: str, monkeypatch, point) -> None:
    file = Editor.open(Library(paths), workshop_id)
    for text in ("Nav autobusa", "Skola par tālu"):
        file.add_note("problem", text)
    before = file.workshop
    saving = Saving(monkeypatch, file.path, point)
    if point == "not at all":
        file.add_note("problem", "Jauna doma: ā ē ū")
    else:
        with pytest.raises(PowerCut):
            file.add_note("problem", "Jauna doma: ā ē ū")
    monkeypatch.undo()
    # The process is gone; the OS drops its lock (tests/stress shows that with real killed processes). Closing the
    # dead editor here only releases that lock: it writes nothing.
    file.close()
    left = _files(paths.workshops)
    for make_disk, state in saving.disks_after_the_cut():
        _put_back(paths.workshops, left)
        make_disk()
        library = Library(paths)  # a new process, after the restart
        found = library.read(workshop_id)  # whole: never a CorruptFile
        if state == "old":
            assert found == before
        else:
            assert found.notes[:2] == before.notes and [n.text for n in found.notes[2:]] == ["Jauna doma: ā ē ū"]
            assert (found.title, found.plan, found.created) == (before.title, before.plan, before.created)
        with library.open(workshop_id) as reopened:
            assert stale_temps(reopened.path) == []  # the first open clears what the cut left
            assert reopened.workshop == found


def test_the_steps_of_a_save_happen_in_the_safe_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "w.json"
    target.write_bytes(b"old")
    calls: list[str] = []
    names: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def fake_open(name, flags, mode=0o777, *, dir_fd=None):
        fd = real_open(name, flags, mode, dir_fd=dir_fd)
        names[fd] = "folder" if Path(name) == tmp_path else "temp"
        return fd

    def fake_fsync(fd):
        calls.append(f"fsync {names[fd]}")
        real_fsync(fd)

    def fake_replace(source, target):
        calls.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "fsync", fake_fsync)
    monkeypatch.setattr(os, "replace", fake_replace)
    storage.atomic_write(target, b"new")
    monkeypatch.undo()
    expected = ["fsync temp", "rename"] + (["fsync folder"] if os.name != "nt" else [])
    assert calls == expected
    assert target.read_bytes() == b"new"
