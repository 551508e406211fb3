"""Tables that fit the terminal: fixed widths for short values, the rest of the width for the long one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

MIN_FLEXIBLE = 12


def fit_columns(available: int, fixed: Sequence[tuple[str, int]], flexible: str, at: int) -> list[tuple[str, int]]:
    """The columns with ``flexible`` inserted at position ``at``, as wide as what the fixed ones leave.

    Every DataTable column has one cell of padding on each side, and the vertical scrollbar takes two cells.
    """
    rest = available - sum(width for _, width in fixed) - 2 * (len(fixed) + 1) - 2
    return [*fixed[:at], (flexible, max(MIN_FLEXIBLE, rest)), *fixed[at:]]


def cell(text: str, width: int, *, right: bool = False, style: str = "") -> Text:
    """``text`` cut to ``width`` with an ellipsis, so a long title never pushes the other columns off screen."""
    content = Text(text, style=style, justify="right" if right else "left")
    content.truncate(width, overflow="ellipsis")
    return content


def cursor_key(table: DataTable[Text]) -> str | None:
    """The key of the highlighted row, if there is one."""
    if not table.row_count:
        return None
    value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(value) if value is not None else None
