"""The share server over real HTTP on 127.0.0.1: the page for the right token, 404 for anything else, always live."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import AsyncIterator

import aiohttp
import pytest

from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.share.links import lan_address, public_url, summary_link
from darbnica.share.server import SummaryServer


@pytest.fixture
async def server(opened: Editor) -> AsyncIterator[SummaryServer]:
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0)
    await server.start()
    yield server
    await server.stop()


async def fetch(url: str, method: str = "GET") -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.request(method, url) as response:
        return response.status, await response.text()


def base(server: SummaryServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def test_the_right_token_gets_the_live_summary(server: SummaryServer, opened: Editor) -> None:
    opened.add_note("problem", "Nav autobusa svētdienās", tag="need")
    status, page = await fetch(server.url)
    assert status == 200 and "<h1>Tūjas nākotne</h1>" in page and "Nav autobusa svētdienās" in page
    assert server.url in page  # the page shows its own link (and its QR code)

    opened.add_note("problem", "Slidotava ziemā")
    status, page = await fetch(server.url)
    assert status == 200 and "Slidotava ziemā" in page  # the next request shows the new note


async def test_anything_else_is_not_found(server: SummaryServer) -> None:
    wrong = server.token[:-1] + ("A" if server.token[-1] != "A" else "B")
    for path in (wrong, "", "favicon.ico", f"{server.token}/x", "../etc/passwd", f"health/{server.token}"):
        status, body = await fetch(f"{base(server)}/{path}")
        assert status == 404, path
        assert "Tūjas" not in body
    assert (await fetch(server.url, "POST"))[0] == 404
    assert (await fetch(server.url, "DELETE"))[0] == 404


async def test_health_check(server: SummaryServer) -> None:
    assert await fetch(f"{base(server)}/health") == (200, "ok\n")


async def test_stopping_closes_the_port(server: SummaryServer) -> None:
    port = server.port
    await server.stop()
    assert not server.running
    with pytest.raises(aiohttp.ClientConnectionError):
        await fetch(f"http://127.0.0.1:{port}/health")


async def test_a_busy_port_falls_back_to_a_free_one(opened: Editor) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=busy)
        await server.start()
        try:
            assert server.port != busy
            assert (await fetch(server.url))[0] == 200
        finally:
            await server.stop()


async def test_a_public_link_is_the_one_the_page_shows(opened: Editor) -> None:
    link = public_url("https://example.lv/darbnicas/{id}.html", opened.workshop.id)
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, link=link)
    await server.start()
    try:
        page = (await fetch(server.url))[1]
    finally:
        await server.stop()
    assert f'href="https://example.lv/darbnicas/{opened.workshop.id}.html"' in page and server.token not in page


def test_links() -> None:
    assert public_url("https://example.lv/d/{id}.html", "2026-03-14-tuja-3f9a") == (
        "https://example.lv/d/2026-03-14-tuja-3f9a.html"
    )
    assert summary_link(None, "x") is None
    assert summary_link(None, "x", served="http://10.0.0.2:8765/t") == "http://10.0.0.2:8765/t"
    assert summary_link("https://e.lv/{id}", "x", served="http://10.0.0.2:8765/t") == "https://e.lv/x"
    assert ipaddress.ip_address(lan_address()).version == 4


def test_the_share_command_serves_until_interrupted(paths: Paths, workshop_id: str) -> None:
    command = [sys.executable, "-m", "darbnica", "share", workshop_id[:10], "--host", "127.0.0.1", "--port", "0"]
    env = {**os.environ, "DARBNICA_HOME": str(paths.data)}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.split()[-1]
        assert first.startswith("Served to this computer only: http://127.0.0.1:")

        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and "Tūjas nākotne" in response.read().decode()
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "Stopped serving the summary." in out
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=5)
