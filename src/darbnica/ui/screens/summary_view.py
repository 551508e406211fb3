"""The whole summary inside the app, as participants will read it (review mode's "summary" page)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from darbnica.summary.model import Summary
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.record import RecordText, summary_lines


class SummaryScreen(DarbnicaScreen[None]):
    BINDINGS = [Binding("escape,s", "close", "key.back")]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        # Drawn as the closing step draws it: the tasks a table where it fits and told in lines where it would
        # wrap, with the screens' ⚠ on tasks whose day has passed; every text literal.
        with VerticalScroll(id="summary-view"):
            yield RecordText(summary_lines(self.summary), id="summary-view-lines")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-view").focus()

    def action_close(self) -> None:
        self.dismiss()
