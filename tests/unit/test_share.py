"""The share server over real HTTP on 127.0.0.1: the page for the right token, 404 for anything else, always live;
a crowd of connections that send nothing, or a room that loads at once, never stalls it."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import logging
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace

import aiohttp
import pytest

import darbnica.share.server
from darbnica.editing import Editor
from darbnica.errors import CorruptFile, DarbnicaError, NotFound
from darbnica.i18n import translator
from darbnica.model import Workshop
from darbnica.paths import Paths
from darbnica.share.addresses import Addresses
from darbnica.share.guard import connection_cap
from darbnica.share.links import lan_address, public_url, summary_link
from darbnica.share.server import SummaryServer
from darbnica.share.source import WorkshopOnDisk
from darbnica.store import Library

ANSWERED = 30.0
"""Seconds within which the server must have answered, or closed a connection, at all (not a speed test)."""


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
        # What to do, in both languages: the link tells no workshop, and so not its language either.
        assert "Noskenējiet kodu uz ekrāna vēlreiz." in body and "Scan the code on the screen again." in body
    assert (await fetch(server.url, "POST"))[0] == 404
    assert (await fetch(server.url, "DELETE"))[0] == 404


async def test_an_old_link_tells_the_page_s_script_what_to_do(server: SummaryServer) -> None:
    # A phone whose page was opened by a link made anew since: its script shows the sentence it is given.
    old = f"{base(server)}/{server.token[:-1]}{'A' if server.token[-1] != 'A' else 'B'}/note"
    headers = {"Accept": "application/json", "Origin": base(server)}
    async with aiohttp.ClientSession() as session, session.post(old, data={"text": "x"}, headers=headers) as response:
        answer = await response.json()
    assert response.status == 404 and answer["ok"] is False and answer["key"] == "phone.not_found"
    assert "Scan the code on the screen again." in answer["message"]


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


async def test_the_workshop_is_only_touched_from_the_loop_that_started_the_server(opened: Editor) -> None:
    """The app's open workshop belongs to the app's thread; the server answers on a thread of its own."""
    asked_on: set[int] = set()

    def workshop() -> Workshop:
        asked_on.add(threading.get_ident())
        return opened.workshop

    server = SummaryServer(workshop, host="127.0.0.1", port=0)
    await server.start()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

            async def load() -> int:
                async with session.get(server.url) as response:
                    await response.read()
                    return response.status

            assert await asyncio.gather(*(load() for _ in range(20))) == [200] * 20
    finally:
        await server.stop()
    assert asked_on == {threading.get_ident()}


async def test_an_address_it_cannot_listen_on_is_reported_and_leaves_nothing_running(opened: Editor) -> None:
    server = SummaryServer(lambda: opened.workshop, host="192.0.2.1", port=0)  # not this machine's
    with pytest.raises(DarbnicaError) as refused:
        await server.start()
    assert refused.value.key == "error.share_failed" and "192.0.2.1" in str(refused.value)
    assert not server.running and not [t for t in threading.enumerate() if t.name == "darbnica-share"]


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


def test_the_share_command_started_again_serves_at_the_same_link(paths: Paths, workshop_id: str) -> None:
    # Stopped (or killed) and started again in the middle of a workshop, it served a new link: the code the room
    # scanned led nowhere. It keeps the app's address for the workshop, the same for both.
    command = [sys.executable, "-m", "darbnica", "share", workshop_id, "--host", "127.0.0.1", "--port", "0"]
    env = {**os.environ, "DARBNICA_HOME": str(paths.data)}
    served = []
    for _ in range(2):
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
            assert process.stdout is not None
            served.append(process.stdout.readline().split()[-1])
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=ANSWERED)
    assert served[0] == served[1] and served[0].startswith("http://127.0.0.1:")
    address = Addresses(paths.share_links).get(workshop_id, 0)
    assert served[0].endswith(f":{address.port}/{address.token}")


def test_the_share_command_shows_a_note_added_by_another_process(paths: Paths, workshop_id: str) -> None:
    command = [sys.executable, "-m", "darbnica", "share", workshop_id, "--host", "127.0.0.1", "--port", "0"]
    env = {**os.environ, "DARBNICA_HOME": str(paths.data)}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        url = process.stdout.readline().split()[-1]
        try:
            with urllib.request.urlopen(url + "/summary", timeout=ANSWERED) as response:
                assert "Soliņi gar upi" not in response.read().decode()
            add = [sys.executable, "-m", "darbnica", "add", workshop_id, "problem", "Soliņi gar upi"]
            subprocess.run(add, env=env, check=True, capture_output=True, timeout=ANSWERED)
            with urllib.request.urlopen(url + "/summary", timeout=ANSWERED) as response:
                assert "Soliņi gar upi" in response.read().decode()
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=ANSWERED)


def share_in_a_terminal(paths: Paths, workshop_id: str, size: tuple[int, int]) -> tuple[list[str], list[str]]:
    """``darbnica share`` in a pseudo-terminal of ``size`` (columns, rows): the lines on its screen once it says
    how to stop it, and the links it printed (the scribe's link checked to open the participant page)."""
    from tests.ui.terminal import Terminal

    terminal = Terminal(["share", workshop_id, "--host", "127.0.0.1", "--port", "0"], paths.data, size=size)
    try:
        terminal.wait_for("Ctrl+C stops serving.")
        screen = terminal.screen()
        links = re.findall(r"http://127\.0\.0\.1:\d+/[A-Z2-7]+", terminal.output.decode("utf-8", "replace"))
        with urllib.request.urlopen(links[-1], timeout=ANSWERED) as response:  # the scribe's link opens the page
            assert response.status == 200
    finally:
        terminal.process.send_signal(signal.SIGINT)
        terminal.close()
    return screen, links


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal (pty)")
def test_the_share_command_prints_the_scribes_link_and_a_qr_code_only_where_it_fits(
    paths: Paths, workshop_id: str
) -> None:
    screen, links = share_in_a_terminal(paths, workshop_id, (80, 24))
    text = re.sub(r"\s+", " ", "".join(screen))  # a line that wraps fills its row: joined as it was
    served, _summary, scribe = links
    assert scribe != served and scribe.rsplit("/", 1)[0] == served.rsplit("/", 1)[0]  # a token of its own
    assert "Scribe's link, for this laptop only (not on the projector)" in text
    assert "No QR code: this terminal is too small for it" in text and "here: 24 × 80" in text
    assert not any("▀" in line for line in screen)
    assert "Served to this computer only: http://127.0.0.1:" in text  # nothing scrolled off

    screen, _ = share_in_a_terminal(paths, workshop_id, (100, 45))
    code = [line for line in screen if "▀" in line]
    assert len(code) > 10 and "No QR code" not in " ".join(screen)
    assert screen[0].startswith("Served to this computer only")  # the whole code and the links above it


# -- connections that send nothing, or too little --------------------------------------------------------------


async def connect(server: SummaryServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", server.port)


async def closed_by_server(reader: asyncio.StreamReader, within: float = ANSWERED) -> bool:
    """Whether the server closed the connection (after whatever it sent) within ``within`` seconds."""
    try:
        await asyncio.wait_for(reader.read(), within)
    except ConnectionError:
        return True
    except TimeoutError:
        return False
    return True


def hang_up(connections: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]) -> None:
    for _, writer in connections:
        writer.close()


async def idle(server: SummaryServer) -> bool:
    reader, writer = await connect(server)
    try:
        return await closed_by_server(reader)
    finally:
        writer.close()


async def trickle(server: SummaryServer) -> bool:
    """A slow loris: the request line, then one header every 0.2 s, never the blank line that ends them."""
    reader, writer = await connect(server)
    try:
        writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for number in range(int(ANSWERED / 0.2)):
            try:
                writer.write(f"X-Slow-{number}: 1\r\n".encode())
                await writer.drain()
                if await closed_by_server(reader, within=0.2):
                    return True
            except ConnectionError:
                return True
        return False
    finally:
        writer.close()


async def kept_alive(server: SummaryServer) -> bool:
    reader, writer = await connect(server)
    try:
        writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"ok\n"), ANSWERED)
        assert head.startswith(b"HTTP/1.1 200") and b"Connection: close" not in head  # kept alive…
        return await closed_by_server(reader)  # …but not for ever
    finally:
        writer.close()


