"""A small HTTP server for one workshop's live summary, on a thread and event loop of its own.

Its endpoints (``<token>`` is the random link in the QR code; a second, the scribe's, answers the same way but is
held to no per-phone limit):

- ``GET /<token>``: while a room is attached (share mode in the app), the participant page
  (:mod:`~darbnica.share.phone_page`): the step's question, a note form, the phone's counts, the wall, the dots.
  ``?lang=lv|en`` chooses the page's language (kept in a cookie); ``?done=received|on_wall|dot_given|dot_taken``
  says what the phone just did. Without a room: the summary. Sets the phone's cookie on its first visit.
- ``GET /<token>/summary``: the summary as it is at that moment (a reload shows what was typed since).
- ``POST /<token>/note`` (form: ``form``, ``ref``, ``step``, ``text``, ``lang``): a note for ``step`` (the step the
  phone's page showed, wherever the room is now); ``ref`` is made with the page, so a form sent again is one note.
  303 to ``/<token>?done=…`` once the note is on disk. Refused: 403 (no or a foreign ``Origin``; a stale form
  token; a blocked phone), 413 (body over :data:`~darbnica.share.phones.BODY_LIMIT`), 422 (empty, too long),
  409 (a step that takes no notes now), 429 + ``Retry-After`` (a limit), 503 + ``Retry-After`` (the disk refused):
  the page again with the sentence in the phone's language and the text kept in the box.
- ``POST /<token>/dot`` (form: ``form``, ``step``, ``note``, ``change`` = 1 or -1): give or take back a dot, while
  voting on the step is open; 303 back, or refused as above.
- ``GET /<token>/phone.css``: the page's stylesheet (package data).
- ``GET /health``: ``ok``. Everything else: 404.

The phone's checks (cookie, form token, Origin, size) are in :mod:`~darbnica.share.phones`.

The app starts it from its event loop, the ``darbnica share`` command from a loop of its own; either way the
network work (accepting, parsing, answering a whole room) happens on the server's own thread, so it never waits in
line with the app's keys and frames. Only ``workshop()`` is called back on the loop that started the server: the
app's open workshop is only touched from there (one process, one writer: the server only reads). What phones send
goes to the room (:mod:`darbnica.room`) from a worker thread, so its fsync never holds up the server's loop.

A crowd cannot stall it: the page is made once per version of the workshop, in a thread, and served from memory
(:mod:`~darbnica.share.page`); connections are capped, and closed when they dawdle (:mod:`~darbnica.share.guard`).
A phone is never shown a path or an error's details, and no reply names the software's versions.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import hmac
import json
import logging
import secrets
import socket
import threading
from collections.abc import Callable, Coroutine
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from aiohttp import hdrs, web

from darbnica.errors import DarbnicaError
from darbnica.i18n import DEFAULT_LANG, translator
from darbnica.model import Step, Workshop
from darbnica.room import REF, Room
from darbnica.share.guard import (
    BACKLOG,
    REQUEST_SECONDS,
    ConnectionGuard,
    Sparse,
    connection_cap,
    raise_descriptor_limit,
)
from darbnica.share.guard import (
    MAX_CONNECTIONS as MAX_LIVE,
)
from darbnica.share.links import DEFAULT_PORT, new_token, share_url
from darbnica.share.page import Page, PageCache
from darbnica.share.phone_page import PhoneView, message_page, render, shared_wall, snapshot
from darbnica.share.phones import (
    PHONE_HEADERS,
    Refusal,
    TooLarge,
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
from darbnica.summary import build_summary, to_html

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVER_NAME = "darbnica"
"""The ``Server`` header: aiohttp's default names the Python and aiohttp versions."""
SHUTDOWN_SECONDS = 1.0
"""How long stopping waits for a reply still being made; aiohttp waits twice (for the reply, then for its
connection), so turning share mode off or quitting takes two seconds at most."""
RETRY_AFTER = "10"
"""Seconds a phone is told to wait before asking again while the summary cannot be read."""

