"""A small HTTP server for one workshop's live summary, inside the caller's own event loop.

It answers ``GET /<token>`` with the summary as it is at that moment (a reload shows what was typed since),
``GET /health`` with ``ok``, and everything else with 404. The app runs it on its own event loop (one process,
one writer: the server only reads), the ``darbnica share`` command on a loop of its own.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
from collections.abc import Callable

from aiohttp import web

from darbnica.errors import DarbnicaError
from darbnica.model import Workshop
from darbnica.share.links import DEFAULT_PORT, new_token, share_url
from darbnica.summary import build_summary, to_html

HEADERS = {
    "Cache-Control": "no-store",  # always the live summary
    "Referrer-Policy": "no-referrer",  # the token is in the address: do not hand it on
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}


class SummaryServer:
    """Serve ``workshop()``'s summary at ``http://host:port/<token>`` until :meth:`stop`."""

    def __init__(
        self,
        workshop: Callable[[], Workshop],
        *,
        host: str,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        link: str | None = None,
    ) -> None:
        self.workshop = workshop
        self.host = host
        self.port = port
        self.token = token or new_token()
        self.link = link
        """The link the page shows (and draws as a QR code); this server's own address when ``None``."""
        self._runner: web.AppRunner | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        return share_url(self.host, self.port, self.token)

    async def start(self) -> str:
        """Start listening and return the address of the summary."""
        app = web.Application()
        app.router.add_get("/health", self._health)
        app.router.add_get("/{token}", self._summary)
        app.router.add_route("*", "/{tail:.*}", self._not_found)  # other methods too: 404, not 405
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await self._listen(runner, self.port)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                await runner.cleanup()
                raise DarbnicaError("error.share_failed", address=self.host, reason=error.strerror) from None
            await self._listen(runner, 0)
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        return self.url

    async def _listen(self, runner: web.AppRunner, port: int) -> None:
        await web.TCPSite(runner, self.host, port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    # -- answers ---------------------------------------------------------------------------------------------

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n", headers=HEADERS)

    async def _not_found(self, request: web.Request) -> web.Response:
        raise web.HTTPNotFound(headers=HEADERS)

    async def _summary(self, request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.match_info["token"].encode(), self.token.encode()):
            raise web.HTTPNotFound(headers=HEADERS)
        try:
            workshop = self.workshop()  # on the loop: the app's open workshop is only touched from there
        except DarbnicaError as error:
            raise web.HTTPServiceUnavailable(text=f"{error}\n", headers=HEADERS) from None
        link = self.link or self.url
        page = await asyncio.to_thread(lambda: to_html(build_summary(workshop, link)))
        return web.Response(text=page, content_type="text/html", charset="utf-8", headers=HEADERS)
