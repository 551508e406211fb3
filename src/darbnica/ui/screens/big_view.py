"""One text alone on the projector, as large as the screen allows: the agreed vision, for the back row.

The text is drawn in the largest block letters that fit under its heading (:func:`fit_block_lines`); a text the
letters cannot draw (a character the font lacks, a word too long) is shown as bold ordinary text, centred.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from darbnica.text import display
from darbnica.ui.screens.base import RoomScreen
from darbnica.ui.widgets.big_text import fit_block_lines


class BigText(Widget):
    def __init__(self, text: str) -> None:
        super().__init__(id="big-text")
        self.text = display(text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def render(self) -> Content:
        fitted = fit_block_lines(self.text, self.content_size.width, self.content_size.height)
        self.set_class(fitted is not None, "-big")
        return Content(self.text) if fitted is None else Content("\n".join(fitted[0]))


class BigTextScreen(RoomScreen[None]):
    BINDINGS = [Binding("escape,ctrl+b", "close", "key.back")]

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        self.heading = heading
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Content(display(self.heading)), id="big-heading")
        yield BigText(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
