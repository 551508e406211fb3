"""How fast darbnica is against a floor measured in the same run, and how its cost grows.

    python benchmarks/run.py            the full run (a few minutes)
    python benchmarks/run.py --quick    the same targets at smaller sizes, fewer runs (under three minutes)

Each figure is measured through the app itself, in processes started the way a user starts darbnica, several
times, interleaved with its floor so that a busy machine slows both alike. The table gives the median and the
interquartile range of each, the ratio of the medians and the target; the exit status is 1 when a target is
missed. See the README's "Speed" section for what each figure means.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import data
from data import STEP, Folder, Sizes

from darbnica.cli import FRAMES_PER_SECOND

CHILD = Path(__file__).with_name("child.py")
CHILD_ENV = {**os.environ, "COLORTERM": "truecolor", "TERM": "xterm-256color"}
FLOOR_APP = "bare Textual app: header, table, footer"
QUERY = "ilze"
"""What is typed into the library's filter: a facilitator's name, in about one workshop in six."""


@dataclass(frozen=True)
class Plan:
    """How many times to measure."""

    sizes: Sizes
    starts: int
    """Start-ups of each kind (after one to warm the disk cache)."""
    add_rounds: int
    """Processes that add notes, for each workshop, interleaved: many short ones, so that a change in the load
    of the machine weighs alike on the workshops compared."""
    adds: int
    """Notes added in each of those processes."""
    library_rounds: int
    """Processes that visit the library, for each library size, interleaved."""
    visits: int
    """Returns to the library and filterings in each of those."""
    exports: int
    """Processes that export once each: an export in a fresh app, as at the end of a workshop (the QR code of a
    link is computed once per process)."""
    warm_up: int = 1
    syncs: int = 3
    """Fresh copies of each library synced the first time, each then synced after one change, three times."""


FULL = Plan(data.FULL, starts=9, add_rounds=6, adds=8, library_rounds=3, visits=6, exports=7)
QUICK = Plan(data.QUICK, starts=5, add_rounds=2, adds=5, library_rounds=2, visits=3, exports=3)
SMOKE = Plan(data.SMOKE, starts=1, add_rounds=1, adds=1, library_rounds=1, visits=1, exports=1, warm_up=0, syncs=1)


# -- running the processes ----------------------------------------------------------------------------------


class ChildFailed(RuntimeError):
    pass


FLOORS = ("floor", "widgets", "note-add-floor", "step-switch-floor", "search-floor")
"""The child's scenarios that are not darbnica: plain Textual apps, at Textual's own defaults."""


def child(*args: str) -> tuple[float, dict[str, Any]]:
    """Run one benchmark process; return when it was started and what it measured."""
    started = time.monotonic()
    env = CHILD_ENV
    if args[0] not in FLOORS:
        # darbnica's command line sets its frame cap before Textual is first imported (`use_frame_rate`); the child
        # imports Textual first (for the instrumented driver), so darbnica's processes get the same setting here.
        env = {**CHILD_ENV, "TEXTUAL_FPS": CHILD_ENV.get("TEXTUAL_FPS", str(FRAMES_PER_SECOND))}
    done = subprocess.run(
        [sys.executable, str(CHILD), *args], capture_output=True, text=True, env=env, timeout=900, check=False
    )
    if done.returncode != 0:
        raise ChildFailed(f"child.py {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return started, json.loads(done.stdout.strip().splitlines()[-1])


def load() -> float:
    return os.getloadavg()[0]


def alternate(items: Sequence[Any], round_number: int) -> list[Any]:
    """The items in turn, in the opposite order every other round, so no kind always runs first."""
    return list(items) if round_number % 2 == 0 else list(reversed(items))


# -- figures ------------------------------------------------------------------------------------------------


@dataclass
class Series:
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def quartiles(self) -> tuple[float, float]:
        if len(self.values) < 2:
            return self.values[0], self.values[0]
        low, _, high = statistics.quantiles(self.values, n=4, method="inclusive")
        return low, high


@dataclass
class Row:
    figure: str
    app: Series
    floor_name: str
    floor: Series | None
    target: float | None
    load: float
    unit: str = "ms"
    complete: bool = True
    """False when the app's answer was not whole (a search's hits): a miss whatever the time."""

    @property
    def ratio(self) -> float | None:
        return self.app.median / self.floor.median if self.floor else None

    @property
    def missed(self) -> bool:
        if not self.complete:
            return True
        return self.target is not None and self.ratio is not None and self.ratio > self.target

    @property
    def result(self) -> str:
        if self.target is None:
            return "report"
        return "MISS" if self.missed else "pass"


def shown(series: Series | None, unit: str) -> str:
    if series is None:
        return "—"
    scale, digits = (1000, 0) if unit == "ms" else (1 / 1024, 1)  # seconds → ms; KiB → MiB
    low, high = series.quartiles()
    return f"{series.median * scale:.{digits}f} {unit} ({low * scale:.{digits}f}–{high * scale:.{digits}f})"


def startup_and_memory(plan: Plan, library: Folder, workshop: Folder) -> list[Row]:
    assert workshop.workshop is not None
    kinds = {
        "floor": ("floor", str(plan.sizes.library)),
        "widgets": ("widgets",),
        "home": ("home", str(library.path)),
        "workshop": ("workshop", str(workshop.path), workshop.workshop, STEP),
    }
    took: dict[str, Series] = {kind: Series() for kind in kinds}
    memory: dict[str, Series] = {kind: Series() for kind in kinds}
    at_start = load()
    for run in range(plan.warm_up + plan.starts):
        for kind in alternate(list(kinds), run):
            started, result = child(*kinds[kind])
            if run >= plan.warm_up:
                took[kind].values.append(result["ready"] - started)
                memory[kind].values.append(result["maxrss"])
    n = plan.sizes.library
    return [
        Row(
            f"start-up to the library, {n:,} workshops",
            took["home"],
            FLOOR_APP,
            took["floor"],
            1.3,
            at_start,
        ),
        # A reference, not a target: how much of the start-up the library screen's widgets cost in Textual itself.
        Row(
            "start-up, the same widgets without darbnica",
            took["widgets"],
            FLOOR_APP,
            took["floor"],
            None,
            at_start,
        ),
        Row(
            f"peak memory, a {plan.sizes.notes:,}-note workshop open",
            memory["workshop"],
            FLOOR_APP,
            memory["floor"],
            1.3,
            at_start,
            unit="MB",
        ),
    ]


def note_adds(plan: Plan, alone: Folder, crowded: Folder, growth: dict[int, Folder]) -> list[Row]:
    sizes = plan.sizes
    folders = {"alone": alone, "crowded": crowded, **{f"n{n}": folder for n, folder in growth.items()}}
    adds: dict[str, Series] = {name: Series() for name in folders}
    floor = Series()
    kinds = [*folders, "floor"]
    at_start = load()
    for run in range(plan.add_rounds):
        for name in alternate(kinds, run):
            folder = alone if name == "floor" else folders[name]
            assert folder.workshop is not None
            mode = "note-add-floor" if name == "floor" else "note-add"
            _, result = child(mode, str(folder.path), folder.workshop, STEP, str(plan.adds))
            if name == "floor":
                floor.values.extend(result["floor"])
            else:
                adds[name].values.extend(result["app"])
    rows = [
        Row(
            f"note add, {sizes.notes:,}-note workshop",
            adds["alone"],
            "Textual Input + list, atomic write + fsync",
            floor,
            1.25,
            at_start,
        ),
        Row(
            f"note add, {sizes.library:,} other workshops in the library",
            adds["crowded"],
            "the same, 1 workshop",
            adds["alone"],
            1.1,
            at_start,
        ),
    ]
    curve = sorted({**{n: adds[f"n{n}"] for n in growth}, sizes.notes: adds["alone"]}.items())
    smallest, base = curve[0]
    largest = curve[-1][0]
    rows += [
        Row(
            f"note add growth, {n:,} notes",
            series,
            f"at {smallest:,} notes",
            base,
            1.1 if n == largest else None,  # the target is the largest against the smallest; between, the curve
            at_start,
        )
        for n, series in curve[1:]
    ]
    return rows


FSYNC_DELAY = 0.3
"""Seconds every fsync takes on the slow disk of the keys-while-saving figure (a USB stick)."""
NEXT_STEP = "future"
"""The step after :data:`~data.STEP` in the default plan: where PgDn goes."""


def keys_while_saving(plan: Plan, workshop: Folder) -> list[Row]:
    assert workshop.workshop is not None
    at_start = load()
    idle, saving = Series(), Series()
    for _ in range(plan.add_rounds):
        args = (str(workshop.path), workshop.workshop, STEP, str(plan.adds), str(FSYNC_DELAY))
        _, result = child("keys-saving", *args)
        idle.values.extend(result["idle"])
        saving.values.extend(result["saving"])
    return [
        Row(
            f"keys while saving: a letter during a save (fsync {FSYNC_DELAY * 1000:.0f} ms)",
            saving,
            "the same letter, idle",
            idle,
            1.5,
            at_start,
        )
    ]


def step_switches(plan: Plan, workshop: Folder) -> list[Row]:
    assert workshop.workshop is not None
    at_start = load()
    app, first, floor, kept = Series(), Series(), Series(), Series()
    for run in range(plan.add_rounds):
        for kind in alternate(["app", "floor", "kept"], run):
            if kind == "app":
                _, result = child("step-switch", str(workshop.path), workshop.workshop, STEP, str(plan.adds))
                app.values.extend(result["app"])
                first.values.extend(result["first"])
            else:
                args = (str(workshop.path), workshop.workshop, STEP, NEXT_STEP, str(plan.adds))
                _, result = child("step-switch-floor", *args, *(["kept"] if kind == "kept" else []))
                (floor if kind == "floor" else kept).values.extend(result["floor"])
    notes = f"{plan.sizes.notes:,}-note workshop"
    anew = "bare Textual app: two screens, as many rows"
    return [
        # darbnica keeps each step's screen once shown: a PgDn to a step seen before (nearly every switch in a
        # workshop) shows it again. The floor stays the issue's: a bare app making the other screen anew.
        Row(f"step switch (PgDn), {notes}", app, anew, floor, 1.5, at_start),
        # References, no target: a step's first visit (its screen made, once a workshop), and the same switch
        # against the floor's app with its two screens kept too (what keeping screens buys Textual itself).
        Row(f"step switch, a step's first visit (its screen made), {notes}", first, anew, floor, None, at_start),
        Row(
            f"step switch shown again, against kept screens, {notes}",
            app,
            "the same bare app, its two screens kept",
            kept,
            None,
            at_start,
        ),
    ]


def searches(plan: Plan, library: Folder, fts: Path) -> list[Row]:
    word, hits = data.search_word(fts, plan.sizes.library)
    at_start = load()
    app, floor, drawn = Series(), Series(), Series()
    complete = True
    for _ in range(plan.library_rounds):
        _, result = child("search", str(library.path), str(plan.visits), word, str(fts))
        app.values.extend(result["app"])
        floor.values.extend(result["floor"])
        complete = complete and result["hits"] == result["floor_hits"]
        _, shown = child("search-floor", str(fts), str(plan.visits), word)
        drawn.values.extend(shown["app"])
        complete = complete and shown["hits"] == result["hits"]
    n, notes = plan.sizes.library, plan.sizes.library_notes
    found = f"{hits:,} found" + ("" if complete else ", NOT the floor's count")
    return [
        Row(
            f"search a word people wrote ('{word}', {found}), {n:,} workshops × {notes} notes",
            app,
            "plain SQLite FTS5 query",
            floor,
            2.0,
            at_start,
            complete=complete,
        ),
        # A reference, no target: the query above draws nothing, and no frame comes within 2× of a query alone.
        Row(
            f"search, the same ('{word}'), against a search drawn by a bare app",
            app,
            "bare Textual app: FTS5 query, hits in a table",
            drawn,
            None,
            at_start,
        ),
    ]


def scale(plan: Plan, large: Folder, huge: Folder, fts: Path) -> list[Row]:
    """Start-up and search with ten times the workshops (the same generator, the same seed: the large library's
    workshops are among them), against the large library, alternately."""
    word, _ = data.search_word(fts, plan.sizes.library)
    at_start = load()
    starts: dict[str, Series] = {"large": Series(), "huge": Series()}
    searched: dict[str, Series] = {"large": Series(), "huge": Series()}
    hits: dict[str, int] = {}
    folders = {"large": large, "huge": huge}
    for run in range(plan.warm_up + plan.starts):
        for kind in alternate(list(folders), run):
            started, result = child("home", str(folders[kind].path))
            if run >= plan.warm_up:
                starts[kind].values.append(result["ready"] - started)
    for run in range(plan.library_rounds):
        for kind in alternate(list(folders), run):
            _, result = child("search", str(folders[kind].path), str(plan.visits), word, str(fts))
            searched[kind].values.extend(result["app"])
            hits[kind] = result["hits"]
    n, big = plan.sizes.library, plan.sizes.huge
    return [
        Row(f"start-up to the library, {big:,} workshops", starts["huge"], f"the same, {n:,}", starts["large"], 1.5,
            at_start),
        Row(f"search '{word}', {big:,} workshops ({hits['huge']:,} found)", searched["huge"],
            f"the same, {n:,} ({hits['large']:,} found)", searched["large"], 1.5, at_start),
    ]  # fmt: skip


def library_visits(plan: Plan, small: Folder, large: Folder) -> list[Row]:
    folders = {"small": small, "large": large}
    opened = {name: Series() for name in folders}
    filtered = {name: Series() for name in folders}
    at_start = load()
    for run in range(plan.library_rounds):
        for name in alternate(list(folders), run):
            _, result = child("library", str(folders[name].path), str(plan.visits), QUERY)
            opened[name].values.extend(result["open"])
            filtered[name].values.extend(result["filter"])
    large_n, small_n = plan.sizes.library, plan.sizes.small_library
    return [
        Row(
            f"library open, {large_n:,} workshops",
            opened["large"],
            f"the same, {small_n}",
            opened["small"],
            1.3,
            at_start,
        ),
        Row(
            f"library filter, {large_n:,} workshops",
            filtered["large"],
            f"the same, {small_n}",
            filtered["small"],
            1.5,
            at_start,
        ),
    ]


def exports(plan: Plan, workshop: Folder) -> list[Row]:
    assert workshop.workshop is not None
    app, floor = Series(), Series()
    at_start = load()
    for _ in range(plan.exports):
        _, result = child("export", str(workshop.path), workshop.workshop, STEP, "1")
        app.values.extend(result["app"])
        floor.values.extend(result["floor"])
    return [
        Row(
            f"export md + html + svg, {plan.sizes.notes:,} notes",
            app,
            "markdown-it-py alone",
            floor,
            2.0,
            at_start,
        )
    ]


def darbnica(folder: Path, *args: str) -> float:
    """Seconds one ``darbnica`` command takes, started as a user starts it."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "darbnica", "--data-dir", str(folder), *args],
        capture_output=True,
        env=CHILD_ENV,
        timeout=900,
        check=True,
    )
    return time.monotonic() - started


