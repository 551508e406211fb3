"""The closing step: closing reflections as notes, beside the QR code, the link and the summary."""

from __future__ import annotations

from datetime import date as Date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from darbnica.model import Workshop
from darbnica.summary import build_summary
from darbnica.summary.build import earlier_of
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.qr import qr_code, show_summary_link
from darbnica.ui.widgets.record import RecordText, summary_lines

SUMMARY_DELAY = 0.5
"""Seconds after a change before the summary is made again: one redraw while the room's notes come in, not one a
note."""


class ClosingScreen(NotesScreen):
    _summary_timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="closing"):
            yield qr_code(self, id="closing-qr")
            with Vertical(id="closing-side"):
                yield Static(id="closing-link")
                yield from super().compose_body()
                with VerticalScroll(id="summary-top"):
                    yield RecordText(id="summary-lines")

    def on_mount(self) -> None:
        self.app.sharing.changed.subscribe(self, self.show_link)
        self.show_link()

    def show_link(self, _url: str | None = None) -> None:
        show_summary_link(self, "#closing-qr", "#closing-link")
        self.show_summary()

    def show_summary(self) -> None:
        """The summary as the room will read it (the record the review and the exports show, with the
        screens' ⚠ on tasks whose day has passed), scrollable."""
        workshop = self.editor.workshop
        earlier = earlier_of(self.app.library.read, workshop)
        summary = build_summary(workshop, self.app.sharing.link(), earlier, today=Date.today())
        self.query_one("#summary-lines", RecordText).show(summary_lines(summary))

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        if self._summary_timer is not None:
            self._summary_timer.stop()
        self._summary_timer = self.set_timer(SUMMARY_DELAY, self.show_summary)

    def shown_again(self) -> None:
        # Shown again after changes elsewhere, the summary is made at once, as it is when the screen is new: the
        # delay above is for the room's notes arriving while it is on screen.
        behind = self._behind
        super().shown_again()
        if behind:
            if self._summary_timer is not None:
                self._summary_timer.stop()
            self.show_summary()
