"""A sync killed at each of its moments in turn, not at random ones: every rename and deletion it makes.

A sync's changes to the disk are renames (a file written under a temporary or ``.lock`` name takes its place: its
objects, its refs, the workshop files, its file list) and deletions. Between two of them nothing a sync did is yet
visible, so a kill between each pair is every kill there can be. A forked copy of this process runs the sync and
exits at once (``os._exit``: no clean-up runs, as under SIGKILL) at its Nth rename or deletion, for N = 1, 2, … until
a sync finishes without reaching N. After each kill the folder must be readable and complete, and the next syncs
must finish and bring both laptops to the same workshops with every note, with no copy kept as a conflict.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library
from darbnica.store.conflicts import conflicts_in
from darbnica.sync import Sync, sync_error

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked copy of the test process")

CHANGES = ("replace", "rename", "unlink", "remove", "rmdir")
"""The calls through which a sync (darbnica's writes, dulwich's files and locks) changes what is on disk."""
KILLED = 99


def _dying_at(nth: int) -> None:
    """In the forked copy: its ``nth`` change to the disk is not made; the process ends there."""
    made = count(1)

    def wrapped(real: Callable[..., Any]) -> Callable[..., Any]:
        def change(*args: Any, **kwargs: Any) -> Any:
            if next(made) == nth:
                os._exit(KILLED)
            return real(*args, **kwargs)

        return change

    for name in CHANGES:
        setattr(os, name, wrapped(getattr(os, name)))


def sync(folder: Path, killed_at: int | None = None) -> tuple[int, str]:
    """Run a sync of ``folder`` in a forked copy of this process; how it ended (0, 1 or :data:`KILLED`), and what
    it said."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: nothing of pytest's runs here, it only syncs and exits
        os.close(read)
        code = 0
        try:
            if killed_at is not None:
                _dying_at(killed_at)
            Sync(resolve_paths(folder)).run()
        except Exception as error:
            os.write(write, str(sync_error(error)).encode())
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as said:
        message = said.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), message


def finish(folder: Path, server: Path) -> None:
    """Sync to the end. A kill while the shared folder had its branch locked leaves that lock (as git does): the
    next sync says so, naming the file, and the person deletes it as told (as in test_sync_crash)."""
    code, said = sync(folder)
    if code == 1:
        stale = server / "refs" / "heads" / "main.lock"
        assert "The shared archive is locked" in said and str(stale) in said, said
        stale.unlink()
        code, said = sync(folder)
    assert code == 0, f"the sync of {folder.name} did not finish: {said}"


def notes_of(library: Library) -> dict[str, set[str]]:
    listing = library.listing()
    assert listing.problems == [], listing.problems
    return {entry.id: {note.text for note in library.read(entry.id).notes} for entry in listing.entries}


def add(library: Library, workshop_id: str, text: str, expected: dict[str, set[str]]) -> None:
    with Editor.open(library, workshop_id) as editor:
        editor.add_note("problem", text, tag="need")
    expected[workshop_id].add(text)


def test_a_sync_killed_at_any_of_its_moments_loses_nothing_and_the_next_one_finishes(tmp_path: Path) -> None:
    from dulwich.repo import Repo

    start, work = tmp_path / "start", tmp_path / "work"
    start.mkdir()
    Repo.init_bare(str(start / "server.git"), mkdir=True).close()
    owned: dict[str, list[str]] = {}
    for side in ("a", "b"):
        library = Library(resolve_paths(start / side))
        plan = load_plans(library.paths).get(DEFAULT_PLAN)
        owned[side] = [library.create(title=f"Darbnīca {side}{n}", plan=plan, place="Tūja") for n in range(2)]
        sharing = Sync(library.paths)
        sharing.set_remote(str(work / "server.git"))  # where the copies below put it
        sharing.close()
    shutil.copytree(start, work)
    for side in ("a", "b", "a"):
        finish(work / side, work / "server.git")
    shutil.rmtree(start)
    shutil.copytree(work, start)  # every kill starts from here: both laptops in step, each with its own workshops

    moments = 0
    for nth in count(1):
        shutil.rmtree(work)
        shutil.copytree(start, work)
        a, b = (Library(resolve_paths(work / side)) for side in ("a", "b"))
        expected: dict[str, set[str]] = {workshop_id: set() for ids in owned.values() for workshop_id in ids}
        add(a, owned["a"][0], "rakstīts uz A", expected)
        add(b, owned["b"][0], "rakstīts uz B", expected)
        finish(work / "b", work / "server.git")  # A's sync has B's note to take, its own to send
        code, said = sync(work / "a", killed_at=nth)
        assert code in (0, KILLED), said
        if code == 0:
            break  # the sync makes fewer changes than nth: every moment has been tried
        moments += 1
        here = notes_of(a)
        assert all(expected[i] <= here.get(i, set()) for i in owned["a"]), f"killed at {nth}: A lost its notes"
        add(a, owned["a"][1], "vēlāk uz A", expected)
        for side in ("a", "b", "a", "b"):
            finish(work / side, work / "server.git")
        final = [notes_of(a), notes_of(b)]
        assert final[0] == final[1] == expected, f"killed at change {nth}"
        assert not conflicts_in(a.paths.workshops) and not conflicts_in(b.paths.workshops), f"killed at {nth}"
    assert moments > 10  # a sync that takes and sends work renames its objects, refs and files: many moments