def syncs(plan: Plan, small: Folder, large: Folder) -> list[Row]:
    """``darbnica sync`` to a bare repository: a library's first sync, then syncs after one note was added."""
    from dulwich.repo import Repo

    from darbnica.paths import resolve_paths
    from darbnica.store import Library

    folders = {"small": small, "large": large}
    first = {name: Series() for name in folders}
    again = {name: Series() for name in folders}
    at_start = load()
    for run in range(plan.syncs):
        for name in alternate(list(folders), run):
            with tempfile.TemporaryDirectory(dir=folders[name].path.parent) as work:
                laptop, server = Path(work) / "laptop", Path(work) / "server.git"
                shutil.copytree(folders[name].path, laptop)
                Repo.init_bare(str(server), mkdir=True).close()
                first[name].values.append(darbnica(laptop, "sync", "--remote", str(server)))
                workshop_id = Library(resolve_paths(laptop)).ids()[run]
                for change in range(3):
                    darbnica(laptop, "add", workshop_id, STEP, f"vēl viena doma {change}")
                    again[name].values.append(darbnica(laptop, "sync"))
    large_n, small_n = plan.sizes.library, plan.sizes.small_library
    return [
        Row(
            f"sync after one change, {large_n:,} workshops",
            again["large"],
            f"the same, {small_n}",
            again["small"],
            1.5,
            at_start,
        ),
        Row(
            f"sync first time, {large_n:,} workshops",
            first["large"],
            "after one change",
            again["large"],
            None,
            at_start,
        ),
    ]


