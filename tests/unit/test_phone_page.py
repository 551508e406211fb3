"""The participant page over real HTTP on 127.0.0.1: what a phone sees, what it may send, and everything it is
refused (by link, origin, form token, size and the room's limits), each with a sentence in its own language."""

from __future__ import annotations

import asyncio
import html
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import aiohttp
import pytest

from darbnica.editing import Editor
from darbnica.i18n import translator
from darbnica.room import NOTES_PER_MINUTE, Room
from darbnica.share.links import new_token
from darbnica.share.phones import BODY_LIMIT, PHONE_COOKIE
from darbnica.share.server import SummaryServer
from darbnica.store import Library


@pytest.fixture
def room(library: Library, workshop_id: str, opened: Editor) -> Iterator[Room]:
    opened.go_to("problem")  # the room at a step that takes notes
    room = Room(library.journal_of(workshop_id))
    room.update(opened.workshop)
    unlisten = opened.listen(lambda editor: room.update(editor.workshop))
    yield room
    unlisten()
    room.close()


@pytest.fixture
async def server(opened: Editor, room: Room) -> AsyncIterator[SummaryServer]:
    server = SummaryServer(lambda: opened.workshop, host="127.0.0.1", port=0, room=room, scribe_token=new_token())
    await server.start()
    yield server
    await server.stop()


@dataclass
class Reply:
    status: int
    text: str
    headers: dict[str, str]
    cookies: list[str]


class Phone:
    """A phone's browser: its own cookies, and the page it was shown last."""

    def __init__(self, server: SummaryServer, token: str | None = None) -> None:
        self.origin = f"http://127.0.0.1:{server.port}"
        self.base = f"{self.origin}/{token or server.token}"
        # unsafe: aiohttp keeps no cookies from an IP address unless told to (a hall's laptop has no name)
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.page = ""

    async def close(self) -> None:
        await self.session.close()

    async def get(self, path: str = "") -> Reply:
        async with self.session.get(self.base + path, allow_redirects=False) as response:
            reply = Reply(
                response.status,
                await response.text(),
                dict(response.headers),
                response.headers.getall("Set-Cookie", []),
            )
        if reply.status == 200 and reply.headers["Content-Type"].startswith("text/html") and "/summary" not in path:
            self.page = reply.text
        return reply

    def field(self, name: str, page: str | None = None) -> str:
        found = re.search(rf'name="{name}" value="([^"]*)"', page or self.page)
        assert found, f"no field {name}"
        return html.unescape(found.group(1))

    def form(self, text: str, **changes: str) -> dict[str, str]:
        fields = {name: self.field(name) for name in ("form", "ref", "step", "lang")}
        return {**fields, "text": text, **changes}

    async def post(
        self, path: str, data: dict[str, str] | bytes, *, origin: str | None = "", follow: bool = True
    ) -> Reply:
        headers = {} if origin is None else {"Origin": origin or self.origin}
        if isinstance(data, bytes):
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        async with self.session.post(self.base + path, data=data, headers=headers, allow_redirects=False) as response:
            reply = Reply(response.status, await response.text(), dict(response.headers), [])
        if reply.status == 303 and follow:
            assert reply.headers["Location"].startswith("/")
            return await self.get(reply.headers["Location"][len(self.base) - len(self.origin) :])
        if reply.status != 303:
            self.page = reply.text
        return reply

    def note_head(self, length: int, *, close: bool = False) -> bytes:
        """The head of a note's POST written by hand, with this phone's cookie: for a body sent in pieces."""
        cookies = "; ".join(f"{c.key}={c.value}" for c in self.session.cookie_jar)
        connection = "Connection: close\r\n" if close else ""
        return (
            f"POST {urlsplit(self.base).path}/note HTTP/1.1\r\nHost: {urlsplit(self.origin).netloc}\r\n"
            f"Origin: {self.origin}\r\nCookie: {cookies}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n{connection}\r\n"
        ).encode("ascii")

    async def send(self, text: str, **changes: str) -> Reply:
        if not self.page:
            await self.get()
        return await self.post("/note", self.form(text, **changes))


