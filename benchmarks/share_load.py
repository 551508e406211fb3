"""A room loading the shared summary at once, on 127.0.0.1: is every phone served, how long do they wait, and
does the facilitator's typing in the app slow down meanwhile?

    python benchmarks/share_load.py            500 simultaneous loads of a 1,000-note workshop (a few minutes)
    python benchmarks/share_load.py --quick    the same, fewer rounds and keys
    python benchmarks/share_load.py --smoke    tiny sizes: only checks that it works

Two servers are measured, each with the workshop the other benchmarks use (:mod:`data`):

- ``darbnica share`` in a process of its own, as a user starts it. Rounds of simultaneous loads, each load on its
  own connection, as that many phones; before each round a note is added with ``darbnica add``, so every round's
  first request makes the page anew. Meanwhile ``/health`` is asked every 20 ms on a connection of its own.
- The app in share mode (``child.py share-keys``): keys are sent to the app idle and while a load process
  (``share_load.py hammer``) runs rounds of simultaneous loads back to back against it; each Enter adds a note,
  so the page is made anew while the room loads. The key figures are the app's own key-to-frame times, measured
  with the frame sink of :mod:`frames`, as ``run.py`` measures them.

The load process and the server share this machine's cores, and one process plays all the phones, so the times
include the load generator's own work. The exit status is 1 when a target is missed: every load served, and
key-to-frame under load at most 1.2× idle.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import data
from data import STEP, Folder
from run import Row, Series, child, compile_darbnica, load, machine, table

HEALTH_EVERY = 0.02
"""Seconds between two ``/health`` requests while a room loads."""
KEY_TARGET = 1.2
"""Key-to-frame under load against idle."""
REQUEST_TIMEOUT = 120.0
"""A load not answered within this counts as not served."""


@dataclass(frozen=True)
class Plan:
    notes: int
    loads: int
    """Simultaneous loads in a round: phones reloading at once."""
    rounds: int
    """Rounds against ``darbnica share``."""
    keys: int
    """Keys of each kind sent to the app in each phase."""
    phases: int
    """Idle and loaded phases in the app, alternating."""


FULL = Plan(notes=1000, loads=500, rounds=6, keys=12, phases=3)
QUICK = Plan(notes=1000, loads=500, rounds=3, keys=6, phases=2)
SMOKE = Plan(notes=30, loads=20, rounds=1, keys=2, phases=1)


# -- the room: simultaneous loads, and /health meanwhile ----------------------------------------------------------


@dataclass
class Loads:
    requests: int = 0
    served: int = 0
    errors: int = 0
    times: list[float] = field(default_factory=list)
    """Seconds from asking to having the whole page, for each load served."""
    health: list[float] = field(default_factory=list)
    """Seconds each ``/health`` took meanwhile."""

    def add(self, other: dict[str, Any]) -> None:
        self.requests += other["requests"]
        self.served += other["served"]
        self.errors += other["errors"]
        self.times += other["times"]
        self.health += other["health"]

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def enough_descriptors(connections: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 200
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


async def one_round(session: aiohttp.ClientSession, url: str, loads: int, seen: Loads) -> None:
    async def one() -> None:
        began = time.monotonic()
        try:
            async with session.get(url) as response:
                await response.read()
                ok = response.status == 200
        except (aiohttp.ClientError, TimeoutError):
            ok = False
        seen.requests += 1
        if ok:
            seen.served += 1
            seen.times.append(time.monotonic() - began)
        else:
            seen.errors += 1

    await asyncio.gather(*(one() for _ in range(loads)))


async def health_probe(url: str, seen: Loads, stop: asyncio.Event) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)) as session:
        while not stop.is_set():
            began = time.monotonic()
            async with session.get(url) as response:
                await response.read()
            seen.health.append(time.monotonic() - began)
            await asyncio.sleep(HEALTH_EVERY)


def health_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/health"


def phones() -> aiohttp.ClientSession:
    """A client whose every request opens its own connection, as a phone each would."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0, force_close=True),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
    )


async def rounds(url: str, loads: int, count: int, before_each: Any = None) -> Loads:
    """``count`` rounds of ``loads`` simultaneous loads (``before_each()`` first, if given), /health meanwhile."""
    seen, stop = Loads(), asyncio.Event()
    probe = asyncio.ensure_future(health_probe(health_url(url), seen, stop))
    async with phones() as session:
        for _ in range(count):
            if before_each is not None:
                await asyncio.to_thread(before_each)
            await one_round(session, url, loads, seen)
    stop.set()
    await probe
    return seen


async def hammer(url: str, loads: int) -> None:
    """Rounds back to back until standard input closes; then the figures as one JSON line (for ``child.py``)."""
    enough_descriptors(loads)
    seen, stop = Loads(), asyncio.Event()
    until_closed = asyncio.ensure_future(asyncio.to_thread(sys.stdin.read))
    probe = asyncio.ensure_future(health_probe(health_url(url), seen, stop))
    async with phones() as session:
        print("loading", flush=True)
        while not until_closed.done():
            await one_round(session, url, loads, seen)
    stop.set()
    await probe
    print(json.dumps(seen.as_json()), flush=True)


# -- the two servers ------------------------------------------------------------------------------------------------


def darbnica(*args: str) -> list[str]:
    return [sys.executable, "-m", "darbnica", *args]