# -- the report -----------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, Textual {version('textual')}, "
        f"{platform.system()} {platform.release()}"
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | darbnica: median (IQR) | floor | floor: median (IQR) | ratio | target | result | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        target = f"≤ {row.target:g}×" if row.target is not None else "—"
        lines.append(
            f"| {row.figure} | {shown(row.app, row.unit)} | {row.floor_name} | {shown(row.floor, row.unit)} "
            f"| {ratio} | {target} | {row.result} | {row.load:.2f} |"
        )
    return "\n".join(lines)


class Data:
    """The data folders, each made the first time a figure needs it (so ``--only`` makes only what it measures).

    In a folder given with ``--data`` a folder made once is kept and used again by later runs (the note adds add a
    few notes to their workshops each run)."""

    def __init__(self, sizes: Sizes, folder: Path) -> None:
        self.sizes, self.folder = sizes, folder
        self.made: dict[str, Any] = {}

    def _get(self, name: str, make: Callable[[Path], Any]) -> Any:
        if name not in self.made:
            path, done = self.folder / name, self.folder / f"{name}.done"
            if path.exists() and not done.exists():
                shutil.rmtree(path) if path.is_dir() else path.unlink()  # left half made by a run stopped midway
            began = time.monotonic()
            made = make(path)
            if not done.exists():
                print(f"(made {name}: {time.monotonic() - began:.0f} s)", end=" ", file=sys.stderr, flush=True)
                done.write_text(json.dumps(made.workshop if isinstance(made, Folder) else None))
            self.made[name] = made
        return self.made[name]

    def _library(self, name: str, count: int) -> Folder:
        def make(path: Path) -> Folder:
            if (self.folder / f"{name}.done").exists():
                return Folder(path)
            return data.library(path, count, self.sizes.library_notes)

        return self._get(name, make)  # type: ignore[no-any-return]

    def _workshop(self, name: str, make: Callable[[Path], Folder]) -> Folder:
        def kept(path: Path) -> Folder:
            done = self.folder / f"{name}.done"
            return Folder(path, json.loads(done.read_text())) if done.exists() else make(path)

        return self._get(name, kept)  # type: ignore[no-any-return]

    def large(self) -> Folder:
        return self._library("library-large", self.sizes.library)

    def small(self) -> Folder:
        return self._library("library-small", self.sizes.small_library)

    def huge(self) -> Folder:
        return self._library("library-huge", self.sizes.huge)

    def alone(self) -> Folder:
        return self._workshop("workshop", lambda path: data.workshop(path, self.sizes.notes))

    def crowded(self) -> Folder:
        return self._workshop("workshop-in-library", lambda path: data.crowded(path, self.large(), self.sizes.notes))

    def growth(self) -> dict[int, Folder]:
        return {
            n: self._workshop(f"workshop-{n}", lambda path, n=n: data.workshop(path, n))  # type: ignore[misc]
            for n in self.sizes.growth
        }

    def fts(self) -> Path:
        def make(path: Path) -> Path:
            return path if (self.folder / "floor-fts.sqlite.done").exists() else data.fts_table(path, self.large())

        return self._get("floor-fts.sqlite", make)  # type: ignore[no-any-return]