@pytest.fixture
async def phone(server: SummaryServer) -> AsyncIterator[Phone]:
    phone = Phone(server)
    yield phone
    await phone.close()


def shown(text: str) -> str:
    """Text as the page shows it (escaped)."""
    return html.escape(text, quote=True)


async def test_the_page_shows_the_steps_question_in_the_phones_language(phone: Phone, opened: Editor) -> None:
    opened.go_to("problem")
    step = opened.workshop.plan.step("problem")
    reply = await phone.get()
    assert reply.status == 200
    assert shown(step.question["lv"]) in reply.text  # the workshop's language first
    assert '<textarea id="text" name="text"' in reply.text
    assert shown(translator("lv")("phone.mine", waiting=0, shown=0)) in reply.text
    assert shown(translator("lv")("phone.approve_first")) in reply.text
    assert f'href="/{phone.base.rsplit("/", 1)[1]}/summary"' in reply.text

    reply = await phone.get("?lang=en")  # the link on the page that chooses English
    assert shown(step.question["en"]) in reply.text and '<html lang="en">' in reply.text
    reply = await phone.get()  # and it stays chosen
    assert shown(step.question["en"]) in reply.text

    opened.set_room("problem", show_at_once=True)
    assert shown(translator("en")("phone.show_at_once")) in (await phone.get()).text


async def test_the_page_and_its_cookie_are_locked_down(phone: Phone, server: SummaryServer) -> None:
    reply = await phone.get()
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Referrer-Policy"] == "same-origin"  # no-referrer makes a form's Origin "null"
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "<script>" not in reply.text and " style=" not in reply.text  # nothing inline the policy would block
    (cookie,) = [c for c in reply.cookies if c.startswith(PHONE_COOKIE + "=")]
    value = cookie.split(";")[0].split("=", 1)[1]
    assert len(value) >= 22  # 128 random bits, URL-safe
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", f"path=/{server.token}".lower()} <= attributes
    assert len(server.token) >= 22  # the link itself: 128 bits
    css = await phone.get("/phone.css")
    assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")


async def test_a_wrong_link_is_not_found(server: SummaryServer, phone: Phone) -> None:
    await phone.get()
    form = phone.form("Nav autobusa")
    wrong = Phone(server, token=server.token[:-1] + ("A" if server.token[-1] != "A" else "B"))
    try:
        assert (await wrong.get()).status == 404
        assert (await wrong.post("/note", form)).status == 404
        assert (await wrong.get("/summary")).status == 404
    finally:
        await wrong.close()


async def test_a_note_is_received_and_a_resent_form_is_not_doubled(phone: Phone, room: Room, opened: Editor) -> None:
    opened.go_to("problem")
    reply = await phone.send("Nav autobusa svētdienās")
    assert reply.status == 200  # after the redirect
    assert shown(translator("lv")("phone.received")) in reply.text
    assert shown(translator("lv")("phone.mine", waiting=1, shown=0)) in reply.text
    (note,) = room.waiting(opened.workshop)
    assert (note.step, note.text) == ("problem", "Nav autobusa svētdienās")

    first_ref = note.ref
    again = {**phone.form("Nav autobusa svētdienās"), "ref": first_ref}  # the browser sends the same form again
    assert (await phone.post("/note", again)).status == 200
    assert [n.ref for n in room.waiting(opened.workshop)] == [first_ref]
    assert phone.field("ref") != first_ref  # each page gives its form a new id

    opened.take_phone_notes([(note.step, note.text, note.ref)])
    page = (await phone.get()).text
    assert shown(translator("lv")("phone.mine", waiting=0, shown=1)) in page
    assert shown("Nav autobusa svētdienās") in page  # on the wall