async def test_connections_that_dawdle_are_closed(server: SummaryServer) -> None:
    """One that sends nothing, one that trickles a request byte by byte, and an idle keep-alive after a reply."""
    assert list(await asyncio.gather(idle(server), trickle(server), kept_alive(server))) == [True, True, True]


async def test_a_flood_of_connections_is_capped_and_the_page_still_answers(
    opened: Editor, caplog: pytest.LogCaptureFixture
) -> None:
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, max_connections=20)
    await server.start()
    assert server.guard is not None
    flood = []
    try:
        with caplog.at_level(logging.WARNING, logger="darbnica.share"):
            for _ in range(100):
                flood.append(await connect(server))
                assert server.guard.open <= 20
            status, page = await fetch(server.url)
            assert status == 200 and "Tūjas nākotne" in page
            assert await fetch(f"{base(server)}/health") == (200, "ok\n")
            assert server.guard.open <= 20 and server.guard.open_from("127.0.0.1") == server.guard.open
            assert all([await closed_by_server(reader) for reader, _ in flood])
        floods = [r for r in caplog.records if r.name.startswith("darbnica.share") and "connections open" in r.message]
        assert len(floods) == 1  # one line for the whole flood, not one a connection
        assert "from 127.0.0.1" in floods[0].message
    finally:
        hang_up(flood)
        await server.stop()


