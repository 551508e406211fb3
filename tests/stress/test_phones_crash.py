"""Phones post notes over HTTP to `darbnica share` and the server is SIGKILLed at a random moment: every note a
phone was told was received (its 303) is in the queue after the restart, once.

A room of phones (each its own cookie, so the per-phone limits hold as in a hall) sends as fast as the server
answers, on 127.0.0.1 only; each run ends by a kill after a random 0.2–2 s, and the number of runs is bounded
(``SIZE``: a few in every test run, more with ``DARBNICA_STRESS=full``).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import time

import aiohttp
import pytest

from darbnica.paths import Paths
from darbnica.room import NOTES_PER_MINUTE, Room
from darbnica.store import Library
from tests.stress.size import SEED, SIZE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

PHONES = 12
"""Phones in each run: each may send NOTES_PER_MINUTE notes, so a run can post over a hundred in two seconds."""
RUNS = 40 if SIZE.name == "full" else 4
LINK = re.compile(r"http://127\.0\.0\.1:\d+/[A-Z2-7a-zA-Z0-9_-]+")
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def start_server(paths: Paths, workshop_id: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "LANG": "C.UTF-8"}  # the data folder: DARBNICA_HOME, set by the fixtures
    command = [sys.executable, "-m", "darbnica", "share", workshop_id, "--host", "127.0.0.1", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.monotonic() + 60
    assert server.stdout is not None
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        found = LINK.search(line)
        if found:
            return server, found.group(0)
        assert line or server.poll() is None, "the share command ended before printing its link"
    server.kill()
    raise AssertionError("no link printed within 60 s")


async def phone(link: str, number: int, run: int, acknowledged: list[str], stop: asyncio.Event) -> None:
    """One phone: load the page (its cookie, form token and the step it shows), then send its notes."""
    origin = link.rsplit("/", 1)[0]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(link) as page:
            fields = dict(HIDDEN.findall(await page.text()))
        for sent in range(NOTES_PER_MINUTE):
            if stop.is_set():
                return
            ref = f"crash-r{run}-p{number}-n{sent}"  # a ref as a page makes one: 8–64 URL-safe
            form = {**fields, "ref": ref, "step": "problem", "text": f"piezīme {ref} — ļoti svarīga"}
            async with session.post(
                f"{link}/note", data=form, headers={"Origin": origin}, allow_redirects=False
            ) as reply:
                if reply.status == 303:  # the phone is told "received": from here on it must never be lost
                    acknowledged.append(ref)


async def post_until_killed(server: subprocess.Popen[str], link: str, run: int, after: float) -> list[str]:
    acknowledged: list[str] = []
    stop = asyncio.Event()
    phones = [asyncio.ensure_future(phone(link, n, run, acknowledged, stop)) for n in range(PHONES)]
    await asyncio.sleep(after)
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=30)
    stop.set()
    await asyncio.wait(phones, timeout=30)
    for task in phones:  # a request cut off by the kill is an error the phone sees, not an acknowledgement
        if not task.cancelled():
            task.exception()
    return acknowledged


def test_a_killed_share_server_loses_no_acknowledged_phone_note(
    paths: Paths, library: Library, workshop_id: str, figures: list[str]
) -> None:
    rng = random.Random(SEED)
    all_acknowledged: list[str] = []
    for run in range(RUNS):
        server, link = start_server(paths, workshop_id)
        acknowledged = asyncio.run(post_until_killed(server, link, run, rng.uniform(0.2, 2.0)))
        all_acknowledged += acknowledged
        room = Room(library.journal_of(workshop_id))  # what the app's queue (F10) reads after the restart
        try:
            waiting = [note.ref for note in room.waiting(library.read(workshop_id))]
        finally:
            room.close()
        missing = set(all_acknowledged) - set(waiting)
        assert not missing, f"run {run} (seed {SEED}): acknowledged notes not in the queue: {sorted(missing)}"
        assert len(waiting) == len(set(waiting)), "a note is in the queue twice"
    assert all_acknowledged, "no note was acknowledged in any run: the kill came before the phones could post"
    figures.append(
        f"phones crash: {RUNS} share servers SIGKILLed, {len(all_acknowledged)} notes acknowledged over HTTP, "
        f"all {len(all_acknowledged)} found in the queue after restart (seed {SEED})"
    )
