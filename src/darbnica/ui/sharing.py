"""Share mode: the open workshop's live summary served to the room, started from the app's own event loop.

One process, one writer: the server answers on a thread of its own but reads the workshop the app holds only on
the app's loop, so a note is on the phones at the next reload. Widgets that show the link subscribe to
:attr:`changed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.signal import Signal

from darbnica.errors import DarbnicaError, NotFound
from darbnica.model import Workshop
from darbnica.share.links import DEFAULT_PORT, lan_address, new_token, summary_link

if TYPE_CHECKING:
    from darbnica.share.server import SummaryServer
    from darbnica.ui.app import DarbnicaApp


class Sharing:
    def __init__(self, app: DarbnicaApp, host: str | None = None, port: int = DEFAULT_PORT) -> None:
        self.app = app
        self.host = host
        """Where to listen; this machine's LAN address when ``None`` (tests use 127.0.0.1)."""
        self.port = port
        self.server: SummaryServer | None = None
        self.changed: Signal[str | None] = Signal(app, "sharing")
        """Published with the served address (``None`` when sharing stops)."""
        self._addresses: dict[str, tuple[str, int]] = {}
        """Workshop id → token and port: one address per workshop for the whole run, so a re-share keeps the QR
        code that phones already scanned (the port only changes if another program took it meanwhile)."""

    @property
    def url(self) -> str | None:
        """Where the summary is served now, if it is."""
        return self.server.url if self.server else None

    def link(self) -> str | None:
        """The link participants get for the open workshop: the public one if configured, else the served one."""
        if self.app.editor is None:
            return None
        return summary_link(self.app.settings.public_link, self.app.editor.workshop.id, served=self.url)

    def _workshop(self) -> Workshop:
        if self.app.editor is None:
            raise NotFound("error.no_workshop", ref="-")
        return self.app.editor.workshop

    async def start(self) -> None:
        from darbnica.share.server import SummaryServer  # aiohttp is loaded when share mode is first turned on

        editor = self.app.editor
        if editor is None or self.server is not None:
            return
        workshop_id = editor.workshop.id
        token, port = self._addresses.get(workshop_id, (new_token(), self.port))
        public = summary_link(self.app.settings.public_link, workshop_id)
        host = self.host or lan_address()
        server = SummaryServer(self._workshop, host=host, port=port, token=token, link=public)
        try:
            await server.start()
        except DarbnicaError as error:
            self.app.report(error)
            return
        self.server = server
        self._addresses[workshop_id] = (server.token, server.port)
        self.changed.publish(server.url)

    async def stop(self) -> None:
        if self.server is not None:
            server, self.server = self.server, None
            await server.stop()
            self.changed.publish(None)

    async def toggle(self) -> None:
        await (self.stop() if self.server else self.start())
