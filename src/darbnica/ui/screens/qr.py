"""The QR code of the summary's link, full-screen on the projector, with the link in plain text below it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.qr import QRCode
from darbnica.ui.widgets.share_status import ShareStatus


def qr_code(screen: DarbnicaScreen[None], id: str) -> QRCode:  # noqa: A002
    """The summary's QR code, with the app's words for "no link yet" and "too small"."""
    t = screen.app.t
    return QRCode(screen.app.sharing.link(), no_link=t("qr.no_link"), too_small=t("qr.too_small"), id=id)


def show_summary_link(screen: DarbnicaScreen[None], text_id: str) -> str | None:
    """Show the summary's current link in the screen's QR code and, as text, in ``text_id``; return it."""
    link = screen.app.sharing.link()
    screen.query_one(QRCode).link = link
    screen.query_one(text_id, Static).update(Content(link or ""))
    return link


class QRScreen(DarbnicaScreen[None]):
    BINDINGS = [
        Binding("escape,f5", "app.pop_screen", "key.back"),
        Binding("f6", "toggle_sharing", "key.share"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content(self.app.t("qr.caption")), id="qr-caption")
        yield qr_code(self, id="qr-full")
        yield Static(id="qr-link")
        yield ShareStatus(id="share-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.sharing.changed.subscribe(self, self.show_link)
        self.show_link()

    def show_link(self, _url: str | None = None) -> None:
        self.query_one("#qr-caption").display = show_summary_link(self, "#qr-link") is not None

    async def action_toggle_sharing(self) -> None:
        await self.app.sharing.toggle()
