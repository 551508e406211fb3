"""Tables that fit the terminal: fixed widths for short values, the rest of the width for the long one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from darbnica.model import Status

MIN_FLEXIBLE = 12


def fit_columns(available: int, fixed: Sequence[tuple[str, int]], flexible: str, at: int) -> list[tuple[str, int]]:
    """The columns with ``flexible`` inserted at position ``at``, as wide as what the fixed ones leave.

    Every DataTable column has one cell of padding on each side, and the vertical scrollbar takes two cells.
    """
    rest = available - sum(width for _, width in fixed) - 2 * (len(fixed) + 1) - 2
    return [*fixed[:at], (flexible, max(MIN_FLEXIBLE, rest)), *fixed[at:]]


def cell(text: str, width: int, *, right: bool = False, style: str = "", wrap: bool = False) -> Text:
    """``text`` cut to ``width`` with an ellipsis, so a long title never pushes the other columns off screen; or,
    with ``wrap``, whole over as many lines as it takes (in a row added with ``height=None``)."""
    content = Text(text, style=style, justify="right" if right else "left")
    if not wrap:
        content.truncate(width, overflow="ellipsis")
    return content


def status_width(t: Callable[[str], str], heading: str) -> int:
    """The cells a column of task statuses takes: its widest status in the language shown, or its heading."""
    return max(cell_len(word) for word in (t(heading), *(t(f"status.{status.value}") for status in Status)))


def cursor_key(table: DataTable[Text]) -> str | None:
    """The key of the highlighted row, if there is one."""
    if not table.row_count:
        return None
    value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(value) if value is not None else None