async def test_a_note_merged_into_one_on_the_wall_is_counted_there(phone: Phone, room: Room, opened: Editor) -> None:
    """The facilitator merges a phone's note into another that says the same: the idea is on the wall, and the
    phone that sent it is not told it has none there."""
    opened.go_to("problem")
    wall = opened.add_note("problem", "Nav autobusa svētdienās")
    await phone.send("Svētdienās neiet autobuss")
    (note,) = room.waiting(opened.workshop)
    opened.take_phone_notes([(note.step, note.text, note.ref)], into=wall)
    assert shown(translator("lv")("phone.mine", waiting=0, shown=1)) in (await phone.get()).text

    opened.hide_note(opened.note(wall.id))  # the note it joined is taken off the wall: so is the idea
    assert shown(translator("lv")("phone.mine", waiting=0, shown=0)) in (await phone.get()).text


async def test_a_note_is_filed_under_the_step_the_phone_showed(phone: Phone, room: Room, opened: Editor) -> None:
    opened.go_to("problem")
    await phone.get()
    opened.go_to("future")  # the facilitator moves on while the phone is typing
    await phone.post("/note", phone.form("Bērniem nav kur spēlēties"))
    (note,) = room.waiting(opened.workshop)
    assert note.step == "problem"


async def test_a_post_without_the_pages_origin_is_refused(phone: Phone, room: Room, opened: Editor) -> None:
    await phone.get()
    form = phone.form("Svešs")
    for origin in (None, "http://evil.example", "null", f"{phone.origin}.evil.example", "https://127.0.0.1"):
        reply = await phone.post("/note", form, origin=origin)
        assert reply.status == 403, origin
        assert shown(translator("lv")("phone.foreign")) in reply.text
    assert room.waiting(opened.workshop) == []


async def test_a_form_from_another_phone_is_refused_and_the_text_kept(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor
) -> None:
    await phone.get()
    other = Phone(server)
    try:
        await other.get()
        reply = await other.post("/note", {**other.form("Mans teksts"), "form": phone.field("form")})
    finally:
        await other.close()
    assert reply.status == 403
    assert shown(translator("lv")("phone.old_page")) in reply.text
    assert ">Mans teksts</textarea>" in reply.text
    assert room.waiting(opened.workshop) == []


async def test_a_browser_that_keeps_no_cookie_is_told_so_and_keeps_its_text(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor
) -> None:
    await phone.get("?lang=en")
    form = phone.form("Mans teksts")
    phone.session.cookie_jar.clear()  # as a browser that blocks cookies: the page's cookie never comes back
    reply = await phone.post("/note", form)
    # Not "this page was out of date": reloading it, the script came back to the same (and lost the text).
    assert reply.status == 403 and shown(translator("en")("phone.no_cookie")) in reply.text
    assert ">Mans teksts</textarea>" in reply.text and room.waiting(opened.workshop) == []
    phone.session.cookie_jar.clear()  # (the page shown with the refusal offered a fresh one, which it drops too)
    async with phone.session.post(
        phone.base + "/note", data=form, headers={"Origin": phone.origin, "Accept": "application/json"}
    ) as response:
        answer = await response.json()
    assert response.status == 403 and answer["key"] == "phone.no_cookie"  # the script shows it, and reloads nothing


async def test_one_device_sends_as_a_few_phones_at_most(server: SummaryServer, room: Room, opened: Editor) -> None:
    from darbnica.share.phone_routes import PHONES_PER_ADDRESS

    phones = [Phone(server) for _ in range(PHONES_PER_ADDRESS + 1)]  # fresh cookies, all from 127.0.0.1
    try:
        for number, phone in enumerate(phones):
            await phone.get("?lang=en")
            reply = await phone.send(f"Piezīme {number}")
        # A cookie is given to any page load: one script was a hundred phones, and filled the queue.
        assert reply.status == 403 and shown(translator("en")("phone.too_many_phones", limit=4)) in reply.text
        assert len(room.waiting(opened.workshop)) == PHONES_PER_ADDRESS
        assert (await phones[0].send("Vēl viena")).status == 200  # the phones it sent as before still may
        scribe = Phone(server, server.scribe_token)  # the scribe's link (on the laptop) is held to no such limit
        try:
            assert (await scribe.send("No rakstveža")).status == 200
        finally:
            await scribe.close()
    finally:
        for phone in phones:
            await phone.close()
    assert len(room.waiting(opened.workshop)) == PHONES_PER_ADDRESS + 2