async def test_the_cap_holds_where_the_loop_cannot_watch_a_socket(
    opened: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' proactor loop has no add_reader: the loop accepts, and the guard closes what is over the cap."""

    def no_reader(*args: object) -> None:
        raise NotImplementedError

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "add_reader", no_reader)  # the server's loop
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, max_connections=10)
    await server.start()
    assert server.guard is not None
    flood = [await connect(server) for _ in range(40)]
    try:
        await asyncio.sleep(0.1)  # the loop makes the connections it accepted
        assert server.guard.open <= 10
        assert (await fetch(server.url))[0] == 200
    finally:
        hang_up(flood)
        await server.stop()


@pytest.fixture
def low_soft_limit() -> Iterator[tuple[int, int]]:
    """The soft limit on open files set below the hard one, as Linux starts most programs; restored after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    lowered = min(hard - 1, 1024) if hard != resource.RLIM_INFINITY else 1024
    resource.setrlimit(resource.RLIMIT_NOFILE, (lowered, hard))
    yield lowered, hard
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


async def test_sharing_raises_the_descriptor_limit_and_caps_connections_well_below_it(
    opened: Editor, low_soft_limit: tuple[int, int]
) -> None:
    lowered, hard = low_soft_limit
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0)
    await server.start()
    try:
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        assert soft == hard != lowered
        assert server.guard is not None and server.guard.cap <= soft // 2
    finally:
        await server.stop()
    assert connection_cap(1024) <= 512 and connection_cap(256) <= 128 and connection_cap(10**6) <= 10**6 // 2


async def test_when_the_process_is_out_of_descriptors_the_server_waits_and_recovers(
    opened: Editor, caplog: pytest.LogCaptureFixture
) -> None:
    """The app's own files took every descriptor: accepting stops (one line in the log) and resumes later."""
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0)
    await server.start()
    loop = asyncio.get_running_loop()
    phones = [socket.socket() for _ in range(3)]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    lowest_free = os.open(os.devnull, os.O_RDONLY)
    os.close(lowest_free)
    try:
        with caplog.at_level(logging.WARNING, logger="darbnica.share"):
            resource.setrlimit(resource.RLIMIT_NOFILE, (lowest_free, hard))  # no descriptor left to give
            try:
                for phone in phones:
                    phone.setblocking(False)
                    await loop.sock_connect(phone, ("127.0.0.1", server.port))  # queued: accepting needs one
                await asyncio.sleep(0.3)
            finally:
                resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
            for phone in phones:
                await loop.sock_sendall(phone, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                reply = await asyncio.wait_for(loop.sock_recv(phone, 4096), ANSWERED)
                assert reply.startswith(b"HTTP/1.1 200") and reply.endswith(b"ok\n")
        refused = [record for record in caplog.records if "could not accept" in record.message]
        assert len(refused) == 1
    finally:
        for phone in phones:
            phone.close()
        await server.stop()


# -- a whole room at once --------------------------------------------------------------------------------------


class Renders:
    """The server's ``to_html``, counted, and held back until :meth:`release` (so requests pile up meanwhile)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.threads: set[str] = set()
        self.gate = threading.Event()
        real = darbnica.share.server.to_html  # type: ignore[attr-defined]

        def render(*args: object, **kwargs: object) -> str:
            self.count += 1
            self.threads.add(threading.current_thread().name)
            self.gate.wait(ANSWERED)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(darbnica.share.server, "to_html", render)

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[Renders]:
    counted = Renders(monkeypatch)
    yield counted
    counted.release()  # never leave a thread waiting


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(int(ANSWERED / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{condition} did not come true")


async def test_a_room_loading_at_once_gets_one_render(server: SummaryServer, opened: Editor, renders: Renders) -> None:
    assert server.guard is not None
    room = 40
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def load() -> tuple[int, bytes]:
            async with session.get(server.url) as response:
                return response.status, await response.read()

        loads = [asyncio.ensure_future(load()) for _ in range(room)]
        await until(lambda: server.guard is not None and server.guard.serving == room)  # all waiting on the page
        renders.release()
        pages = await asyncio.gather(*loads)
        assert {status for status, _ in pages} == {200} and len({body for _, body in pages}) == 1
        assert renders.count == 1
        assert threading.current_thread().name not in renders.threads  # made off the event loop

        again = await asyncio.gather(*(load() for _ in range(room)))
        assert again == pages and renders.count == 1  # nothing changed: served from memory

        opened.add_note("problem", "Slidotava ziemā")
        status, body = await load()
        assert status == 200 and "Slidotava ziemā" in body.decode() and renders.count == 2


async def test_the_page_is_gzipped_for_phones_that_take_it_and_not_sent_again_unchanged(
    server: SummaryServer, opened: Editor
) -> None:
    async with aiohttp.ClientSession(auto_decompress=False) as session:
        async with session.get(server.url, headers={"Accept-Encoding": "identity"}) as response:
            plain = await response.read()
            assert "Content-Encoding" not in response.headers and b"T\xc5\xabjas n\xc4\x81kotne" in plain
        async with session.get(server.url, headers={"Accept-Encoding": "gzip, br"}) as response:
            assert response.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in response.headers["Vary"]
            assert gzip.decompress(await response.read()) == plain
            etag = response.headers["ETag"]
        async with session.get(server.url, headers={"Accept-Encoding": "gzip;q=0"}) as response:
            assert "Content-Encoding" not in response.headers and await response.read() == plain

        async with session.get(server.url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag}) as response:
            assert response.status == 304 and await response.read() == b""

        opened.add_note("problem", "Slidotava ziemā")
        async with session.get(server.url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag}) as response:
            assert response.status == 200 and response.headers["ETag"] != etag
            assert "Slidotava ziemā" in gzip.decompress(await response.read()).decode()


async def test_stopping_does_not_wait_on_open_connections(opened: Editor, renders: Renders) -> None:
    """Share mode turned off, or the app quitting, while phones hold idle connections and one waits for a page."""
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0)
    await server.start()
    assert server.guard is not None
    idle = [await connect(server) for _ in range(30)]
    waiting = asyncio.ensure_future(fetch(server.url))
    try:
        await until(lambda: server.guard is not None and server.guard.serving == 1)
        await asyncio.wait_for(server.stop(), ANSWERED / 2)
        assert all([await closed_by_server(reader, within=1.0) for reader, _ in idle])
    finally:
        renders.release()
        hang_up(idle)
        waiting.cancel()


# -- what a phone is told --------------------------------------------------------------------------------------


async def test_a_phone_is_never_shown_a_path_or_an_error(opened: Editor, caplog: pytest.LogCaptureFixture) -> None:
    damaged = str(opened.path)
    problem: list[DarbnicaError] = []

    def workshop() -> Workshop:
        if problem:
            raise problem[0]
        return replace(opened.workshop, lang="en")

    server = SummaryServer(workshop, host="127.0.0.1", port=0)
    await server.start()
    try:
        assert (await fetch(server.url))[0] == 200  # an English workshop, served once
        problem.append(CorruptFile("error.corrupt_json", path=damaged, detail="Expecting value: line 1 column 1"))
        with caplog.at_level(logging.WARNING, logger="darbnica.share"):
            for _ in range(3):
                status, text = await fetch(server.url)
                assert status == 503
                assert text == translator("en")("share.unavailable") + "\n"  # in the workshop's language
                assert damaged not in text and "/" not in text and "JSON" not in text
        told = [record.message for record in caplog.records if damaged in record.message]
        assert len(told) == 1  # the facilitator is told what is wrong, and where, once
    finally:
        await server.stop()

    unnamed = SummaryServer(lambda: (_ for _ in ()).throw(NotFound("error.no_workshop", ref="x")), host="127.0.0.1")
    unnamed.port = 0
    await unnamed.start()
    try:
        assert await fetch(unnamed.url) == (503, translator("lv")("share.unavailable") + "\n")  # Latvian first
    finally:
        await unnamed.stop()


async def test_no_reply_names_versions(server: SummaryServer) -> None:
    async with aiohttp.ClientSession() as session:
        for url in (server.url, f"{base(server)}/health", f"{base(server)}/nothing"):
            async with session.get(url) as response:
                assert response.headers["Server"] == "darbnica", url
    reader, writer = await connect(server)  # a request aiohttp refuses before any of our code sees it
    try:
        writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
        reply = await asyncio.wait_for(reader.read(), ANSWERED)
    finally:
        writer.close()
    head = reply.split(b"\r\n\r\n")[0].decode()
    assert head.split(" ")[1] == "400" and "Server: darbnica\r\n" in head
    assert "aiohttp" not in reply.decode() and "Python" not in reply.decode()


async def test_a_flood_of_bad_requests_is_not_a_flood_of_tracebacks(
    server: SummaryServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        for _ in range(20):
            reader, writer = await connect(server)
            writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"x" * 20_000 + b"\r\n\r\n")
            assert b"400" in await asyncio.wait_for(reader.read(), ANSWERED)
            writer.close()
    logged = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(logged) <= 1


# -- darbnica share: the file is read when it changes -----------------------------------------------------------


def test_the_file_is_read_again_only_when_it_changes(
    library: Library, opened: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[object] = []
    read_path = library.read_path

    def counted(path: object) -> Workshop:
        reads.append(path)
        return read_path(path)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "read_path", counted)
    source = WorkshopOnDisk(library, opened.workshop.id)
    first = source()
    assert all(source() is first for _ in range(5)) and len(reads) == 1

    opened.add_note("problem", "Slidotava ziemā")  # another writer replaces the file
    changed = source()
    assert changed is not first and "Slidotava ziemā" in [note.text for note in changed.notes]
    assert source() is changed and len(reads) == 2


def test_a_damaged_file_is_reported_until_it_changes(library: Library, workshop_id: str) -> None:
    source = WorkshopOnDisk(library, workshop_id)
    source()
    source.path.write_text('{"meta": ', encoding="utf-8")  # cut short
    with pytest.raises(CorruptFile):
        source()
    with pytest.raises(NotFound):  # it was set aside, and is kept there
        source()
