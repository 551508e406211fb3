"""The participant page's answers: what a phone in the room is shown and may send, for a
:class:`~darbnica.share.server.SummaryServer` with a room.

- ``GET /<token>``: the page (:mod:`~darbnica.share.phone_page`): the step's question, a note form, the phone's
  counts, the wall, the dots. ``?lang=lv|en`` chooses its language (kept in a cookie); ``?done=…`` says what the
  phone just did. Sets the phone's cookie on its first visit.
- ``GET /<token>/events`` (server-sent events) and ``/<token>/state`` (for a page that polls): snapshots of what
  changes on the page.
- ``POST /<token>/note`` (form: ``form``, ``ref``, ``step``, ``text``, ``lang``): a note for ``step`` (the step the
  phone's page showed, wherever the room is now); ``ref`` is made with the page, so a form sent again is one note.
  303 to ``/<token>?done=…`` once the note is on disk. Refused: 403 (no or a foreign ``Origin``; no cookie; a
  stale form token; a blocked phone), 413 (body over :data:`~darbnica.share.phones.BODY_LIMIT`), 408 (a body not
  whole within :data:`~darbnica.share.phones.BODY_SECONDS`), 400 (more fields
  than the page's form), 422 (empty, too long, a step that takes no notes), 429 + ``Retry-After`` (a limit),
  503 + ``Retry-After`` (the disk refused): the page again with the sentence in the phone's language and the text
  kept in the box.
- ``POST /<token>/dot`` (form: ``form``, ``step``, ``note``, ``change`` = 1 or -1): give or take back a dot, while
  voting on the step is open; 303 back, or refused as above.
- ``GET /<token>/phone.css`` and ``phone.js``: package data.

These run on the server's own loop and thread. What phones send goes to the room (:mod:`darbnica.room`) from a
worker thread, so its fsync never holds up the loop. The phone's checks (cookie, form token, Origin, size) are in
:mod:`~darbnica.share.phones`.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from aiohttp import hdrs, web

from darbnica.errors import DarbnicaError
from darbnica.i18n import DEFAULT_LANG, translator
from darbnica.model import Step, Workshop
from darbnica.room import REF, Room
from darbnica.share.guard import MAX_CONNECTIONS, ConnectionGuard
from darbnica.share.phone_page import PhoneView, Wall, message_page, render, shared_wall, snapshot
from darbnica.share.phones import (
    PHONE_HEADERS,
    Garbled,
    Refusal,
    TooLarge,
    TooSlow,
    chosen_lang,
    cookie_of,
    form_token,
    new_cookie,
    phone_id,
    read_form,
    refusal,
    same_origin,
    set_cookies,
    valid_form,
)

FLASHES = frozenset({"received", "on_wall", "dot_given", "dot_taken"})
"""What ``?done=`` may say (a key of ``phone.*``; anything else is ignored)."""
STATIC_TYPES = {"phone.css": "text/css", "phone.js": "text/javascript"}
LIVE_PER_ADDRESS = 6
"""Live streams one address may hold: a phone or two with a few tabs each (a hall's phones have an address
each)."""
PHONES_PER_ADDRESS = 4
"""Phones (cookies) one address may send notes and dots as: a person with a browser or two. Any number of cookies
is given away (each page load without one gets one), so without it one device could fill the queue, or give a
note the dots of a crowd, as a hundred phones."""
WATCH_SECONDS = 0.2
"""How often the room is looked at for something new to send to the live streams."""
PING_SECONDS = 15.0
"""A stream with nothing new says so this often, so a phone notices a dead connection and reconnects."""
WRITE_SECONDS = 10.0
"""How long one event may take to leave before the stream is given up (a phone gone without a word)."""
POLL_RETRY = 5
"""Seconds a phone refused a live stream is told to wait: its page polls meanwhile."""
WALLS_KEPT = 16
"""Walls kept made (a step in two languages, a few versions): more, and all are made again."""


class Host(Protocol):
    """What the phones' answers need of the server they are part of."""

    room: Room | None
    secret: bytes
    guard: ConnectionGuard | None

    def door(self, request: web.Request) -> bool: ...
    def canonical(self, request: web.Request) -> str | None: ...
    def current_workshop(self) -> Awaitable[Workshop]: ...
    def summary(self, request: web.Request) -> Awaitable[web.Response]: ...
    def unavailable(self, error: DarbnicaError) -> web.Response: ...