async def test_a_long_wall_is_sent_compressed_to_a_phone_that_accepts_it(phone: Phone, opened: Editor) -> None:
    opened.add_notes("problem", [f"Piezīme numur {n}: ūdens, ceļš un skola" for n in range(300)])
    opened.go_to("problem")
    for accepted, sent in (("gzip", "gzip"), ("gzip, deflate", "deflate"), ("identity", None)):
        headers = {"Accept-Encoding": accepted}
        async with phone.session.get(phone.base, headers=headers, auto_decompress=True) as response:
            page = await response.text()
        # Over the hall's Wi-Fi, after every note a phone without the script sends: a tenth of the bytes.
        assert response.status == 200 and response.headers.get("Content-Encoding") == sent
        assert "Piezīme numur 299: ūdens, ceļš un skola" in page


async def test_a_link_typed_by_hand_in_small_letters_or_with_a_slash_leads_to_the_page(
    phone: Phone, server: SummaryServer
) -> None:
    for path in (f"/{server.token.lower()}", f"/{server.token}/", f"/{server.token.lower()}/?lang=en"):
        async with phone.session.get(phone.origin + path, allow_redirects=False) as response:
            assert response.status == 302, path  # "scan the code again" told a phone whose link was right
            assert response.headers["Location"] in (f"/{server.token}", f"/{server.token}?lang=en")
    async with phone.session.get(phone.origin + path) as response:
        assert response.status == 200 and str(response.url).endswith(f"/{server.token}?lang=en")
    other = "B" if server.token.endswith("A") else "A"  # one letter off, in small letters: still nobody's link
    for wrong in (f"/{server.token[:-1].lower()}{other.lower()}", f"/{'A' * 26}/"):
        async with phone.session.get(phone.origin + wrong, allow_redirects=False) as response:
            assert response.status == 404, wrong


async def test_an_oversized_request_is_refused_before_it_is_read(phone: Phone, room: Room, opened: Editor) -> None:
    await phone.get()
    body = b"text=" + b"a" * BODY_LIMIT
    reply = await phone.post("/note", body)
    assert reply.status == 413
    assert shown(translator("lv")("phone.too_big")) in reply.text
    assert room.waiting(opened.workshop) == []


@pytest.mark.parametrize("first", [60, 200], ids=["before-the-text", "mid-letter"])
async def test_a_note_that_arrives_in_pieces_is_kept_whole(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor, first: int
) -> None:
    from urllib.parse import urlencode

    await phone.get()
    text = "Garš teksts ar garumzīmēm: āčēģīķļņšūž " * 10  # 390 characters, over 1,000 bytes as a form sends them
    body = urlencode(phone.form(text)).encode("ascii")
    head = phone.note_head(len(body), close=True)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(head + body[:first])  # as Wi-Fi brings it: the rest in a later packet
        await writer.drain()
        await asyncio.sleep(0.2)
        writer.write(body[first:])
        await writer.drain()
        status = (await asyncio.wait_for(reader.readline(), 10)).decode()
    finally:
        writer.close()
    # Told it was received only with all of it kept: the first packet alone was kept, or refused as empty.
    assert " 303 " in status
    assert [note.text for note in room.waiting(opened.workshop)] == [text.strip()]


