"""The closing step: closing reflections as notes, beside the QR code, the link and the top of the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Markdown, Static

from darbnica.model import Workshop
from darbnica.summary import build_summary, to_markdown
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.qr import qr_code, show_summary_link

TOP_LINES = 40
"""How much of the summary the closing step shows: its head (title, where, when, who), not all of it."""
SUMMARY_DELAY = 0.5
"""Seconds after a change before the summary is made again: one redraw while the room's notes come in, not one a
note (a Markdown widget takes tens of milliseconds to update)."""


def summary_top(markdown: str, lines: int = TOP_LINES) -> str:
    """The first blocks of ``markdown`` that fit in ``lines`` lines (at least the first one): never half a block."""
    blocks = markdown.split("\n\n")
    kept = [blocks[0]]
    for block in blocks[1:]:
        if sum(b.count("\n") + 2 for b in kept) + block.count("\n") + 1 > lines:
            break
        kept.append(block)
    return "\n\n".join(kept) + "\n"


class ClosingScreen(NotesScreen):
    _summary_timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="closing"):
            yield qr_code(self, id="closing-qr")
            with Vertical(id="closing-side"):
                yield Static(id="closing-link")
                yield from super().compose_body()
                with VerticalScroll(id="summary-top"):
                    yield Markdown(open_links=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.app.sharing.changed.subscribe(self, self.show_link)
        self.show_link()

    def show_link(self, _url: str | None = None) -> None:
        show_summary_link(self, "#closing-link")
        self.show_summary()

    def show_summary(self) -> None:
        summary = build_summary(self.editor.workshop, self.app.sharing.link())
        self.query_one(Markdown).update(summary_top(to_markdown(summary)))

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        if self._summary_timer is not None:
            self._summary_timer.stop()
        self._summary_timer = self.set_timer(SUMMARY_DELAY, self.show_summary)
