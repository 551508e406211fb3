"""A table for long lists (the library): rows are drawn only when they are on screen.

Textual's ``DataTable`` makes and measures every cell of every row when rows are added, so a library of a thousand
workshops cost about 120 ms each time the list was shown (at start, back from a workshop, at each filter). This
table keeps the rows as keys and a function that gives a row's texts: showing any number of rows costs only the
forty or so that fit on the screen. It looks and moves like a ``DataTable`` with a row cursor and zebra stripes
(a header, one cell of padding each side of a column, ↑ ↓ PgUp PgDn Home End, Enter or a click on the highlighted
row selects it), with single-line cells cut to their column's width with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    right: bool = False
    """Right-aligned (numbers)."""


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis if longer, padded if shorter."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width else ""
    return " " * (width - cell_len(text)) + text if right else set_cell_size(text, width)


class LongTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "long-table--header",
        "long-table--cursor",
        "long-table--even-row",
    }
    DEFAULT_CSS = """
    LongTable {
        background: $surface;
        color: $foreground;
        & > .long-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .long-table--even-row { background: $surface-lighten-1 50%; }
        & > .long-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:dark > .long-table--even-row { background: $surface-darken-1 40%; }
        &:focus {
            background-tint: $foreground 5%;
            & > .long-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class RowSelected(Message):
        """Enter, or a click on the highlighted row."""

        table: LongTable
        key: str

        @property
        def control(self) -> LongTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.columns: list[Column] = []
        self.keys: list[str] = []
        self._texts: Callable[[int], Sequence[str]] = lambda index: ()
        self._lines: dict[int, str] = {}
        """The rows drawn so far as one line of text each, by index; forgotten when the rows change."""

    # -- what it shows -----------------------------------------------------------------------------------------

    def show(self, columns: Sequence[Column], keys: Sequence[str], texts: Callable[[int], Sequence[str]]) -> None:
        """Show the rows ``keys``; ``texts(index)`` gives the texts of the row at ``index`` when it is drawn."""
        self.columns = list(columns)
        self.keys = list(keys)
        self._texts = texts
        self._lines = {}
        self.virtual_size = Size(sum(c.width + 2 for c in self.columns), len(self.keys) + 1)  # + the header
        self.cursor_row = min(self.cursor_row, max(0, len(self.keys) - 1))
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.keys)

    @property
    def highlighted_key(self) -> str | None:
        return self.keys[self.cursor_row] if self.keys else None

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.keys) - 1))

    # -- drawing -----------------------------------------------------------------------------------------------

    def _line(self, texts: Sequence[str], header: bool = False) -> str:
        return "".join(
            f" {fit(text, c.width, c.right and not header)} " for c, text in zip(self.columns, texts, strict=False)
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:  # the header stays put while the rows scroll beneath it
            line = self._line([c.label for c in self.columns], header=True)
            style = base + self.get_component_rich_style("long-table--header")
        else:
            index = round(self.scroll_offset.y) + y - 1
            if index >= len(self.keys):
                return Strip.blank(width, base)
            if index not in self._lines:
                self._lines[index] = self._line(self._texts(index))
            line = self._lines[index]
            if index == self.cursor_row:
                style = base + self.get_component_rich_style("long-table--cursor")
            elif index % 2:
                style = base + self.get_component_rich_style("long-table--even-row")
            else:
                style = base
        return Strip([Segment(line, style)]).crop_extend(0, width, style)

    # -- moving ------------------------------------------------------------------------------------------------

    def watch_cursor_row(self, row: int) -> None:
        """Keep the highlighted row on screen."""
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.keys) - 1)

    def action_select_cursor(self) -> None:
        if self.keys:
            self.post_message(self.RowSelected(self, self.keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_offset.y) + offset.y - 1
        if index >= len(self.keys):
            return
        if index == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(index)