async def test_a_body_that_never_comes_whole_is_answered_and_its_connection_closed(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("darbnica.share.phones.BODY_SECONDS", 0.5)
    await phone.get()
    head = phone.note_head(2000)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(head + b"text=only+the+start")  # and nothing more, ever
        await writer.drain()
        # Held open for good, it took one of the connections the room's phones share, until none was left.
        status = (await asyncio.wait_for(reader.readline(), 5)).decode()
        assert " 408 " in status
        await asyncio.wait_for(reader.read(), 10)  # and then closed by the server (its guard): read to the end
    finally:
        writer.close()
    assert room.waiting(opened.workshop) == []


async def test_junk_with_many_fields_is_refused_as_not_from_the_page(phone: Phone, room: Room, opened: Editor) -> None:
    await phone.get()
    body = bytes(range(256)) * 4 + b"&" * 40  # well under the size limit, but more fields than any form of the page
    reply = await phone.post("/note", body)
    # Not "make the note shorter": that would not help, and the note was never the page's.
    assert reply.status == 400
    assert shown(translator("lv")("phone.garbled")) in reply.text
    assert shown(translator("lv")("phone.too_big")) not in reply.text
    assert room.waiting(opened.workshop) == []


async def test_over_the_limit_a_phone_is_told_when_to_try_again(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor
) -> None:
    opened.go_to("problem")
    await phone.get("?lang=en")
    for number in range(NOTES_PER_MINUTE):
        assert (await phone.send(f"Piezīme {number}")).status == 200
    reply = await phone.send("One too many")
    assert reply.status == 429
    assert 1 <= int(reply.headers["Retry-After"]) <= 60
    assert shown(translator("en")("room.too_fast", limit=NOTES_PER_MINUTE)) in reply.text
    assert ">One too many</textarea>" in reply.text  # kept in the box, to send again
    assert len(room.waiting(opened.workshop)) == NOTES_PER_MINUTE

    scribe = Phone(server, token=server.scribe_token)
    try:
        await scribe.get()
        assert shown(translator("lv")("phone.scribe")) in scribe.page
        for number in range(NOTES_PER_MINUTE + 1):  # the scribe types for many people
            assert (await scribe.send(f"Pierakstīts {number}")).status == 200
    finally:
        await scribe.close()


async def test_a_refused_note_says_why_in_the_phones_language(phone: Phone, room: Room, opened: Editor) -> None:
    await phone.get("?lang=en")
    reply = await phone.send("")
    assert reply.status == 422
    assert shown(translator("en")("error.empty", what_key="field.note")) in reply.text
    reply = await phone.send("x", step="context")  # a step that takes no notes
    assert reply.status == 422
    assert room.waiting(opened.workshop) == []


async def test_what_phones_wrote_is_shown_as_text(phone: Phone, room: Room, opened: Editor) -> None:
    opened.go_to("problem")
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & [b]bold[/b]'
    await phone.send(hostile)
    (note,) = room.waiting(opened.workshop)
    opened.take_phone_notes([(note.step, note.text, note.ref)])
    page = (await phone.get()).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert shown(hostile) in page


async def test_the_summary_stays_reachable(phone: Phone, opened: Editor) -> None:
    opened.add_note("problem", "Slidotava ziemā")
    reply = await phone.get("/summary")
    assert reply.status == 200 and "<h1>Tūjas nākotne</h1>" in reply.text and "Slidotava ziemā" in reply.text


def dot_form(phone: Phone, note: int, change: int) -> dict[str, str]:
    return {"form": phone.field("form"), "step": "problem", "note": str(note), "change": str(change), "lang": "en"}


def dots_of(page: str, note: int) -> str:
    """What the page says beside one note of the wall (its dots, the buttons, the total)."""
    found = re.search(rf'<li id="note-{note}">(.*?)</li>', page, re.S)
    assert found, f"note {note} not on the page"
    return found.group(1)


async def test_dots_within_the_budget_and_totals_hidden_until_revealed(
    phone: Phone, server: SummaryServer, room: Room, opened: Editor
) -> None:
    t = translator("en")
    bus, rink = opened.add_note("problem", "Nav autobusa"), opened.add_note("problem", "Slidotava")
    page = (await phone.get("?lang=en")).text
    assert 'action="/' + server.token + '/dot"' not in page  # no voting yet: no dot buttons

    opened.set_room("problem", voting=True, budget=2)
    page = (await phone.get()).text
    assert shown(t("phone.dots_left", left=2, budget=2)) in page
    for note in (bus.id, bus.id):
        reply = await phone.post("/dot", dot_form(phone, note, 1))
        assert reply.status == 200 and shown(t("phone.dot_given")) in reply.text
    assert shown(t("phone.dots_left", left=0, budget=2)) in reply.text
    assert shown(t("phone.your_dots", count=2)) in dots_of(reply.text, bus.id)

    reply = await phone.post("/dot", dot_form(phone, rink.id, 1))  # the budget is spent: the server says no
    assert reply.status == 409 and shown(t("room.no_dots_left", budget=2)) in reply.text
    assert room.phone_dots(opened.workshop) == {bus.id: 2}

    other = Phone(server)
    try:
        await other.get("?lang=en")
        await other.post("/dot", dot_form(other, rink.id, 1))
        page = (await other.get()).text
        assert "all dots" not in page  # the totals stay hidden on phones…
        opened.set_room("problem", revealed=True)
        page = (await other.get()).text
    finally:
        await other.close()
    assert shown(t("phone.total", count=2)) in dots_of(page, bus.id)  # … until the facilitator reveals them
    assert shown(t("phone.total", count=1)) in dots_of(page, rink.id)

    reply = await phone.post("/dot", dot_form(phone, bus.id, -1))  # taken back, given to another
    assert reply.status == 200 and shown(t("phone.dot_taken")) in reply.text
    assert (await phone.post("/dot", dot_form(phone, rink.id, 1))).status == 200
    assert room.phone_dots(opened.workshop) == {bus.id: 1, rink.id: 2}

    opened.set_room("problem", voting=False)
    reply = await phone.post("/dot", dot_form(phone, rink.id, 1))
    assert reply.status == 409 and shown(t("room.voting_closed")) in reply.text


class ShareCommand:
    """``darbnica share`` in a process of its own, on 127.0.0.1."""

    def __init__(self, paths, workshop_id: str, *flags: str) -> None:
        command = [sys.executable, "-m", "darbnica", "share", workshop_id, "--host", "127.0.0.1", "--port", "0"]
        env = {**os.environ, "DARBNICA_HOME": str(paths.data)}
        self.process = subprocess.Popen([*command, *flags], stdout=subprocess.PIPE, text=True, env=env)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().split()[-1]
        self.summary = self.process.stdout.readline().split()[-1]
        self.server = SimpleNamespace(port=int(self.url.split(":")[2].split("/")[0]), token=self.url.rsplit("/", 1)[1])

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=30)
        return out


