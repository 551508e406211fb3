"""A flood of connections against share mode: more than the sharing process has descriptors, idle and trickling.

``share_room.py`` plays the app: a workshop open for writing, its summary shared on 127.0.0.1, a note saved every
50 ms, all in a process limited to ``SIZE.flood_descriptors`` descriptors (256; 1,024 at full size, a default Linux
session's limit) which sharing cannot raise. The test opens ``SIZE.flood`` idle connections (more than that limit)
and a tenth as many that trickle a request a header at a time, never finishing it. Meanwhile, and after:

- the page and ``/health`` answer (within a generous bound that only proves they answered);
- every flood connection is closed by the server, the idle and the trickling alike;
- no save failed and the process never ran out of descriptors;
- the flood is one line in the process's log, not one per connection.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from darbnica.paths import Paths
from tests.stress.size import SIZE

ROOM = Path(__file__).with_name("share_room.py")
ANSWERED = 60.0
"""Seconds within which an answer, or a closed connection, must come at all: a bound, not a speed target."""
CONNECT = 10.0


@pytest.fixture
def descriptors_for_the_flood() -> Iterator[None]:
    """This process opens the flood's sockets: let it (the hard limit allowing), and put the limit back after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = SIZE.flood + SIZE.flood // 10 + 200
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


async def closed_by_server(reader: asyncio.StreamReader) -> bool:
    try:
        await asyncio.wait_for(reader.read(), ANSWERED)
    except ConnectionError:
        return True
    except TimeoutError:
        return False
    return True


async def trickle(port: int) -> bool:
    """A request sent a header every half second, never ended; whether the server closed it."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), CONNECT)
    try:
        writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for number in range(int(ANSWERED / 0.5)):
            writer.write(f"X-Slow-{number}: 1\r\n".encode())
            await writer.drain()
            try:
                await asyncio.wait_for(reader.read(), 0.5)
                return True
            except TimeoutError:
                continue
        return False
    except ConnectionError:
        return True
    finally:
        writer.close()


async def answers(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url, timeout=aiohttp.ClientTimeout(total=ANSWERED)) as response:
        return response.status, await response.text()


async def flood_and_check(url: str) -> dict[str, object]:
    port = int(url.split(":")[2].split("/")[0])
    health = url.rsplit("/", 1)[0] + "/health"
    tricklers = [asyncio.ensure_future(trickle(port)) for _ in range(SIZE.flood // 10)]
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    checks: list[tuple[int, str]] = []
    began = time.monotonic()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as session:
            for number in range(SIZE.flood):
                idle.append(await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), CONNECT))
                if number % (SIZE.flood // 4) == 0:  # a phone arrives while the flood is being opened
                    checks += [await answers(session, url), await answers(session, health)]
            opened = time.monotonic() - began
            checks += [await answers(session, url), await answers(session, health)]  # the whole flood is open
            closed = [await closed_by_server(reader) for reader, _ in idle]
            trickled = await asyncio.gather(*tricklers)
            checks += [await answers(session, url), await answers(session, health)]  # and after
    finally:
        for _, writer in idle:
            writer.close()
        for task in tricklers:
            task.cancel()
    return {"checks": checks, "closed": closed, "trickled": trickled, "opened": opened}


def test_a_flood_of_connections_never_stops_the_room(
    paths: Paths, workshop_id: str, descriptors_for_the_flood: None, figures: list[str]
) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, str(ROOM), str(paths.data), workshop_id, str(SIZE.flood_descriptors)]
    began = time.monotonic()
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as room:
        assert room.stdin is not None and room.stdout is not None
        try:
            url = room.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:"), url
            seen = asyncio.run(flood_and_check(url))
        finally:
            out, log = room.communicate("", timeout=ANSWERED)  # its standard input closes: it stops
    took = time.monotonic() - began
    assert room.returncode == 0, log[-3000:]
    report = json.loads(out.strip().splitlines()[-1])

    checks = seen["checks"]
    assert isinstance(checks, list)
    assert all(status == 200 for status, _ in checks) and all("Tūjas nākotne" in text for _, text in checks[::2])
    assert all(seen["closed"]) and all(seen["trickled"])  # type: ignore[arg-type]
    assert report["failed"] == [] and report["saved"] > 0
    if report["most_descriptors"] is not None:
        assert report["most_descriptors"] < SIZE.flood_descriptors
    flood_lines = [line for line in log.splitlines() if "connections open" in line]
    assert len(flood_lines) == 1 and len(log.splitlines()) <= 5, log[-3000:]

    figures.append(
        f"share flood: {SIZE.flood:,} idle + {SIZE.flood // 10:,} trickling connections against a process of "
        f"{SIZE.flood_descriptors:,} descriptors: all closed by the server, {len(checks)} page and /health loads "
        f"answered meanwhile, {report['saved']:,} notes saved, 0 failed, at most {report['most_descriptors']} "
        f"descriptors open; {len(log.splitlines())} log line(s); {took:.0f} s"
    )
