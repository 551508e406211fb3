"""The top notes of a dot-vote alone on the projector: the question, then the N notes with the most dots.

With room they are drawn in block letters; otherwise in bold, one blank line apart. Digits choose N.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from darbnica.i18n import pick
from darbnica.model import Note, Step, Workshop
from darbnica.rules import dots, ranked
from darbnica.text import display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.big_text import block_lines

DEFAULT_TOP = 3


class TopNotes(Widget):
    """The chosen notes, as large as the screen allows."""

    def __init__(self, notes: list[Note]) -> None:
        super().__init__(id="top-notes")
        self.notes = notes

    def _big(self, width: int, height: int) -> list[Content] | None:
        blocks = [
            block_lines(f"{rank}. {display(note.text)} ({dots(note)})", width)
            for rank, note in enumerate(self.notes, 1)
        ]
        if not blocks or any(rows is None for rows in blocks):
            return None
        needed = sum(len(rows) for rows in blocks if rows is not None) + len(blocks) - 1  # a blank row between
        return [Content("\n".join(rows)) for rows in blocks if rows is not None] if needed <= height else None

    def _plain(self) -> Content:
        return Content("\n\n").join(
            Content.assemble((f"{rank}.  ", "bold"), display(note.text), (f"   ● {dots(note)}", "bold $text-accent"))
            for rank, note in enumerate(self.notes, 1)
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def render(self) -> Content:
        big = self._big(self.content_size.width, self.content_size.height)
        self.set_class(big is not None, "-big")
        return Content("\n\n").join(big) if big is not None else self._plain()


class TopNotesScreen(DarbnicaScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("plus,equals_sign", "more", "key.more", key_display="+"),
        Binding("minus", "fewer", "key.fewer", key_display="−"),
        *(Binding(str(n), f"show({n})", "key.how_many", show=False) for n in range(1, 10)),
    ]

    def __init__(self, workshop: Workshop, step: Step, lang: str, top: int = DEFAULT_TOP) -> None:
        super().__init__()
        self.notes = ranked(workshop.shown_in(step.key))
        self.step = step
        self.lang = lang
        self.top = top

    def compose(self) -> ComposeResult:
        yield Static(Content(display(pick(self.step.question, self.lang))), id="top-question")
        yield TopNotes(self.notes[: self.top])

    def action_show(self, count: int) -> None:
        self.top = max(1, count)
        self.query_one(TopNotes).notes = self.notes[: self.top]
        self.query_one(TopNotes).refresh(layout=True)

    def action_more(self) -> None:
        self.action_show(min(self.top + 1, max(1, len(self.notes))))

    def action_fewer(self) -> None:
        self.action_show(self.top - 1)

    def action_close(self) -> None:
        self.dismiss(None)