STEPS = ("start-up", "note-add", "keys-saving", "step-switch", "library", "search", "scale", "export", "sync")
"""The groups of figures, in the order they run; ``--only`` takes their names."""


def measure(plan: Plan, folder: Path, only: Sequence[str] = STEPS) -> list[Row]:
    got = Data(plan.sizes, folder)
    rows: list[Row] = []
    steps: dict[str, Callable[[], list[Row]]] = {
        "start-up": lambda: startup_and_memory(plan, got.large(), got.alone()),
        "note-add": lambda: note_adds(plan, got.alone(), got.crowded(), got.growth()),
        "keys-saving": lambda: keys_while_saving(plan, got.alone()),
        "step-switch": lambda: step_switches(plan, got.alone()),
        "library": lambda: library_visits(plan, got.small(), got.large()),
        "search": lambda: searches(plan, got.large(), got.fts()),
        "scale": lambda: scale(plan, got.large(), got.huge(), got.fts()),
        "export": lambda: exports(plan, got.alone()),
        "sync": lambda: syncs(plan, got.small(), got.large()),
    }
    for name in STEPS:
        if name not in only:
            continue
        began = time.monotonic()
        print(f"measuring {name} (load {load():.2f}) …", end=" ", file=sys.stderr, flush=True)
        rows += steps[name]()
        print(f"{time.monotonic() - began:.0f} s", file=sys.stderr)
    return rows


