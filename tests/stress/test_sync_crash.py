"""Kill ``darbnica sync`` with SIGKILL at random moments: every data folder stays readable and complete.

Two laptops share a bare repository. Again and again a note is added on one of them (in this process, through the
real store, so it is on disk before it is counted) and a ``darbnica sync`` of that laptop is started and killed at
a random moment of its run: reading the workshops, fetching, merging, writing what came, pushing. After every kill
the laptop's folder must list every workshop with nothing set aside and every note added there. At the end both
laptops sync to completion and must hold the same workshops with every note added anywhere.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library
from darbnica.store.conflicts import conflicts_in
from tests.stress.size import SEED, SIZE

WORKSHOPS = 12
ROUNDS = max(10, SIZE.kills // 2)
"""Syncs killed (20 in a test run, 200 with DARBNICA_STRESS=full)."""


def start_sync(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "darbnica", "--data-dir", str(folder), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def finish_sync(folder: Path, server: Path) -> None:
    """Sync to the end. A sync killed while the shared folder had its branch locked leaves the lock there (as git
    does): the next sync says so, naming the file, and the person deletes it as told."""
    for _ in range(2):
        done = start_sync(folder)
        _, err = done.communicate(timeout=120)
        if done.returncode == 0:
            return
        said = err.decode()
        stale = server / "refs" / "heads" / "main.lock"
        assert "The shared archive is locked" in said and str(stale) in said, said
        stale.unlink()
    raise AssertionError("the sync did not finish")


def _refs(library: Library) -> dict[str, str]:
    refs = library.paths.sync_repo / "refs"
    return {str(p.relative_to(refs)): p.read_text().strip()[:10] for p in refs.rglob("*") if p.is_file()}


def notes_of(library: Library) -> dict[str, set[str]]:
    listing = library.listing()
    # Nothing half-written, nothing set aside; if something is, the files and the sync's refs say what happened.
    assert listing.problems == [], (
        listing.problems,
        sorted(p.name for p in library.paths.workshops.iterdir()),
        _refs(library),
    )
    return {entry.id: {note.text for note in library.read(entry.id).notes} for entry in listing.entries}


def test_a_killed_sync_leaves_every_folder_readable_and_complete(tmp_path: Path, figures) -> None:
    from dulwich.repo import Repo

    rng = random.Random(SEED)
    server = tmp_path / "server.git"
    Repo.init_bare(str(server), mkdir=True).close()
    folders = [tmp_path / "a", tmp_path / "b"]
    libraries = [Library(resolve_paths(folder)) for folder in folders]
    plan = load_plans(libraries[0].paths).get(DEFAULT_PLAN)
    # Each laptop writes only the workshops it made (one owner per file), so no kill can be mistaken for a conflict.
    owned = [
        [lib.create(title=f"Darbnīca {n}", plan=plan, place="Tūja") for n in range(WORKSHOPS // 2)] for lib in libraries
    ]
    ids = owned[0] + owned[1]
    added: dict[str, set[str]] = {workshop_id: set() for workshop_id in ids}
    for folder in folders:
        subprocess.run(
            [sys.executable, "-m", "darbnica", "--data-dir", str(folder), "sync", "--remote", str(server)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    started = time.monotonic()
    finish_sync(folders[0], server)
    finish_sync(folders[1], server)
    whole = time.monotonic() - started  # how long one sync runs here: kills fall anywhere in it
    here: list[dict[str, set[str]]] = [{i: set() for i in ids} for _ in folders]
    killed_running = 0
    for number in range(ROUNDS):
        side = rng.randrange(2)
        library = libraries[side]
        workshop_id = rng.choice(owned[side])
        text = f"piezīme {number}"
        with Editor.open(library, workshop_id) as editor:
            editor.add_note("problem", text, tag="need")
        added[workshop_id].add(text)
        here[side][workshop_id].add(text)
        syncing = start_sync(folders[side])
        time.sleep(rng.uniform(0, whole * 1.2))
        if syncing.poll() is None:
            killed_running += 1
        syncing.send_signal(signal.SIGKILL)
        syncing.wait(timeout=30)
        now = notes_of(library)
        for known, texts in here[side].items():
            assert texts <= now.get(known, set()), f"run {number}: notes lost on {folders[side].name}"
        here[side] = {i: set(t) for i, t in now.items()}
    for _ in range(2):  # both laptops finish: the second round brings each what the other sent in the first
        for folder in folders:
            finish_sync(folder, server)
    final = [notes_of(library) for library in libraries]
    assert final[0] == final[1]
    assert final[0] == added  # every note, and nothing else
    assert not conflicts_in(libraries[0].paths.workshops) and not conflicts_in(libraries[1].paths.workshops)
    figures.append(
        f"sync SIGKILL: {ROUNDS} syncs killed at random ({killed_running} mid-run), one sync {whole:.2f} s, "
        f"{sum(map(len, added.values()))} notes, seed {SEED}: every folder readable and complete"
    )
    assert killed_running > 0
