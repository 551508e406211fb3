"""A whole room loading the share page at once: every load served, whole, the same page; ``/health`` answers.

``SIZE.loads`` simultaneous loads (each on its own connection, as that many phones) of a workshop of
``SIZE.load_notes`` notes (100 of 200 notes in every run; 500 of 1,000 at full size), twice: once as it is, and
again after a note is added, when the page must be made anew and carry the note. The test checks that they all
answered and that the page was made once for each of the two versions, not how fast; the times go to the figures
at the end of the run (``benchmarks/share_load.py`` measures them properly).
"""

from __future__ import annotations

import asyncio
import statistics
import time

import aiohttp
import pytest

import darbnica.share.server
from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.sample import generate
from darbnica.share.server import SummaryServer
from darbnica.store import Library
from tests.stress.size import SIZE

ANSWERED = 120.0
"""Seconds within which every load must have been answered at all: a bound, not a speed target."""


async def room_loads(session: aiohttp.ClientSession, url: str) -> tuple[list[tuple[int, bytes]], list[float]]:
    async def load() -> tuple[int, bytes, float]:
        began = time.monotonic()
        async with session.get(url) as response:
            return response.status, await response.read(), time.monotonic() - began

    done = await asyncio.wait_for(asyncio.gather(*(load() for _ in range(SIZE.loads))), ANSWERED)
    return [(status, body) for status, body, _ in done], [took for _, _, took in done]


async def health_meanwhile(session: aiohttp.ClientSession, url: str, stop: asyncio.Event) -> list[float]:
    took = []
    while not stop.is_set():
        began = time.monotonic()
        async with session.get(url) as response:
            assert (response.status, await response.text()) == (200, "ok\n")
        took.append(time.monotonic() - began)
        await asyncio.sleep(0.05)
    return took


async def test_a_room_loading_the_page_at_once_is_served(
    library: Library, plan: Plan, figures: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (workshop_id,) = generate(library, plan, count=1, notes=SIZE.load_notes, seed=11).ids
    renders = []
    to_html = darbnica.share.server.to_html  # type: ignore[attr-defined]

    def counted(*args: object) -> str:
        renders.append(args)
        return to_html(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(darbnica.share.server, "to_html", counted)
    with Editor.open(library, workshop_id) as file:
        server = SummaryServer(lambda: file.workshop, host="127.0.0.1", port=0)
        await server.start()
        health = server.url.rsplit("/", 1)[0] + "/health"
        timeout = aiohttp.ClientTimeout(total=ANSWERED)
        try:
            async with (
                aiohttp.ClientSession(
                    connector=aiohttp.TCPConnector(limit=0, force_close=True), timeout=timeout
                ) as room,
                aiohttp.ClientSession(timeout=timeout) as prober,
            ):
                stop = asyncio.Event()
                probe = asyncio.ensure_future(health_meanwhile(prober, health, stop))
                first, first_times = await room_loads(room, server.url)
                file.add_note("problem", "Jauna piezīme no zāles")
                second, second_times = await room_loads(room, server.url)
                stop.set()
                health_times = await probe
        finally:
            await server.stop()

    for loads in (first, second):
        assert len(loads) == SIZE.loads and {status for status, _ in loads} == {200}
        assert len({body for _, body in loads}) == 1  # every phone got the same page, whole
    assert "Jauna piezīme no zāles" not in first[0][1].decode() and "Jauna piezīme no zāles" in second[0][1].decode()
    assert health_times  # /health answered while the room loaded
    assert len(renders) == 2  # one page made for each version, however many phones asked

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else values[0] * 1000

    figures.append(
        f"share load: {SIZE.loads} simultaneous loads of a {SIZE.load_notes:,}-note workshop, twice (a note added "
        f"between): all {2 * SIZE.loads} served; p95 {p95(first_times):.0f} and {p95(second_times):.0f} ms in the "
        f"test's own loop; /health p95 {p95(health_times):.0f} ms over {len(health_times)} probes"
    )
