"""The top notes of a dot-vote alone on the projector: the question, then the N notes with the most dots.

Each note has a bar as long as its dots (the most dots take the whole width), so the room sees at a glance how far
ahead the first is. With room the notes are drawn in block letters, the largest that fit the screen, and the bars
grow with them; otherwise in bold, one blank line apart. Digits choose N.
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
from darbnica.ui.screens.base import RoomScreen
from darbnica.ui.widgets.big_text import SCALES, block_lines, drawable

DEFAULT_TOP = 3
BAR = "█"
BAR_STYLE = "$text-accent"


def dot_bar(count: int, most: int, width: int) -> Content:
    """A bar as long as ``count`` dots where ``most`` fill ``width`` columns, then the count itself: the bar for the
    eye, the number for whoever wants it (and for a projector that washes the colour out)."""
    label = f" ● {count}"
    room = max(0, width - len(label))
    length = round(room * count / most) if most else 0
    return Content.assemble((BAR * max(length, 1 if count else 0), BAR_STYLE), (label, "bold"))


class TopNotes(Widget):
    """The chosen notes with their bars, as large as the screen allows."""

    def __init__(self, notes: list[Note]) -> None:
        super().__init__(id="top-notes")
        self.notes = notes

    def labels(self) -> list[str]:
        return [f"{rank}. {display(note.text)}" for rank, note in enumerate(self.notes, 1)]

    def _big(self, width: int, height: int) -> Content | None:
        labels = self.labels()
        if not labels or not all(drawable(label) for label in labels):
            return None
        most = max(dots(note) for note in self.notes)
        for scale in SCALES:
            blocks = [block_lines(label, width, scale) for label in labels]
            thickness = max(1, scale.tall // 2)  # a bar as thick as a letter's stroke
            if any(rows is None for rows in blocks):
                continue
            needed = sum(len(rows) for rows in blocks if rows is not None) + len(blocks) * (thickness + 1) - 1
            if needed > height:
                continue
            parts = []
            for rows, note in zip(blocks, self.notes, strict=True):
                assert rows is not None
                bar = dot_bar(dots(note), most, width)
                parts.append(Content("\n").join([Content("\n".join(rows)), *[bar] * thickness]))
            return Content("\n\n").join(parts)
        return None

    def _plain(self, width: int) -> Content:
        most = max((dots(note) for note in self.notes), default=0)
        return Content("\n\n").join(
            Content.assemble((f"{rank}.  ", "bold"), display(note.text), "\n", dot_bar(dots(note), most, width))
            for rank, note in enumerate(self.notes, 1)
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def render(self) -> Content:
        width, height = self.content_size.width, self.content_size.height
        big = self._big(width, height)
        self.set_class(big is not None, "-big")
        return big if big is not None else self._plain(width)


class TopNotesScreen(RoomScreen[None]):
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
