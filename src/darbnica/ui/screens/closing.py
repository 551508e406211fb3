"""The closing step: closing reflections as notes, beside the QR code, the link and the top of the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from darbnica.summary import build_summary, to_markdown
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.qr import qr_code, show_summary_link

TOP_LINES = 40
"""How much of the summary the closing step shows: its head (title, where, when, who), not all of it."""


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

    def reload(self) -> None:
        super().reload()
        if self.is_mounted:
            self.show_summary()
