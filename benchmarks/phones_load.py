"""A room of phones on the hall's network, played on 127.0.0.1: 200 phones hold a live connection (server-sent
events) to ``darbnica share --show-at-once`` while 100 of them send notes. Is every note received and shown on
every phone, and how long does it take?

    python benchmarks/phones_load.py            200 live phones, 100 sending, 120 s
    python benchmarks/phones_load.py --quick    the same room for 20 s
    python benchmarks/phones_load.py --smoke    20 phones for 3 s: only checks that it works

Each phone is its own HTTP client with its own cookie, from its own loopback address (127.0.x.y: the server caps
live connections per address, as it should in a hall where every phone has its own). A sending phone sends a note
every 6 s or so, within the per-phone limit of 10 a minute. It prints:

- errors: any reply to a note that is not "received" (303), any live connection lost; target 0;
- note latency: POST to its 303 (the note is on disk then), p50 / p95 / p99; target p95 < 150 ms, p99 < 500 ms;
- shown on every phone: from a note's 303 to the moment the last of the 200 live phones has it in a snapshot,
  p50 / p95; target p95 < 500 ms (with show-at-once the note goes on the wall without the facilitator);
- the server's resident memory at the start and the end;
- notes lost: notes answered 303 that are not in the workshop file after the server stops; target 0.

Not measured here (see the README): dots from phones (voting is opened in the app), and the app's own
key-to-frame latency under this load (``share_load.py`` measures that for page loads).
One process plays all the phones and shares the machine's cores with the server, so times include its own work.
The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library

LINK = re.compile(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]+")
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')
SEND_EVERY = 6.5
"""Seconds between two notes of one sending phone: within the room's 10 a minute."""


@dataclass(frozen=True)
class Plan:
    phones: int
    senders: int
    seconds: float


FULL = Plan(phones=200, senders=100, seconds=120)
QUICK = Plan(phones=200, senders=100, seconds=20)
SMOKE = Plan(phones=20, senders=10, seconds=3)


@dataclass
class Room:
    link: str
    origin: str
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[str, float] = field(default_factory=dict)
    """Note marker → when its 303 came."""
    seen: dict[str, dict[int, float]] = field(default_factory=dict)
    """Note marker → live phone → when it first had it."""
    live: int = 0


def address(number: int) -> str:
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


async def live_phone(room: Room, number: int, sends: bool, stop: asyncio.Event, ready: asyncio.Event) -> None:
    connector = aiohttp.TCPConnector(local_addr=(address(number), 0), limit=4)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=60)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(room.link) as page:
            fields = dict(HIDDEN.findall(await page.text()))
        async with session.get(f"{room.link}/events", timeout=timeout) as stream:
            if stream.status != 200:
                room.errors.append(f"phone {number}: live connection refused ({stream.status})")
                ready.set()
                return
            room.live += 1
            ready.set()
            sender = asyncio.ensure_future(send_notes(room, session, number, fields, stop)) if sends else None
            try:
                while not stop.is_set():
                    line = await asyncio.wait_for(stream.content.readline(), 60)
                    if not line:
                        if not stop.is_set():
                            room.errors.append(f"phone {number}: live connection closed")
                        break
                    if line.startswith(b"data: "):
                        now, text = time.monotonic(), line.decode()
                        for marker in re.findall(r"load-p\d+-n\d+", text):
                            room.seen.setdefault(marker, {}).setdefault(number, now)
            except (TimeoutError, asyncio.CancelledError, aiohttp.ClientError) as error:
                if not stop.is_set():
                    room.errors.append(f"phone {number}: {type(error).__name__}")
            finally:
                if sender:
                    sender.cancel()


