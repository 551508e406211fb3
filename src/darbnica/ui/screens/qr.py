"""The join card: the QR code of the workshop's link, full-screen on the projector, with the link in plain text.

While the workshop is shared on the hall's network and the settings name its Wi-Fi, a second code beside it joins
the phone to that network first, and a line says what to do when the page does not open (a phone on mobile data
looks for the laptop on the internet). A link to this computer alone (it is on no network) is said to be one: no
phone can open it, whatever it does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from darbnica.share.links import this_computer_only
from darbnica.share.wifi import wifi_payload
from darbnica.ui.screens.base import DarbnicaScreen, RoomScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.qr import QRCode
from darbnica.ui.widgets.share_status import ShareStatus


def qr_code(screen: DarbnicaScreen[None], id: str) -> QRCode:  # noqa: A002
    """The summary's QR code, with the app's words for "no link yet" and "too small"."""
    t = screen.app.t
    return QRCode(screen.app.sharing.link(), no_link=t("qr.no_link"), too_small=t("qr.too_small"), id=id)


def show_summary_link(screen: DarbnicaScreen[None], qr_id: str, text_id: str) -> str | None:
    """Show the summary's current link in the QR code ``qr_id`` and, as text, in ``text_id``; return it."""
    link = screen.app.sharing.link()
    screen.query_one(qr_id, QRCode).link = link
    screen.query_one(text_id, Static).update(Content(link or ""))
    return link


class QRScreen(RoomScreen[None]):
    BINDINGS = [
        Binding("escape,f5", "app.pop_screen", "key.back"),
        Binding("f6", "toggle_sharing", "key.share"),
    ]

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield Static(Content(t("qr.caption")), id="qr-caption")
        with Horizontal(id="qr-codes"):
            with Vertical(id="wifi-card"):
                yield Static(id="wifi-caption", classes="qr-card-caption")
                yield QRCode(None, no_link="", too_small=t("qr.too_small"), id="qr-wifi")
            with Vertical(id="join-card"):
                yield Static(Content(t("qr.join_step")), id="join-caption", classes="qr-card-caption")
                yield qr_code(self, id="qr-full")
        yield Static(id="qr-link")
        yield Static(id="qr-hint")
        yield ShareStatus(id="share-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.sharing.changed.subscribe(self, self.show_link)
        self.show_link()

    def show_link(self, _url: str | None = None) -> None:
        link = show_summary_link(self, "#qr-full", "#qr-link")
        caption = self.query_one("#qr-caption", Static)
        caption.display = link is not None
        settings = self.app.settings
        on_this_network = self.app.sharing.url is not None
        # Shared on the hall's network the code leads to the participant page, not only to the summary.
        caption.update(Content(self.app.t("qr.caption_join" if on_this_network else "qr.caption")))
        wifi = settings.wifi_name if on_this_network else None
        self.query_one("#wifi-card").display = wifi is not None
        self.query_one("#join-caption").display = wifi is not None  # "2 · …" only means something after a "1 · …"
        hint = self.query_one("#qr-hint", Static)
        hint.display = on_this_network
        alone = self.app.sharing.url is not None and this_computer_only(self.app.sharing.url)
        hint.update(Content(self.app.t("qr.no_network" if alone else "qr.mobile_data")))
        if wifi is not None:
            code = self.query_one("#qr-wifi", QRCode)
            # Where the code does not fit (80×24), the network in words: a phone can join by typing it.
            password = settings.wifi_password
            words = "qr.wifi_words" if password else "qr.wifi_words_open"
            code.too_small = self.app.t(words, name=wifi, password=password or "")
            code.link = wifi_payload(wifi, password)
            self.query_one("#wifi-caption", Static).update(Content(self.app.t("qr.wifi_step", name=wifi)))

    async def action_toggle_sharing(self) -> None:
        await self.app.sharing.toggle()