def share_command(plan: Plan, folder: Folder) -> Loads:
    """Rounds against ``darbnica share``, a note added with ``darbnica add`` before each."""
    assert folder.workshop is not None
    workshop = folder.workshop
    data_dir = ["--data-dir", str(folder.path)]
    command = darbnica(*data_dir, "share", workshop, "--host", "127.0.0.1", "--port", "0")
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        match = re.search(r"http://\S+", server.stdout.readline())
        assert match, "darbnica share printed no address"
        numbers = iter(range(plan.rounds))

        def add_note() -> None:
            text = f"Piezīme starp ielādēm {next(numbers)}"
            subprocess.run(darbnica(*data_dir, "add", workshop, STEP, text), check=True, capture_output=True)

        try:
            return asyncio.run(rounds(match.group(0), plan.loads, plan.rounds, add_note))
        finally:
            server.terminate()
            server.wait(timeout=30)


def the_app(plan: Plan, folder: Folder) -> tuple[dict[str, Series], Loads]:
    """Keys to the app idle and under load; the loads the app served meanwhile."""
    assert folder.workshop is not None
    args = ("share-keys", str(folder.path), folder.workshop, STEP, str(plan.keys), str(plan.phases), str(plan.loads))
    _, result = child(*args)
    keys = {name: Series(result[name]) for name in ("letter_idle", "letter_loaded", "enter_idle", "enter_loaded")}
    seen = Loads()
    for part in result["hammer"]:
        seen.add(part)
    return keys, seen


# -- the report -------------------------------------------------------------------------------------------------


def percentiles(values: list[float], points: tuple[int, ...]) -> str:
    if not values:
        return "—"
    if len(values) == 1:
        return " / ".join(f"{values[0] * 1000:.0f}" for _ in points) + " ms"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return " / ".join(f"{cuts[point - 1] * 1000:.0f}" for point in points) + " ms"


def loads_table(rows: list[tuple[str, Loads]]) -> str:
    lines = [
        "| server | loads | served | full page: p50 / p95 / p99 | /health meanwhile: p50 / p95 / max | result |",
        "|---|---|---|---|---|---|",
    ]
    for name, seen in rows:
        health = percentiles(seen.health, (50, 95))
        worst = f"{max(seen.health) * 1000:.0f} ms" if seen.health else "—"
        result = "pass" if seen.requests and seen.served == seen.requests else "MISS"
        lines.append(
            f"| {name} | {seen.requests:,} | {seen.served:,} | {percentiles(seen.times, (50, 95, 99))} "
            f"| {health.removesuffix(' ms')} / {worst} | {result} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and keys")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: only checks that it works")
    sub = parser.add_subparsers(dest="command")
    hammering = sub.add_parser("hammer", help="(for child.py) load URL in rounds until standard input closes")
    hammering.add_argument("url")
    hammering.add_argument("--loads", type=int, default=FULL.loads)
    options = parser.parse_args(argv)
    if options.command == "hammer":
        asyncio.run(hammer(options.url, options.loads))
        return 0

    plan = SMOKE if options.smoke else QUICK if options.quick else FULL
    enough_descriptors(plan.loads)
    compile_darbnica()
    began, load_before = time.monotonic(), load()
    with tempfile.TemporaryDirectory(prefix="darbnica-share-bench-") as folder:
        print(f"making a {plan.notes:,}-note workshop …", file=sys.stderr, flush=True)
        cli_folder = data.workshop(Path(folder) / "cli", plan.notes)
        app_folder = data.workshop(Path(folder) / "app", plan.notes)
        print(
            f"darbnica share: {plan.rounds} rounds of {plan.loads} (load {load():.2f}) …", file=sys.stderr, flush=True
        )
        at_cli = load()
        cli = share_command(plan, cli_folder)
        print(f"the app: {plan.phases} idle and loaded phases (load {load():.2f}) …", file=sys.stderr, flush=True)
        at_app = load()
        keys, app = the_app(plan, app_folder)
    mode = "--smoke" if options.smoke else "--quick" if options.quick else "full run"
    print(f"darbnica share-mode load ({mode}, {time.monotonic() - began:.0f} s)")
    print(f"Machine: {machine()}")
    print(f"Load (1 min) before and after: {load_before:.2f}, {load():.2f}")
    print()
    print(
        loads_table(
            [
                (
                    f"darbnica share, {plan.loads} at once × {plan.rounds}, {plan.notes:,} notes (load {at_cli:.2f})",
                    cli,
                ),
                (f"the app in share mode, {plan.loads} at once, back to back (load {at_app:.2f})", app),
            ]
        )
    )
    print()
    rows = [
        Row(
            f"key to frame, a letter, {plan.loads} loads at once",
            keys["letter_loaded"],
            "idle",
            keys["letter_idle"],
            KEY_TARGET,
            at_app,
        ),
        Row(
            f"key to frame, Enter (note add), {plan.loads} loads at once",
            keys["enter_loaded"],
            "idle",
            keys["enter_idle"],
            KEY_TARGET,
            at_app,
        ),
    ]
    print(table(rows))
    missed = [row.figure for row in rows if row.missed]
    missed += [name for name, seen in (("darbnica share", cli), ("the app", app)) if seen.served != seen.requests]
    if missed:
        print(f"\nMissed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
