"""Kill a writer with SIGKILL at random moments, again and again: every note whose add returned is still there.

A writer process (``writer.py``) opens a workshop through the real store and adds notes as fast as it can,
printing each note's id once ``add_note`` has returned. The test kills it at a random moment: mostly while it is
adding notes, sometimes while it is still starting and opening the workshop. After every kill it checks, as the
next process to come along would:

- the workshop file reads whole (no half-written file, nothing to set aside);
- every note the writer reported is there with exactly its text, every note found before is still there, and the
  writer's notes are a run without gaps (at most one more than reported: added, killed before it could print);
- the killed writer's record of holding the lock is not believed (it names a dead process);
- the next open takes the lock at once (the OS released the dead writer's) and removes any temporary file the kill
  left behind mid-write.

A workshop that passes 1,000 notes (a long workshop) is followed by a fresh one, so writes stay the size they are
in real use. The figures (kills, notes, kills that caught a save half-done, time) are printed at the end.
"""

from __future__ import annotations

import os
import platform
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from darbnica.model import Plan
from darbnica.paths import Paths
from darbnica.store import Library
from darbnica.store.lock import describe_owner
from darbnica.store.storage import stale_temps
from tests.stress.size import SEED, SIZE
from tests.stress.writer import note_text

WRITER = Path(__file__).with_name("writer.py")
LONG_WORKSHOP = 1000
WRITING_WINDOW = 0.06
"""Seconds a writer may run after it has opened the workshop before it is killed (uniformly at random)."""
STARTING_SHARE = 0.2
"""Share of kills made at a random moment of the writer's start instead: importing, locking, clearing leftovers."""


def run_writer(paths: Paths, workshop_id: str, run: int, rng: random.Random) -> tuple[list[tuple[int, int]], bool]:
    """Start a writer, kill it at a random moment; return the (note id, number) pairs it reported, and whether it
    was killed before it had the workshop open."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(paths.data), workshop_id, str(run)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stdout is not None
    starting = rng.random() < STARTING_SHARE
    if starting:
        time.sleep(rng.uniform(0, 0.2))
    else:
        assert writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, WRITING_WINDOW))
    writer.send_signal(signal.SIGKILL)
    output, _ = writer.communicate()
    assert writer.returncode == -signal.SIGKILL
    lines = output.split("\n")[:-1]  # only whole lines; the kill may cut the last one
    started = starting and "ready" in lines
    reported = [(int(i), int(n)) for i, n in (line.split() for line in lines if line != "ready")]
    return reported, starting and not started


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writers_lose_no_note(paths: Paths, plan: Plan, figures: list[str]) -> None:
    library = Library(paths)
    rng = random.Random(SEED)
    workshop_id = library.create(title="Stresa tests", plan=plan)
    known: dict[int, str] = {}  # every note found so far in the current workshop: it must never change or go
    totals = {"reported": 0, "found": 0, "mid-save": 0, "while starting": 0, "workshops": 1}
    started = time.monotonic()
    for run in range(SIZE.kills):
        path = library.path_of(workshop_id)
        reported, before_open = run_writer(paths, workshop_id, run, rng)
        context = f"(seed {SEED}, run {run}, {len(known)} notes before)"

        totals["mid-save"] += bool(stale_temps(path))
        totals["while starting"] += before_open
        assert describe_owner(path) is None, f"a dead writer is named as the holder {context}"
        found = {note.id: note.text for note in library.read(workshop_id).notes}  # whole, or this raises
        for note_id, number in reported:
            assert found.get(note_id) == note_text(run, number), f"note {note_id} lost {context}"
        assert {i: found.get(i) for i in known} == known, f"an earlier note changed or went {context}"
        mine = sorted(int(text.split()[3].rstrip(":")) for text in found.values() if text.startswith(f"run {run} "))
        assert mine == list(range(len(mine))) and len(mine) - len(reported) in (0, 1), f"gap in notes {context}"

        with library.open(workshop_id):  # at once: the OS freed the killed writer's lock
            leftovers = sorted(p.name for p in path.parent.glob("*.tmp"))  # of the workshop or of the lock record
            assert leftovers == [], f"a temporary file survived the next open {context}"
        totals["reported"] += len(reported)
        totals["found"] += len(found) - len(known)
        known = found
        if len(known) >= LONG_WORKSHOP:
            workshop_id = library.create(title="Stresa tests", plan=plan)
            known = {}
            totals["workshops"] += 1
    seconds = time.monotonic() - started
    figures.append(
        f"crash: {SIZE.kills} SIGKILLs ({totals['while starting']} while starting, {totals['mid-save']} in the middle"
        f" of a save), {totals['found']} notes written in {totals['workshops']} workshop(s), {totals['reported']}"
        f" confirmed by the writer and all found, 0 lost; {seconds:.0f} s; seed {SEED}; {machine(paths.data)}"
    )
    assert totals["reported"] > 0


def machine(folder: Path) -> str:
    cores = os.cpu_count() or 0
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {cores} cores"
    return f"{system}, {filesystem(folder)}"


def filesystem(folder: Path) -> str:
    """The type of file system ``folder`` is on (fsync costs and guarantees differ), where /proc/mounts tells."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines()]
    except OSError:
        return "file system not known"
    mount = max((m for m in mounts if str(folder).startswith(m[1])), key=lambda m: len(m[1]), default=None)
    return f"{mount[2]} at {mount[1]}" if mount else "file system not known"