@pytest.mark.parametrize("at_once", [False, True])
async def test_the_share_command_takes_notes_from_phones(paths, library: Library, workshop_id: str, at_once) -> None:
    with Editor.open(library, workshop_id) as editor:
        editor.go_to("problem")
    command = ShareCommand(paths, workshop_id, *(["--show-at-once"] if at_once else []))
    phone = Phone(command.server)  # type: ignore[arg-type]
    try:
        assert command.summary == command.url + "/summary"
        assert (await phone.send("No komandrindas")).status == 200
        if at_once:
            for _ in range(100):  # the command puts it in the file on its own loop: a moment later
                if "No komandrindas" in (await phone.get()).text:
                    break
                await asyncio.sleep(0.1)
            assert shown("No komandrindas") in phone.page
    finally:
        await phone.close()
        command.stop()
    room = Room(library.journal_of(workshop_id))
    try:
        workshop = library.read(workshop_id)
        if at_once:
            assert [(n.text, n.source) for n in workshop.notes] == [("No komandrindas", "phone")]
            assert room.waiting(workshop) == []
        else:
            assert workshop.notes == ()
            assert [n.text for n in room.waiting(workshop)] == ["No komandrindas"]  # for the app's queue
    finally:
        room.close()


async def test_the_page_asks_for_no_icon(phone: Phone, server: SummaryServer) -> None:
    # A browser asks for /favicon.ico unless the page names an icon; the server has none, so the page says so.
    page = (await phone.get()).text
    assert page.count("<link ") == 2 and '<link rel="icon" href="data:,">' in page
    assert (await phone.get("/summary")).text.count('<link rel="icon" href="data:,">') == 1