HEADERS = {
    "Server": SERVER_NAME,
    "Cache-Control": "no-cache",  # a phone may keep the page, but asks every time: a reload is the live summary
    # The token is in the address: never hand it to another site. Not "no-referrer": with it, Chromium sends
    # "Origin: null" with a plain form's POST, and a phone without JavaScript could not send a note at all.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}

FLASHES = frozenset({"received", "on_wall", "dot_given", "dot_taken"})
"""What ``?done=`` may say (a key of ``phone.*``; anything else is ignored)."""
STATIC_TYPES = {"phone.css": "text/css", "phone.js": "text/javascript"}
LIVE_PER_ADDRESS = 6
"""Live streams one address may hold: a phone or two with a few tabs each (a hall's phones have an address
each)."""
WATCH_SECONDS = 0.2
"""How often the room is looked at for something new to send to the live streams."""
PING_SECONDS = 15.0
"""A stream with nothing new says so this often, so a phone notices a dead connection and reconnects."""
WRITE_SECONDS = 10.0
"""How long one event may take to leave before the stream is given up (a phone gone without a word)."""
POLL_RETRY = 5
WALLS_KEPT = 16
"""Walls kept made (a step in two languages, a few versions): more, and all are made again."""
"""Seconds a phone refused a live stream is told to wait: its page polls meanwhile."""


HTTP_LOG = logging.getLogger("darbnica.share.http")
"""aiohttp's own complaints (a malformed request, a handler that failed): one line a minute at most."""
HTTP_LOG.addFilter(Sparse())


class _Protocol(web.RequestHandler):
    """aiohttp's HTTP protocol, also naming no versions in the replies it makes by itself (a malformed request)."""

    __slots__ = ()

    def handle_error(
        self, request: web.BaseRequest, status: int = 500, exc: BaseException | None = None, message: str | None = None
    ) -> web.StreamResponse:
        response = super().handle_error(request, status, exc, message)
        response.headers[hdrs.SERVER] = SERVER_NAME
        return response


class SummaryServer:
    """Serve ``workshop()``'s summary at ``http://host:port/<token>`` until :meth:`stop`.

    ``workshop`` is called on the event loop that called :meth:`start`, for the requests that come (those arriving
    together share one call), and must return the same object while the workshop is unchanged (a change makes a
    new one): the page is made again only for a new object.
    """

    def __init__(
        self,
        workshop: Callable[[], Workshop],
        *,
        host: str,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        link: str | None = None,
        max_connections: int | None = None,
        room: Room | None = None,
        scribe_token: str | None = None,
        secret: bytes | None = None,
        live_per_address: int = LIVE_PER_ADDRESS,
        live_total: int | None = None,
    ) -> None:
        self.workshop = workshop
        self.room = room
        """The phones' room: while there is one, ``/<token>`` is the participant page and phones may write."""
        self.scribe_token = scribe_token
        """A second link, shown on the laptop only, whose notes are held to no per-phone limit."""
        self.secret = secret or secrets.token_bytes(32)
        """The key of the form tokens (kept across a re-share, so a phone's open page still sends)."""
        self.host = host
        self.port = port
        self.token = token or new_token()
        self.link = link
        """The link the page shows (and draws as a QR code); this server's own address when ``None``."""
        self.max_connections = max_connections
        """The most connections open at once; ``None``: half the process's descriptors, up to a thousand."""
        self.guard: ConnectionGuard | None = None
        self._runner: web.AppRunner | None = None
        self._pages = PageCache(self._render)
        self._lang = DEFAULT_LANG
        """The language of the last workshop served: a phone is told in it when the summary cannot be read."""
        self._problem: str | None = None
        self._caller: asyncio.AbstractEventLoop | None = None
        """The loop that started the server, where ``workshop()`` is called."""
        self._loop: asyncio.AbstractEventLoop | None = None
        """The server's own loop, on its own thread."""
        self._thread: threading.Thread | None = None
        self._asking: asyncio.Future[Workshop] | None = None
        self.live_per_address = live_per_address
        """Live streams one address may hold open (a phone with a few tabs); more are told to poll."""
        self.live_total = live_total
        """Live streams open at once; ``None``: half the connections the guard keeps, so pages still load."""
        self._streams: dict[asyncio.Event, str] = {}
        """Each open live stream's slot (set when there is something new to send) and its address; only while
        it is open, on the server's loop. No address is kept past its connection."""
        self._closing = False
        self._watcher: asyncio.Task[None] | None = None
        self._walls: dict[tuple[object, ...], tuple[Workshop, str]] = {}
        """The walls phones show, as JSON, by what they depend on (:meth:`_wall`); on the server's loop only."""

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def url(self) -> str:
        return share_url(self.host, self.port, self.token)

    async def start(self) -> str:
        """Start listening and return the address of the summary."""
        self._caller, self._loop = asyncio.get_running_loop(), asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="darbnica-share", daemon=True)
        self._thread.start()
        try:
            return await self._on_own_loop(self._start())
        except BaseException:
            await self._end_thread()
            raise

    async def stop(self) -> None:
        if self._thread is not None:
            await self._on_own_loop(self._stop())
            await self._end_thread()

    async def _on_own_loop(self, work: Coroutine[Any, Any, T]) -> T:
        assert self._loop is not None
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work, self._loop))

    async def _end_thread(self) -> None:
        loop, thread = self._loop, self._thread
        assert loop is not None and thread is not None
        loop.call_soon_threadsafe(loop.stop)
        await asyncio.to_thread(thread.join)
        loop.close()  # a page still being made in its thread finishes there, unwaited for
        self._loop = self._thread = None

    async def _start(self) -> str:
        guard = ConnectionGuard(self.max_connections or connection_cap(raise_descriptor_limit()))
        app = web.Application(middlewares=[guard.middleware])
        app.on_response_prepare.append(_add_headers)
        app.router.add_get("/health", self._health)
        app.router.add_get("/{token}", self._front)
        app.router.add_get("/{token}/summary", self._summary)
        app.router.add_get("/{token}/phone.css", self._static)
        app.router.add_get("/{token}/phone.js", self._static)
        app.router.add_get("/{token}/state", self._state)
        app.router.add_get("/{token}/events", self._events)
        app.router.add_post("/{token}/note", self._note)
        app.router.add_post("/{token}/dot", self._dot)
        app.router.add_route("*", "/{tail:.*}", self._not_found)  # other methods too: 404, not 405
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
        await runner.setup()
        try:
            listener = _listen(self.host, self.port)
        except OSError as error:
            await runner.cleanup()
            reason = error.strerror or str(error)
            raise DarbnicaError("error.share_failed", address=self.host, reason=reason) from None
        self.port = int(listener.getsockname()[1])
        server, loop = runner.server, asyncio.get_running_loop()
        assert server is not None

        def protocol() -> _Protocol:
            # aiohttp's keep-alive timer is a second line behind the guard's; its log is kept short, and no access
            # log is written (``None``, as AppRunner takes it, though the protocol's type says a Logger).
            return _Protocol(
                server,
                loop=loop,
                keepalive_timeout=REQUEST_SECONDS,
                logger=HTTP_LOG,
                access_log=None,  # type: ignore[arg-type]
            )

        await guard.serve(listener, protocol)
        self._runner, self.guard = runner, guard
        self._closing = False
        self._watcher = asyncio.ensure_future(self._watch())
        return self.url

    async def _stop(self) -> None:
        if self._runner is not None and self.guard is not None:
            runner, self._runner = self._runner, None
            self.guard.stop_accepting()
            self._closing = True  # every live stream ends its reply now, rather than be cut at the timeout
            for slot in self._streams:
                slot.set()
            if self._watcher is not None:
                self._watcher.cancel()
            await runner.cleanup()  # closes idle connections, waits for replies at most SHUTDOWN_SECONDS
            self.guard.close()
            self._pages.clear()

    # -- answers ---------------------------------------------------------------------------------------------

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _not_found(self, request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    def _door(self, request: web.Request) -> bool:
        """Whether the request came by the scribe's link (else the room's); 404 for any other token."""
        given = request.match_info["token"].encode()
        if hmac.compare_digest(given, self.token.encode()):
            return False
        if self.scribe_token is not None and hmac.compare_digest(given, self.scribe_token.encode()):
            return True
        raise web.HTTPNotFound()

    async def _summary(self, request: web.Request) -> web.Response:
        self._door(request)
        try:
            workshop = await self._current()
        except DarbnicaError as error:
            return self._unavailable(error)
        self._lang, self._problem = workshop.lang, None
        return _reply(await self._pages.page(workshop), request)

    # -- the participant page --------------------------------------------------------------------------------

    async def _front(self, request: web.Request) -> web.Response:
        scribe = self._door(request)
        room = self.room
        if room is None:
            return await self._summary(request)
        try:
            workshop = room.workshop or await self._current()
        except DarbnicaError as error:
            return self._unavailable(error)
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
            form_token=form_token(self.secret, cookie),
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
        self, request: web.Request, room: Room, workshop: Workshop, cookie: str, scribe: bool, shown: str | None = None
    ) -> tuple[str, str]:
        """The phone's snapshot as JSON, with the wall in it unless it is ``shown`` (what the phone has); and the
        wall's JSON, for the next time."""
        lang = chosen_lang(request, None, workshop.lang)[0]
        view = self._view(request, room, workshop, cookie, lang, scribe=scribe)
        body = json.dumps(snapshot(view, room.version), ensure_ascii=False, separators=(",", ":"))
        wall = self._wall(view, room)
        if wall != shown:
            body = f'{body[:-1]},"wall":{wall}}}'
        return body, wall

    def _wall(self, view: PhoneView, room: Room) -> str:
        """The JSON of the wall ``view`` shows, made once for every phone that shows the same: a room of phones
        costs one wall per change, not one each."""
        settings = view.workshop.room_step(view.step.key)
        voting = view.ballot is not None and view.ballot.voting
        dots = room.version if settings.revealed else -1  # revealed totals change with every phone's dot
        key = (id(view.workshop), view.step.key, view.lang, view.base, voting, settings.budget, dots)
        found = self._walls.get(key)
        if found is None or found[0] is not view.workshop:  # an id is only the same workshop while it lives
            if len(self._walls) >= WALLS_KEPT:
                self._walls.clear()
            found = self._walls[key] = (view.workshop, json.dumps(shared_wall(view), ensure_ascii=False))
        return found[1]

    async def _live(self, request: web.Request) -> tuple[bool, Room, Workshop, str]:
        scribe = self._door(request)
        room, cookie = self.room, cookie_of(request)
        if room is None:
            raise web.HTTPNotFound()
        if cookie is None:
            raise web.HTTPForbidden()  # the page sets the cookie; a script that never loaded it has no business
        return scribe, room, room.workshop or await self._current(), cookie

    async def _state(self, request: web.Request) -> web.Response:
        """The phone's snapshot, for a page that polls (no live stream, or a refused one)."""
        scribe, room, workshop, cookie = await self._live(request)
        body, _ = self._snapshot(request, room, workshop, cookie, scribe)
        return web.Response(text=body, content_type="application/json", headers=PHONE_HEADERS)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: the phone's whole snapshot whenever something changed. One slot per phone, so a
        slow phone gets the latest snapshot when it is ready, never a backlog."""
        scribe, room, workshop, cookie = await self._live(request)
        address = request.remote or "?"
        total = self.live_total or max(1, (self.guard.cap if self.guard else MAX_LIVE) // 2)
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
        wall: str | None = None
        try:
            await response.write(f"retry: {POLL_RETRY * 1000}\n\n".encode())
            while not self._closing:
                workshop = room.workshop or workshop
                body, now = self._snapshot(request, room, workshop, cookie, scribe, wall)
                if body != sent:
                    sent, wall = body, now
                    await asyncio.wait_for(response.write(f"event: snapshot\ndata: {body}\n\n".encode()), WRITE_SECONDS)
                slot.clear()
                try:
                    await asyncio.wait_for(slot.wait(), PING_SECONDS)
                except TimeoutError:
                    await asyncio.wait_for(response.write(b": still here\n\n"), WRITE_SECONDS)
        except (ConnectionError, TimeoutError):
            pass  # the phone went away: its slot goes with it
        finally:
            del self._streams[slot]
        return response

    async def _watch(self) -> None:
        """Wake every live stream when the room changed (a note, a dot, the facilitator's change)."""
        seen: tuple[int, int] | None = None
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            room = self.room
            now = (room.version, id(room.workshop)) if room is not None else None
            if now != seen:
                seen = now
                for slot in self._streams:
                    slot.set()

    async def _static(self, request: web.Request) -> web.Response:
        self._door(request)
        name = request.path.rsplit("/", 1)[-1]
        return web.Response(
            body=_static_file(name), content_type=STATIC_TYPES[name], headers={hdrs.CACHE_CONTROL: "no-cache"}
        )

    async def _checked_post(self, request: web.Request) -> web.Response | tuple[bool, Room, dict[str, str]]:
        """The scribe flag, the room and the form of a POST that may write, or the reply that refuses it."""
        scribe = self._door(request)
        room = self.room
        if room is None:
            raise web.HTTPNotFound()
        lang = chosen_lang(request, None, room.workshop.lang if room.workshop else DEFAULT_LANG)[0]
        if not same_origin(request):
            return _sentence(request, 403, lang, "phone.foreign")
        try:
            form = await read_form(request)
        except TooLarge:
            return _sentence(request, 413, lang, "phone.too_big")
        return scribe, room, form

    async def _note(self, request: web.Request) -> web.Response:
        checked = await self._checked_post(request)
        if isinstance(checked, web.Response):
            return checked
        scribe, room, form = checked
        workshop = room.workshop or await self._current()
        lang = chosen_lang(request, form, workshop.lang)[0]
        cookie = cookie_of(request)
        text, ref = form.get("text", ""), form.get("ref", "")
        step = _step_named(workshop, form.get("step", ""))
        if cookie is None or not valid_form(self.secret, cookie, form.get("form", "")):
            problem = Refusal(403, translator(lang)("phone.old_page"), key="phone.old_page")
            return self._refused(request, room, workshop, cookie, lang, problem, scribe=scribe, kept=text, ref=ref)
        try:
            await asyncio.to_thread(room.receive, phone_id(cookie), ref, form.get("step", ""), text, exempt=scribe)
        except DarbnicaError as error:
            problem = refusal(error, lang)
            return self._refused(
                request, room, workshop, cookie, lang, problem, scribe=scribe, kept=text, ref=ref, step=step
            )
        at_once = step is not None and workshop.room_step(step.key).show_at_once
        return _done(request, lang, "on_wall" if at_once else "received")

    async def _dot(self, request: web.Request) -> web.Response:
        checked = await self._checked_post(request)
        if isinstance(checked, web.Response):
            return checked
        scribe, room, form = checked
        workshop = room.workshop or await self._current()
        lang = chosen_lang(request, form, workshop.lang)[0]
        cookie = cookie_of(request)
        if cookie is None or not valid_form(self.secret, cookie, form.get("form", "")):
            problem = Refusal(403, translator(lang)("phone.old_page"), key="phone.old_page")
            return self._refused(request, room, workshop, cookie, lang, problem, scribe=scribe)
        try:
            note, change = int(form.get("note", "")), int(form.get("change", ""))
        except ValueError:
            note, change = -1, 0  # the room says it cannot read it
        try:
            await asyncio.to_thread(room.vote, phone_id(cookie), form.get("step", ""), note, change)
        except DarbnicaError as error:
            return self._refused(request, room, workshop, cookie, lang, refusal(error, lang), scribe=scribe)
        return _done(request, lang, "dot_given" if change > 0 else "dot_taken")

    def _refused(
        self,
        request: web.Request,
        room: Room,
        workshop: Workshop,
        cookie: str | None,
        lang: str,
        problem: Refusal,
        *,
        scribe: bool,
        kept: str = "",
        ref: str = "",
        step: Step | None = None,
    ) -> web.Response:
        """The page again, saying what was refused, with the note's text (and its ref) kept for sending again."""
        if _wants_json(request):
            return _json_refusal(problem)
        fresh = new_cookie() if cookie is None else None
        view = self._view(
            request,
            room,
            workshop,
            cookie or fresh or "",
            lang,
            scribe=scribe,
            step=step,
            flash=problem.sentence,
            refused=True,
            kept=kept,
            ref=ref if REF.fullmatch(ref) else None,
        )
        response = _phone_reply(render(view), status=problem.status, headers=problem.headers)
        set_cookies(response, _base(request), fresh, None)
        return response

    async def _current(self) -> Workshop:
        """``workshop()``, called on the caller's loop (the app's open workshop is only touched from there); the
        requests that arrive while it is being asked for share the answer."""
        if self._asking is None:
            assert self._caller is not None
            answer: concurrent.futures.Future[Workshop] = concurrent.futures.Future()

            def ask() -> None:
                try:
                    answer.set_result(self.workshop())
                except BaseException as error:
                    answer.set_exception(error)

            self._caller.call_soon_threadsafe(ask)
            self._asking = asyncio.wrap_future(answer)
            self._asking.add_done_callback(lambda _: setattr(self, "_asking", None))
        return await asyncio.shield(self._asking)

    def _render(self, workshop: Workshop) -> str:
        return to_html(build_summary(workshop, self.link or self.url))

    def _unavailable(self, error: DarbnicaError) -> web.Response:
        """A short sentence for the phone; the details (a path, perhaps) only for the facilitator, once."""
        if str(error) != self._problem:
            self._problem = str(error)
            log.warning("share: the summary cannot be served: %s", error)
        text = translator(self._lang)("share.unavailable")
        return web.Response(status=503, text=f"{text}\n", headers={hdrs.RETRY_AFTER: RETRY_AFTER})


@cache
def _static_file(name: str) -> bytes:
    return files("darbnica.share").joinpath("static", name).read_bytes()


def _base(request: web.Request) -> str:
    return f"/{request.match_info['token']}"


def _current_step(workshop: Workshop) -> Step:
    """The step the room is at (the first one before the facilitator moved)."""
    return _step_named(workshop, workshop.current_step) or workshop.plan.steps[0]


def _step_named(workshop: Workshop, key: str) -> Step | None:
    return next((step for step in workshop.plan.steps if step.key == key), None)


def _phone_reply(html: str, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    headers = {**PHONE_HEADERS, **(headers or {})}
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8", headers=headers)


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


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening at ``host:port``, or at any free port if that one is taken."""
    try:
        return _bind(host, port)
    except OSError as error:
        if error.errno != errno.EADDRINUSE or port == 0:
            raise
        return _bind(host, 0)


def _bind(host: str, port: int) -> socket.socket:
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return socket.create_server(address, family=family, backlog=BACKLOG)


async def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        if name == "Server" or name not in response.headers:  # a phone's page sets its own policy and caching
            response.headers[name] = value


def _reply(page: Page, request: web.Request) -> web.Response:
    """The page, gzipped for a phone that accepts it, or 304 for a phone that has this version already."""
    zipped = _accepts_gzip(request.headers.get(hdrs.ACCEPT_ENCODING, ""))
    tag = f"{page.etag}-gz" if zipped else page.etag
    headers = {hdrs.ETAG: f'"{tag}"', hdrs.VARY: hdrs.ACCEPT_ENCODING}
    known = {etag.value for etag in request.if_none_match or ()}
    if known & {page.etag, f"{page.etag}-gz", "*"}:
        return web.Response(status=304, headers=headers)
    if zipped:
        headers[hdrs.CONTENT_ENCODING] = "gzip"
    body = page.gzipped if zipped else page.body
    return web.Response(body=body, content_type="text/html", charset="utf-8", headers=headers)


def _accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header takes gzip (``gzip``, ``gzip;q=0.8``; not ``gzip;q=0``)."""
    for item in header.split(","):
        name, _, parameters = item.partition(";")
        if name.strip().lower() != "gzip":
            continue
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False
