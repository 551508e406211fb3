"""The whole summary inside the app, as participants will read it (review mode's "summary" page)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from darbnica.model import Workshop
from darbnica.share.links import summary_link
from darbnica.summary import build_summary, to_markdown
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.footer import KeyFooter


class SummaryScreen(DarbnicaScreen[None]):
    BINDINGS = [Binding("escape,s", "close", "key.back")]

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        link = summary_link(self.app.settings.public_link, self.workshop.id)
        with VerticalScroll(id="summary-view"):
            # The Markdown is built from escaped text; links stay on the screen, never opened on this machine.
            yield Markdown(to_markdown(build_summary(self.workshop, link)), open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-view").focus()

    def action_close(self) -> None:
        self.dismiss()