@dataclass(frozen=True)
class Post:
    """A phone's POST that passed the checks: what it may write to, and as whom."""

    room: Room
    workshop: Workshop
    form: dict[str, str]
    lang: str
    cookie: str
    scribe: bool


class PhoneRoutes:
    """The phones' answers, and their live streams (on the server's loop only)."""

    def __init__(
        self,
        server: Host,
        *,
        live_per_address: int = LIVE_PER_ADDRESS,
        live_total: int | None,
        phones_per_address: int = PHONES_PER_ADDRESS,
    ) -> None:
        self.server = server
        self.phones_per_address = phones_per_address
        self._phones_at: dict[str, set[str]] = {}
        """The phones each address has sent as (in memory, for the server's life; an address and a few cookies)."""
        self.live_per_address = live_per_address
        """Live streams one address may hold open (a phone with a few tabs); more are told to poll."""
        self.live_total = live_total
        """Live streams open at once; ``None``: half the connections the guard keeps, so pages still load."""
        self._streams: dict[asyncio.Event, str] = {}
        """Each open live stream's slot (set when there is something new to send) and its address; only while
        it is open. No address is kept past its connection."""
        self._closing = False
        self._watcher: asyncio.Task[None] | None = None
        self._walls: dict[tuple[object, ...], tuple[Workshop, Wall, str]] = {}
        """The walls phones show, with their JSON, by what they depend on (:meth:`_wall`)."""

    def open(self) -> None:
        """Start watching the room for the live streams (on the server's loop)."""
        self._closing = False
        self._watcher = asyncio.ensure_future(self.watch())

    def close(self) -> None:
        """End every live stream's reply now, rather than have it cut at the timeout."""
        self._closing = True
        for slot in self._streams:
            slot.set()
        if self._watcher is not None:
            self._watcher.cancel()
        self._walls.clear()

    async def front(self, request: web.Request) -> web.Response:
        scribe = self.server.door(request)
        elsewhere = self.server.canonical(request)
        if elsewhere is not None:
            raise web.HTTPFound(elsewhere)
        room = self.server.room
        if room is None:
            return await self.server.summary(request)
        try:
            workshop = room.workshop or await self.server.current_workshop()
        except DarbnicaError as error:
            return self.server.unavailable(error)
        cookie = cookie_of(request)
        fresh = new_cookie() if cookie is None else None
        lang, chosen = chosen_lang(request, None, workshop.lang)
        done = request.query.get("done")
        flash = translator(lang)(f"phone.{done}") if done in FLASHES else ""
        view = self._view(request, room, workshop, cookie or fresh or "", lang, scribe=scribe, flash=flash)
        response = _phone_reply(render(view))
        set_cookies(response, _base(request), fresh, lang if chosen else None)
        return response

    def _view(
        self,
        request: web.Request,
        room: Room,
        workshop: Workshop,
        cookie: str,
        lang: str,
        *,
        scribe: bool,
        step: Step | None = None,
        **shown: object,
    ) -> PhoneView:
        step = step or _current_step(workshop)
        phone = phone_id(cookie)
        waiting, on_wall = room.mine(phone, workshop, step.key)
        return PhoneView(
            base=_base(request),
            lang=lang,
            workshop=workshop,
            step=step,
            form_token=form_token(self.server.secret, cookie),
            ref=str(shown.pop("ref", None) or secrets.token_urlsafe(12)),
            waiting=waiting,
            shown=on_wall,
            ballot=room.ballot(phone, step.key),
            phone_dots=room.phone_dots(workshop) if workshop.room_step(step.key).revealed else {},
            scribe=scribe,
            **shown,  # type: ignore[arg-type]
        )

    # -- live updates -------------------------------------------------------------------------------------

    def _snapshot(
        self, request: web.Request, room: Room, workshop: Workshop, cookie: str, scribe: bool, shown: Wall | None = None
    ) -> tuple[str, Wall]:
        """The phone's snapshot as JSON, and the wall it shows. The wall goes in whole, or, when the phone has
        ``shown`` and the only change is notes added at its end, only those (``wall_add``): a wall of a thousand
        notes is not sent again to every phone for each new one."""
        lang = chosen_lang(request, None, workshop.lang)[0]
        # The version before what it counts is read: a dot received meanwhile makes a newer version, so a
        # snapshot is never labelled newer than what it shows (a phone keeps the newest it has).
        version = room.version
        view = self._view(request, room, workshop, cookie, lang, scribe=scribe)
        body = json.dumps(snapshot(view, version), ensure_ascii=False, separators=(",", ":"))
        wall, whole = self._wall(view, version)
        if shown is None or (shown is not wall and shown != wall):
            added = wall.added_to(shown) if shown is not None else None
            if added is None or shown is None:
                body = f'{body[:-1]},"wall":{whole}}}'
            else:
                # What the notes go after: a page whose wall is not that one (a poll came between) asks for all.
                after = json.dumps([len(shown.items), f"note-{shown.ids[-1]}"])
                body = f'{body[:-1]},"wall_add":{json.dumps(added, ensure_ascii=False)},"wall_after":{after}}}'
        return body, wall

    def _wall(self, view: PhoneView, version: int) -> tuple[Wall, str]:
        """The wall ``view`` shows and its whole HTML as JSON, made once for every phone that shows the same."""
        settings = view.workshop.room_step(view.step.key)
        voting = view.ballot is not None and view.ballot.voting
        dots = version if settings.revealed else -1  # revealed totals change with every phone's dot
        key = (id(view.workshop), view.step.key, view.lang, view.base, voting, settings.budget, dots)
        found = self._walls.get(key)
        if found is None or found[0] is not view.workshop:  # an id is only the same workshop while it lives
            if len(self._walls) >= WALLS_KEPT:
                self._walls.clear()
            wall = shared_wall(view)
            found = self._walls[key] = (view.workshop, wall, json.dumps(wall.html, ensure_ascii=False))
        return found[1], found[2]

    async def _live(self, request: web.Request) -> tuple[bool, Room, Workshop, str]:
        scribe = self.server.door(request)
        room, cookie = self.server.room, cookie_of(request)
        if room is None:
            raise web.HTTPNotFound()
        if cookie is None:
            raise web.HTTPForbidden()  # the page sets the cookie; a script that never loaded it has no business
        return scribe, room, room.workshop or await self.server.current_workshop(), cookie

    async def state(self, request: web.Request) -> web.Response:
        """The phone's snapshot, for a page that polls (no live stream, or a refused one)."""
        scribe, room, workshop, cookie = await self._live(request)
        body, _ = self._snapshot(request, room, workshop, cookie, scribe)
        return _compressed(web.Response(text=body, content_type="application/json", headers=PHONE_HEADERS))

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: the phone's whole snapshot whenever something changed. One slot per phone, so a
        slow phone gets the latest snapshot when it is ready, never a backlog."""
        scribe, room, workshop, cookie = await self._live(request)
        address = request.remote or "?"
        total = self.live_total or max(1, (self.server.guard.cap if self.server.guard else MAX_CONNECTIONS) // 2)
        from_here = sum(1 for other in self._streams.values() if other == address)
        if self._closing or len(self._streams) >= total or from_here >= self.live_per_address:
            return web.Response(status=429, headers={hdrs.RETRY_AFTER: str(POLL_RETRY), **PHONE_HEADERS})
        response = web.StreamResponse(
            headers={hdrs.CONTENT_TYPE: "text/event-stream", **PHONE_HEADERS, "X-Accel-Buffering": "no"}
        )
        await response.prepare(request)
        slot = asyncio.Event()
        self._streams[slot] = address
        sent: str | None = None
        wall: Wall | None = None
        try:
            await response.write(f"retry: {POLL_RETRY * 1000}\n\n".encode())
            while not self._closing:
                # Cleared before the snapshot is made and written, not after: a change (or share off) while the
                # write waits leaves the slot set, so it is seen at once instead of after the next ping.
                slot.clear()
                workshop = room.workshop or workshop
                body, now = self._snapshot(request, room, workshop, cookie, scribe, wall)
                if body != sent:
                    sent, wall = body, now
                    await asyncio.wait_for(response.write(f"event: snapshot\ndata: {body}\n\n".encode()), WRITE_SECONDS)
                try:
                    await asyncio.wait_for(slot.wait(), PING_SECONDS)
                except TimeoutError:
                    await asyncio.wait_for(response.write(b": still here\n\n"), WRITE_SECONDS)
        except (ConnectionError, TimeoutError):
            pass  # the phone went away: its slot goes with it
        finally:
            del self._streams[slot]
        return response

    async def watch(self) -> None:
        """Wake every live stream when the room changed (a note, a dot, the facilitator's change)."""
        seen: tuple[int, int] | None = None
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            room = self.server.room
            now = (room.version, id(room.workshop)) if room is not None else None
            if now != seen:
                seen = now
                for slot in self._streams:
                    slot.set()

    async def static(self, request: web.Request) -> web.Response:
        self.server.door(request)
        name = request.path.rsplit("/", 1)[-1]
        return web.Response(
            body=_static_file(name), content_type=STATIC_TYPES[name], headers={hdrs.CACHE_CONTROL: "no-cache"}
        )

    async def note(self, request: web.Request) -> web.Response:
        post = await self._checked_post(request)
        if isinstance(post, web.Response):
            return post
        text, ref = post.form.get("text", ""), post.form.get("ref", "")
        step = _step_named(post.workshop, post.form.get("step", ""))
        try:
            await asyncio.to_thread(
                post.room.receive, phone_id(post.cookie), ref, post.form.get("step", ""), text, exempt=post.scribe
            )
        except DarbnicaError as error:
            return self._refused(request, post, refusal(error, post.lang), kept=text, ref=ref, step=step)
        at_once = step is not None and post.workshop.room_step(step.key).show_at_once
        return _done(request, post.lang, "on_wall" if at_once else "received")

    async def dot(self, request: web.Request) -> web.Response:
        post = await self._checked_post(request)
        if isinstance(post, web.Response):
            return post
        try:
            note, change = int(post.form.get("note", "")), int(post.form.get("change", ""))
        except ValueError:
            note, change = -1, 0  # the room says it cannot read it
        try:
            await asyncio.to_thread(post.room.vote, phone_id(post.cookie), post.form.get("step", ""), note, change)
        except DarbnicaError as error:
            return self._refused(request, post, refusal(error, post.lang))
        return _done(request, post.lang, "dot_given" if change > 0 else "dot_taken")

    async def _checked_post(self, request: web.Request) -> web.Response | Post:
        """A POST that may write, checked (the link, a room, the Origin, the size, the phone's form token), or
        the reply that refuses it. A stale form token is refused with the page again and the text kept."""
        scribe = self.server.door(request)
        room = self.server.room
        if room is None:
            raise web.HTTPNotFound()
        lang = chosen_lang(request, None, room.workshop.lang if room.workshop else DEFAULT_LANG)[0]
        if not same_origin(request):
            return _sentence(request, 403, lang, "phone.foreign")
        try:
            form = await read_form(request)
        except TooLarge:
            return _sentence(request, 413, lang, "phone.too_big")
        except Garbled:  # asking for a shorter note would not help: the page did not send this
            return _sentence(request, 400, lang, "phone.garbled")
        except TooSlow:  # answered; the connection guard then closes it, as one that sends no request in time
            return _sentence(request, 408, lang, "phone.too_slow")
        workshop = room.workshop or await self.server.current_workshop()
        lang = chosen_lang(request, form, workshop.lang)[0]
        cookie = cookie_of(request)
        post = Post(room, workshop, form, lang, cookie or "", scribe)
        # No cookie at all: a browser that keeps none (a stale page would send its old one). Said so: reloading,
        # as for a stale page, would only lose the text and come back to the same.
        key = "phone.no_cookie" if cookie is None else "phone.old_page"
        problem = None
        if cookie is None or not valid_form(self.server.secret, cookie, form.get("form", "")):
            problem = Refusal(403, translator(lang)(key), key=key)
        elif not scribe and not self._may_send_as(request.remote or "", cookie):
            sentence = translator(lang)("phone.too_many_phones", limit=self.phones_per_address)
            problem = Refusal(403, sentence, key="phone.too_many_phones")
        if problem is not None:
            return self._refused(request, post, problem, kept=form.get("text", ""), ref=form.get("ref", ""))
        return post

    def _may_send_as(self, address: str, cookie: str) -> bool:
        phones = self._phones_at.setdefault(address, set())
        if cookie in phones or len(phones) < self.phones_per_address:
            phones.add(cookie)
            return True
        return False

    def _refused(
        self,
        request: web.Request,
        post: Post,
        problem: Refusal,
        *,
        kept: str = "",
        ref: str = "",
        step: Step | None = None,
    ) -> web.Response:
        """The page again, saying what was refused, with the note's text (and its ref) kept for sending again."""
        fresh = new_cookie() if not post.cookie else None  # kept by a browser that takes cookies after all
        if _wants_json(request):
            answer = _json_refusal(problem)
            set_cookies(answer, _base(request), fresh, None)
            return answer
        view = self._view(
            request,
            post.room,
            post.workshop,
            post.cookie or fresh or "",
            post.lang,
            scribe=post.scribe,
            step=step,
            flash=problem.sentence,
            refused=True,
            kept=kept,
            ref=ref if REF.fullmatch(ref) else None,
        )
        response = _phone_reply(render(view), status=problem.status, headers=problem.headers)
        set_cookies(response, _base(request), fresh, None)
        return response


@cache
def _static_file(name: str) -> bytes:
    return (Path(__file__).with_name("static") / name).read_bytes()


def _base(request: web.Request) -> str:
    return f"/{request.match_info['token']}"


def _current_step(workshop: Workshop) -> Step:
    """The step the room is at (the first one before the facilitator moved)."""
    return _step_named(workshop, workshop.current_step) or workshop.plan.steps[0]


def _step_named(workshop: Workshop, key: str) -> Step | None:
    return next((step for step in workshop.plan.steps if step.key == key), None)


def _phone_reply(html: str, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    headers = {**PHONE_HEADERS, **(headers or {})}
    return _compressed(
        web.Response(text=html, status=status, content_type="text/html", charset="utf-8", headers=headers)
    )


COMPRESSED_FROM = 4096
"""Bytes from which a page or snapshot is compressed for a phone that accepts it: a wall of a thousand notes is
about 100 KB, which a phone without the script loads again after each note it sends, over the hall's Wi-Fi."""


def _compressed(response: web.Response) -> web.Response:
    # Made for one phone (its form token, its dots), so compressed as it is sent, unlike the summary's cached page.
    if isinstance(response.body, bytes) and len(response.body) >= COMPRESSED_FROM:
        response.enable_compression()
    return response


def _sentence(request: web.Request, status: int, lang: str, key: str) -> web.Response:
    """A refusal that is one sentence in the phone's language."""
    t = translator(lang)
    if _wants_json(request):
        return _json_refusal(Refusal(status, t(key)))
    return _phone_reply(message_page(lang, t(key), t(key)), status=status)


def _wants_json(request: web.Request) -> bool:
    """Whether the page's script sent it (it is answered in JSON; a plain form is redirected back)."""
    return request.headers.get(hdrs.ACCEPT, "").startswith("application/json")


def _done(request: web.Request, lang: str, done: str) -> web.Response:
    if _wants_json(request):
        return web.json_response({"ok": True, "flash": translator(lang)(f"phone.{done}")}, headers=PHONE_HEADERS)
    raise web.HTTPSeeOther(f"{_base(request)}?done={done}")


def _json_refusal(problem: Refusal) -> web.Response:
    body = {"ok": False, "message": problem.sentence, "retry_after": problem.retry_after, "key": problem.key}
    return web.json_response(body, status=problem.status, headers={**PHONE_HEADERS, **problem.headers})
