"""The participant page, live, over real HTTP on 127.0.0.1: snapshots by server-sent events (and /state for
polling), the page's script answered in JSON, caps on live streams, and share-off ending 200 open streams."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from darbnica.editing import Editor
from darbnica.i18n import translator
from darbnica.room import Room
from darbnica.share.server import SHUTDOWN_SECONDS, SummaryServer
from darbnica.store import Library
from tests.unit.test_phone_page import Phone, dot_form

EVENT_SECONDS = 30.0
"""Within this an event must have come at all (a bound on the loop, not a speed test)."""


@pytest.fixture
def room(library: Library, workshop_id: str, opened: Editor) -> Iterator[Room]:
    opened.go_to("problem")
    room = Room(library.journal_of(workshop_id))
    room.update(opened.workshop)
    unlisten = opened.listen(lambda editor: room.update(editor.workshop))
    yield room
    unlisten()
    room.close()


@pytest.fixture
async def server(opened: Editor, room: Room) -> AsyncIterator[SummaryServer]:
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, room=room, live_per_address=300)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def phone(server: SummaryServer) -> AsyncIterator[Phone]:
    phone = Phone(server)
    await phone.get("?lang=en")
    yield phone
    await phone.close()


async def next_snapshot(stream: aiohttp.StreamReader) -> dict:
    """The next whole snapshot event on a stream (comments and the retry line skipped)."""
    data: list[str] = []
    async with asyncio.timeout(EVENT_SECONDS):
        while True:
            line = (await stream.readline()).decode()
            assert line, "the stream ended"
            if line.startswith("data: "):
                data.append(line[len("data: ") :].rstrip("\n"))
            elif line == "\n" and data:
                return json.loads("".join(data))


async def test_a_change_reaches_the_phone_as_a_whole_snapshot(phone: Phone, room: Room, opened: Editor) -> None:
    async with phone.session.get(phone.base + "/events") as events:
        assert events.status == 200 and events.headers["Content-Type"].startswith("text/event-stream")
        assert events.headers["Cache-Control"] == "no-store"
        first = await next_snapshot(events.content)
        assert first["step"] == "problem" and "Nav autobusa" not in first["wall"]

        opened.add_note("problem", "Nav autobusa <svētdienās>")  # the facilitator types: the phone hears it
        after = await next_snapshot(events.content)
        assert after["version"] > first["version"]
        assert "Nav autobusa &lt;svētdienās&gt;" in after["wall"]  # escaped, as on the page

        assert (await phone.send("No tālruņa")).status == 200
        mine = await next_snapshot(events.content)
        assert mine["mine"] == translator("en")("phone.mine", waiting=1, shown=0)

        opened.go_to("future")  # the room moves on: the phone's page follows
        moved = await next_snapshot(events.content)
        assert moved["step"] == "future"

    async with phone.session.get(phone.base + "/state") as state:  # the same, for a page that polls
        assert state.status == 200 and (await state.json())["step"] == "future"


async def test_the_pages_script_is_answered_in_json(phone: Phone, room: Room, opened: Editor) -> None:
    headers = {"Origin": phone.origin, "Accept": "application/json"}
    fields = phone.form("Ar skriptu", ref="script-ref-0001")
    for _ in range(2):  # sent again after a blip: the same ref, one note
        async with phone.session.post(phone.base + "/note", data=fields, headers=headers) as reply:
            assert reply.status == 200
            assert await reply.json() == {"ok": True, "flash": translator("en")("phone.received")}
    assert [n.ref for n in room.waiting(opened.workshop)] == ["script-ref-0001"]

    async with phone.session.post(phone.base + "/note", data={**fields, "text": ""}, headers=headers) as reply:
        answer = await reply.json()
    assert reply.status == 422 and answer["ok"] is False and answer["message"]
    async with phone.session.post(phone.base + "/note", data={**fields, "form": "x"}, headers=headers) as reply:
        assert reply.status == 403 and (await reply.json())["key"] == "phone.old_page"  # the script reloads


async def test_the_script_is_served_and_shipped(phone: Phone) -> None:
    reply = await phone.get("/phone.js")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/javascript")
    assert "EventSource" in reply.text and "localStorage" in reply.text
    assert f'<script src="/{phone.base.rsplit("/", 1)[1]}/phone.js" defer></script>' in phone.page


async def test_live_streams_are_capped_per_address(opened: Editor, room: Room) -> None:
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, room=room, live_per_address=2)
    await server.start()
    phone = Phone(server)
    try:
        await phone.get()
        held = [await phone.session.get(phone.base + "/events") for _ in range(2)]
        assert [r.status for r in held] == [200, 200]
        async with phone.session.get(phone.base + "/events") as refused:
            assert refused.status == 429 and refused.headers["Retry-After"]  # the page polls instead
        for response in held:
            response.close()
    finally:
        await phone.close()
        await server.stop()


async def test_without_the_phones_cookie_there_is_no_stream(server: SummaryServer) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{server.url}/events") as reply:
        assert reply.status == 403


async def test_share_off_ends_200_open_streams_within_two_seconds(server: SummaryServer) -> None:
    phone = Phone(server)
    streams: list[aiohttp.ClientResponse] = []
    try:
        await phone.get()
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector, cookie_jar=phone.session.cookie_jar) as session:
            for _ in range(200):
                response = await session.get(phone.base + "/events")
                assert response.status == 200
                streams.append(response)
            await asyncio.gather(*(next_snapshot(r.content) for r in streams))  # every one is live
            started = time.monotonic()
            await server.stop()
            took = time.monotonic() - started

            async def ended(response: aiohttp.ClientResponse) -> bool:
                async with asyncio.timeout(EVENT_SECONDS):
                    try:
                        while await response.content.readline():
                            pass
                    except aiohttp.ClientError:
                        pass  # cut rather than ended: closed all the same
                return True

            assert all(await asyncio.gather(*(ended(r) for r in streams)))
            for response in streams:
                response.close()
    finally:
        await phone.close()
    assert took < 2 * SHUTDOWN_SECONDS  # share off or quit: the streams end, they are not waited out


async def test_the_wall_is_sent_when_it_changed_and_each_phones_dots_beside_it(
    server: SummaryServer, room: Room, opened: Editor
) -> None:
    t = translator("en")
    bus = opened.add_note("problem", "Nav autobusa")
    opened.set_room("problem", voting=True, budget=2)
    mine, other = Phone(server), Phone(server)
    try:
        await mine.get("?lang=en")
        await other.get("?lang=en")
        async with mine.session.get(mine.base + "/events") as events:
            first = await next_snapshot(events.content)
            assert f'data-note="{bus.id}" data-change="1"' in first["wall"]  # the live wall's dot buttons
            assert first["form"] not in first["wall"]  # the wall is every phone's: no phone's token in it
            assert first["ballot"]["given"] == {} and first["ballot"]["left"] == 2
            assert first["ballot"]["left_text"] == t("phone.dots_left", left=2, budget=2)

            assert (await other.post("/dot", dot_form(other, bus.id, 1))).status == 200
            after_other = await next_snapshot(events.content)  # another phone's dot: totals stay hidden …
            assert "wall" not in after_other  # … so the wall is the one the phone has, not sent again
            assert after_other["ballot"]["given"] == {}

            assert (await mine.post("/dot", dot_form(mine, bus.id, 1))).status == 200
            after_mine = await next_snapshot(events.content)
            assert after_mine["ballot"]["given"] == {str(bus.id): 1} and after_mine["ballot"]["left"] == 1
            assert after_mine["ballot"]["dots_text"][1] == t("phone.your_dots", count=1)

            opened.set_room("problem", revealed=True)  # the totals change the wall: it comes again
            revealed = await next_snapshot(events.content)
            assert t("phone.total", count=2) in revealed["wall"]
    finally:
        await mine.close()
        await other.close()


async def test_a_note_added_at_the_walls_end_is_sent_alone(phone: Phone, opened: Editor) -> None:
    first_note = opened.add_note("problem", "Nav autobusa")
    async with phone.session.get(phone.base + "/events") as events:
        whole = await next_snapshot(events.content)
        assert "Nav autobusa" in whole["wall"]

        opened.add_note("problem", "Grāvji <nav> sakopti")  # one more at the end: only it travels
        added = await next_snapshot(events.content)
        assert "wall" not in added and "Nav autobusa" not in added["wall_add"]
        assert added["wall_add"].startswith('<li id="note-') and "Grāvji &lt;nav&gt; sakopti" in added["wall_add"]
        assert added["wall_after"] == [1, f"note-{first_note.id}"]  # a page with another wall asks for all of it

        opened.edit_note(first_note, "Nav autobusa svētdienās")  # a change inside the wall: all of it again
        again = await next_snapshot(events.content)
        assert "wall_add" not in again
        assert "Nav autobusa svētdienās" in again["wall"] and "Grāvji &lt;nav&gt; sakopti" in again["wall"]