async def send_notes(
    room: Room, session: aiohttp.ClientSession, number: int, fields: dict[str, str], stop: asyncio.Event
) -> None:
    await asyncio.sleep(random.uniform(0, SEND_EVERY))
    sent = 0
    while not stop.is_set() and sent < 10:
        marker = f"load-p{number}-n{sent}"
        form = {**fields, "ref": f"ref-{marker}", "step": "problem", "text": f"piezīme {marker}: ceļš ir bedrains"}
        started = time.monotonic()
        try:
            async with session.post(
                f"{room.link}/note", data=form, headers={"Origin": room.origin}, allow_redirects=False
            ) as reply:
                await reply.read()
                if reply.status == 303:
                    room.latencies.append(time.monotonic() - started)
                    room.acknowledged[marker] = time.monotonic()
                else:
                    room.errors.append(f"phone {number}: note answered {reply.status}")
        except aiohttp.ClientError as error:
            room.errors.append(f"phone {number}: note failed ({type(error).__name__})")
        sent += 1
        await asyncio.sleep(SEND_EVERY)


def resident(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def play(room: Room, plan: Plan) -> None:
    stop = asyncio.Event()
    tasks = []
    for number in range(plan.phones):
        ready = asyncio.Event()
        tasks.append(asyncio.ensure_future(live_phone(room, number, number < plan.senders, stop, ready)))
        await asyncio.wait_for(ready.wait(), 30)  # phones join one after another, as they scan the code
    await asyncio.sleep(plan.seconds)
    await asyncio.sleep(2)  # the last notes reach every phone
    stop.set()
    await asyncio.wait(tasks, timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    plan = SMOKE if args.smoke else QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory(prefix="darbnica-phones-") as folder:
        paths = resolve_paths(folder)
        library = Library(paths)
        plan_file = load_plans(paths).get(DEFAULT_PLAN)
        workshop_id = library.create(title="Tūjas nākotne", plan=plan_file, place="Tūja", date="2026-03-14")
        with Editor.open(library, workshop_id) as opened:
            opened.go_to("problem")
        env = {**os.environ, "DARBNICA_HOME": folder, "LANG": "C.UTF-8"}
        command = [sys.executable, "-m", "darbnica", "share", workshop_id, "--host", "127.0.0.1", "--port", "0"]
        server = subprocess.Popen(
            [*command, "--show-at-once"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        assert server.stdout is not None
        link = None
        for _ in range(20):
            found = LINK.search(server.stdout.readline())
            if found:
                link = found.group(0)
                break
        if link is None:
            server.kill()
            print("the share command printed no link", file=sys.stderr)
            return 1
        room = Room(link, link.rsplit("/", 1)[0])
        memory_start = resident(server.pid)
        asyncio.run(play(room, plan))
        memory_end = resident(server.pid)
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        texts = {note.text for note in library.read(workshop_id).notes}
    lost = [m for m in room.acknowledged if f"piezīme {m}: ceļš ir bedrains" not in texts]
    shown = []
    for marker, acked in room.acknowledged.items():
        times = room.seen.get(marker, {})
        if len(times) >= room.live:
            shown.append(max(times.values()) - acked)
        else:
            room.errors.append(f"{marker}: shown on {len(times)} of {room.live} live phones")
    figures = {
        "phones": plan.phones,
        "live": room.live,
        "senders": plan.senders,
        "seconds": plan.seconds,
        "notes received": len(room.acknowledged),
        "errors": len(room.errors),
        "note p50 ms": round(percentile(room.latencies, 0.5) * 1000, 1),
        "note p95 ms": round(percentile(room.latencies, 0.95) * 1000, 1),
        "note p99 ms": round(percentile(room.latencies, 0.99) * 1000, 1),
        "shown on every phone p50 ms": round(percentile(shown, 0.5) * 1000, 1),
        "shown on every phone p95 ms": round(percentile(shown, 0.95) * 1000, 1),
        "server memory MB start": round(memory_start, 1),
        "server memory MB end": round(memory_end, 1),
        "notes lost": len(lost),
        "load average": round(os.getloadavg()[0], 2),
    }
    for name, value in figures.items():
        print(f"{name:>30}: {value}")
    for error in room.errors[:10]:
        print("  error:", error)
    missed = (
        room.errors
        or lost
        or figures["note p95 ms"] >= 150
        or figures["note p99 ms"] >= 500
        or figures["shown on every phone p95 ms"] >= 500
    )
    print(json.dumps(figures))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