def compile_darbnica() -> None:
    """Compile darbnica's modules to bytecode, as installing it does.

    ``pip install .`` writes the bytecode of every module, so a user's darbnica starts without compiling; so does
    Textual, which the floors import. An editable install with ``PYTHONDONTWRITEBYTECODE`` set would compile all
    of darbnica again in every benchmark process and count that as start-up.
    """
    import darbnica

    compileall.compile_dir(Path(darbnica.__file__).parent, quiet=2)  # quiet: a read-only install has its bytecode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs: under three minutes")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run: only checks that it works")
    parser.add_argument(
        "--only",
        type=lambda names: [name.strip() for name in names.split(",")],
        default=list(STEPS),
        metavar="NAME[,NAME…]",
        help=f"measure only these groups of figures: {', '.join(STEPS)}",
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="make the data here and keep it for later runs (default: a temporary folder)",
    )
    options = parser.parse_args(argv)
    unknown = [name for name in options.only if name not in STEPS]
    if unknown:
        parser.error(f"unknown --only {', '.join(unknown)}; choose from {', '.join(STEPS)}")
    plan = SMOKE if options.smoke else QUICK if options.quick else FULL
    compile_darbnica()
    began, load_before = time.monotonic(), load()
    if options.data is not None:
        mode_name = "smoke" if options.smoke else "quick" if options.quick else "full"
        kept = options.data / mode_name  # the sizes differ between the modes
        kept.mkdir(parents=True, exist_ok=True)
        rows = measure(plan, kept, options.only)
    else:
        with tempfile.TemporaryDirectory(prefix="darbnica-bench-") as folder:
            rows = measure(plan, Path(folder), options.only)
    mode = "--smoke" if options.smoke else "--quick" if options.quick else "full run"
    print(f"darbnica benchmarks ({mode}, {time.monotonic() - began:.0f} s)")
    print(f"Machine: {machine()}")
    print(f"Load (1 min) before and after: {load_before:.2f}, {load():.2f}")
    print()
    print(table(rows))
    missed = [row.figure for row in rows if row.missed]
    if missed:
        print(f"\nMissed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
