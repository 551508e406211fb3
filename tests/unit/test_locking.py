"""One writer per workshop, across real processes: who holds it is named right, and a dead holder's lock is free."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.errors import Locked
from darbnica.store import Library
from darbnica.store.lock import describe_owner


@contextmanager
def process(code: str) -> Iterator[subprocess.Popen[str]]:
    """A Python process running ``code``; it says "ready" when it holds what it should, and is killed at the end."""
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        yield child
    finally:
        child.kill()
        child.wait()


def holding_the_workshop(workshop_id: str) -> str:
    return (
        "import sys\n"
        "from darbnica.paths import resolve_paths\n"
        "from darbnica.store import Library\n"
        f"f = Library(resolve_paths()).open({workshop_id!r})\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
    )


def holding_only_the_os_lock(lock: Path) -> str:
    """A holder that has the lock but has not (yet, or ever) written who it is: a moment every holder goes through."""
    return (
        "import sys\n"
        "from filelock import FileLock\n"
        f"lock = FileLock({str(lock)!r}, timeout=0)\n"
        "lock.acquire()\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
    )


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def owner_record(path: Path, pid: int) -> None:
    record = {"pid": pid, "host": socket.gethostname(), "command": "darbnica open", "since": "2026-03-14T10:00:00"}
    path.with_name(f".{path.stem}.owner").write_text(json.dumps(record), encoding="utf-8")


def test_a_killed_holder_leaves_a_record_that_is_not_believed(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    with process(holding_the_workshop(workshop_id)) as holder:
        assert describe_owner(path) is not None and str(holder.pid) in str(describe_owner(path))
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert path.with_name(f".{workshop_id}.owner").exists()  # killed: it could not clean up
        assert describe_owner(path) is None  # but it names a dead process, so nobody is sent to it
    with Editor.open(library, workshop_id) as file:  # the OS freed its lock: taken over without any clean-up
        assert str(os.getpid()) in str(describe_owner(path))
        file.add_note("problem", "pēc avārijas")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="takes the lock with fcntl.flock, as filelock does")
def test_a_stale_record_never_names_the_wrong_process(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    dead = dead_pid()
    owner_record(path, dead)
    with process(holding_only_the_os_lock(path.with_name(f".{workshop_id}.lock"))) as holder:
        with pytest.raises(Locked) as caught:
            library.open(workshop_id)
        assert caught.value.key == "error.locked_unknown"
        assert "is open in another darbnica" in str(caught.value) and str(dead) not in str(caught.value)
        if Path("/proc/locks").is_file():
            # A living process that does not hold the lock (this one) is not named either: /proc/locks says who does.
            owner_record(path, os.getpid())
            with pytest.raises(Locked) as caught:
                library.open(workshop_id)
            assert caught.value.key == "error.locked_unknown"
            owner_record(path, holder.pid)  # the record of the process that does hold it is believed
            with pytest.raises(Locked) as caught:
                library.open(workshop_id)
            assert caught.value.key == "error.locked" and str(holder.pid) in str(caught.value)


def test_two_writers_never_both_hold_a_workshop(library: Library, workshop_id: str) -> None:
    with process(holding_the_workshop(workshop_id)) as holder:
        for _ in range(3):
            with pytest.raises(Locked) as caught:
                library.open(workshop_id)
            assert str(holder.pid) in str(caught.value)
        before = library.path_of(workshop_id).read_bytes()
    assert library.path_of(workshop_id).read_bytes() == before  # refused means nothing was written


def test_a_record_half_written_by_a_killed_holder_is_cleared(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    leftover = path.with_name(f"..{workshop_id}.owner.999-dead.tmp")  # atomic_write's temporary name for .owner
    leftover.write_text('{"pid": 9', encoding="utf-8")
    with library.open(workshop_id):
        assert not leftover.exists()


def test_a_deleted_lock_file_never_lets_a_command_note_be_written_over(library: Library, workshop_id: str) -> None:
    """Someone deletes ``.<id>.lock`` while the workshop is open: a command can then take a new lock and add a note
    (and is right to say it did). The open workshop's next write notices, keeps that note, and writes nothing over."""
    with Editor.open(library, workshop_id) as editor:
        editor.add_note("problem", "no lietotnes")
        library.path_of(workshop_id).with_name(f".{workshop_id}.lock").unlink()
        added = subprocess.run(
            [sys.executable, "-m", "darbnica", "--lang", "en", "add", workshop_id, "problem", "no komandas"],
            capture_output=True,
            text=True,
        )
        assert added.returncode == 0, added.stderr
        editor.add_note("problem", "vēl no lietotnes")
        assert [n.text for n in editor.workshop.notes] == ["no lietotnes", "vēl no lietotnes", "no komandas"]
        assert "Another program wrote" in str(editor.notices[-1])
        # The lock is this process's again: another command is refused, and names it.
        refused = subprocess.run(
            [sys.executable, "-m", "darbnica", "--lang", "en", "add", workshop_id, "problem", "x"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert refused.returncode == 1 and "open in another darbnica" in refused.stderr
    notes = [n.text for n in library.read(workshop_id).notes]
    assert sorted(notes) == ["no komandas", "no lietotnes", "vēl no lietotnes"]


def test_commands_adding_at_the_same_moment_wait_for_each_other(library: Library, workshop_id: str) -> None:
    """Twenty `darbnica add` at once: each waits its turn for the lock, and every note is in."""
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "darbnica", "add", workshop_id, "problem", f"piezīme {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(20)
    ]
    codes = [command.wait(timeout=120) for command in commands]
    assert codes == [0] * 20, [command.stderr.read() for command in commands if command.stderr]
    assert sorted(n.text for n in library.read(workshop_id).notes) == sorted(f"piezīme {n}" for n in range(20))
