"""A small HTTP server for one workshop's live summary, on a thread and event loop of its own.

Its endpoints (``<token>`` is the random link in the QR code; a second, the scribe's, answers the same way but is
held to no per-phone limit):

- ``GET /<token>``: while a room is attached (share mode in the app), the participant page and what phones send
  (:mod:`~darbnica.share.phone_routes`); without a room, the summary.
- ``GET /<token>/summary``: the summary as it is at that moment (a reload shows what was typed since).
- ``GET /health``: ``ok``. Everything else: 404.

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
from typing import Any, TypeVar

from aiohttp import hdrs, web

from darbnica.errors import DarbnicaError
from darbnica.i18n import DEFAULT_LANG, translator
from darbnica.model import Workshop
from darbnica.room import Room
from darbnica.share.guard import (
    BACKLOG,
    REQUEST_SECONDS,
    ConnectionGuard,
    Sparse,
    connection_cap,
    raise_descriptor_limit,
)
from darbnica.share.links import DEFAULT_PORT, new_token, share_url
from darbnica.share.page import Page, PageCache
from darbnica.share.phone_page import message_page
from darbnica.share.phone_routes import LIVE_PER_ADDRESS, PHONES_PER_ADDRESS, PhoneRoutes
from darbnica.summary import build_summary
from darbnica.summary.html import to_html

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
        phones_per_address: int = PHONES_PER_ADDRESS,
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
        self.phones = PhoneRoutes(
            self, live_per_address=live_per_address, live_total=live_total, phones_per_address=phones_per_address
        )

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
        phones = self.phones
        app.router.add_get("/{token}", phones.front)
        app.router.add_get("/{token}/", self._canonical)  # a link typed by hand, with a slash at its end
        app.router.add_get("/{token}/summary", self.summary)
        app.router.add_get("/{token}/phone.css", phones.static)
        app.router.add_get("/{token}/phone.js", phones.static)
        app.router.add_get("/{token}/state", phones.state)
        app.router.add_get("/{token}/events", phones.events)
        app.router.add_post("/{token}/note", phones.note)
        app.router.add_post("/{token}/dot", phones.dot)
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
        self.phones.open()
        return self.url

    async def _stop(self) -> None:
        if self._runner is not None and self.guard is not None:
            runner, self._runner = self._runner, None
            self.guard.stop_accepting()
            self.phones.close()
            await runner.cleanup()  # closes idle connections, waits for replies at most SHUTDOWN_SECONDS
            self.guard.close()
            self._pages.clear()

    # -- answers ---------------------------------------------------------------------------------------------

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _not_found(self, request: web.Request) -> web.Response:
        raise nothing_here(request)

    def door(self, request: web.Request) -> bool:
        """Whether the request came by the scribe's link (else the room's); 404 for any other token. In any case:
        the token is capitals and digits (base32), and a link typed by hand from the projector may be in small
        letters (:meth:`canonical` sends the page there)."""
        given = request.match_info["token"].upper().encode()
        if hmac.compare_digest(given, self.token.encode()):
            return False
        if self.scribe_token is not None and hmac.compare_digest(given, self.scribe_token.encode()):
            return True
        raise nothing_here(request)

    def canonical(self, request: web.Request) -> str | None:
        """The page's own address where ``request`` came to it by another spelling (small letters, a slash at the
        end): its cookie and links belong to that one. ``None`` where it came by it."""
        token = self.scribe_token if self.door(request) else self.token
        assert token is not None
        if request.path == f"/{token}":
            return None
        query = request.rel_url.raw_query_string  # as sent: decoded, "%23" would become the "#" of a fragment
        return f"/{token}?{query}" if query else f"/{token}"

    async def _canonical(self, request: web.Request) -> web.Response:
        elsewhere = self.canonical(request)
        assert elsewhere is not None  # this route is the token with a slash after it
        raise web.HTTPFound(elsewhere)

    async def summary(self, request: web.Request) -> web.Response:
        self.door(request)
        try:
            workshop = await self.current_workshop()
        except DarbnicaError as error:
            return self.unavailable(error)
        self._lang, self._problem = workshop.lang, None
        return _reply(await self._pages.page(workshop), request)

    async def current_workshop(self) -> Workshop:
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

    def unavailable(self, error: DarbnicaError) -> web.Response:
        """A short sentence for the phone; the details (a path, perhaps) only for the facilitator, once."""
        if str(error) != self._problem:
            self._problem = str(error)
            log.warning("share: the summary cannot be served: %s", error)
        text = translator(self._lang)("share.unavailable")
        return web.Response(status=503, text=f"{text}\n", headers={hdrs.RETRY_AFTER: RETRY_AFTER})


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


def nothing_here(request: web.Request) -> web.HTTPNotFound:
    """A 404 that says what to do, in both languages (which workshop, and so its language, is not told to a wrong
    link): an old link (a new one was made), a mistyped one, or a page left open from an earlier meeting."""
    lv, en = (translator(lang)("phone.not_found") for lang in ("lv", "en"))
    if request.headers.get(hdrs.ACCEPT, "").startswith("application/json"):  # the page's script: it shows the message
        body = json.dumps({"ok": False, "message": f"{lv} {en}", "key": "phone.not_found"}, ensure_ascii=False)
        return web.HTTPNotFound(text=body, content_type="application/json")
    return web.HTTPNotFound(text=message_page(DEFAULT_LANG, lv, f"{lv} {en}"), content_type="text/html")
