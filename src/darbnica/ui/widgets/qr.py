"""A QR code drawn with half-block characters, dark on light whatever the theme, as large as the space allows.

It is built from the QR matrix (see :mod:`darbnica.summary.qr`), not from an image: every cell is ``▀`` with an
explicit black or white in front and behind, so a phone can scan it off the projector. When the code does not fit,
or there is no link yet, the widget says so in words instead of drawing half a code.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from darbnica.summary.qr import MIN_QUIET_ZONE, QUIET_ZONE, half_blocks, qr_matrix

DARK = "#000000"
LIGHT = "#ffffff"
MAX_SCALE = 4
"""Modules wider than four columns help no phone and only crowd the screen."""

_STYLES = {
    (upper, lower): Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT)
    for upper in (False, True)
    for lower in (False, True)
}


@lru_cache(maxsize=8)
def _lines(link: str, width: int, height: int) -> tuple[tuple[Segment, ...], ...] | None:
    """The code's rows as segments: the largest modules that fit, then the widest quiet zone; ``None`` if none fits."""
    for scale in range(MAX_SCALE, 0, -1):
        for border in range(QUIET_ZONE, MIN_QUIET_ZONE - 1, -1):
            modules = len(qr_matrix(link, border))
            if modules * scale <= width and (modules * scale + 1) // 2 <= height:
                return tuple(_row(row) for row in half_blocks(qr_matrix(link, border), scale))
    return None


def _row(cells: list[tuple[bool, bool]]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    start = 0
    for index in range(1, len(cells) + 1):  # one segment per run of equal cells
        if index == len(cells) or cells[index] != cells[start]:
            segments.append(Segment("▀" * (index - start), _STYLES[cells[start]]))
            start = index
    return tuple(segments)


class QRCode(Widget):
    """The QR code of :attr:`link`, centred; :attr:`message` in its place when there is no link or no room."""

    DEFAULT_CSS = """
    QRCode {
        height: 1fr;
        width: 1fr;
    }
    """

    link: reactive[str | None] = reactive(None)

    def __init__(self, link: str | None, *, no_link: str, too_small: str, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.no_link = no_link
        self.too_small = too_small
        self.set_reactive(QRCode.link, link)

    @property
    def code_size(self) -> Size | None:
        """Columns and rows the code takes at the widget's size, or ``None`` when it is not drawn."""
        lines = _lines(self.link, self.size.width, self.size.height) if self.link else None
        if not lines:
            return None
        return Size(sum(segment.cell_length for segment in lines[0]), len(lines))

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        lines = _lines(self.link, width, height) if self.link else None
        if lines is None:
            return self._message_line(y)
        top = (height - len(lines)) // 2
        if not 0 <= y - top < len(lines):
            return Strip.blank(width, self.rich_style)
        row = lines[y - top]
        left = (width - sum(segment.cell_length for segment in row)) // 2
        return Strip([Segment(" " * left, self.rich_style), *row]).adjust_cell_length(width, self.rich_style)

    def _message_line(self, y: int) -> Strip:
        width, height = self.size
        text = Content(self.too_small if self.link else self.no_link)
        lines = text.wrap(max(1, width - 2))
        top = (height - len(lines)) // 2
        if not 0 <= y - top < len(lines):
            return Strip.blank(width, self.rich_style)
        line = lines[y - top]
        segments = list(line.render_segments(self.visual_style))
        left = (width - line.cell_length) // 2
        return Strip([Segment(" " * left, self.rich_style), *segments]).adjust_cell_length(width, self.rich_style)
