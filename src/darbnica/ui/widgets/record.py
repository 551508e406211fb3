"""What the room produced, read only, drawn from the summary: one renderer for the review, the follow view and the
closing step.

The summary (:mod:`darbnica.summary.build`) says once what a step's record is (its notes by heading, the vision
and its checks, the ratings, the tasks, a follow-up's progress), and the exports and the phones' page show it as
Markdown and HTML. The screens show the same sections as lines of text here, so that what the room reads on a
phone, in review and in an export never drifts apart. Every text is literal: a ``Content`` is never markup.

A table (the tasks) is the one block whose look depends on the width it gets: where its lines fit it is a table,
and where they would wrap (at 80 columns, beside the closing's QR code) each row is told as a few lines under its
first cell instead, since a wrapped table row cannot be read. :class:`Fitted` makes that choice as it is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual

from darbnica.summary.model import Block, Chart, Facts, Items, Link, Paragraph, Quote, Section, Table

Line = Visual
"""One line of a record (a ``Content``), or a table's row, one line or a few by the width (:class:`Fitted`)."""


def block_lines(block: Block, depth: int = 0) -> Sequence[Line]:
    """The lines of one block of a summary; ``depth`` is how deep a section lies (its heading's weight)."""
    match block:
        case Section(heading=heading, blocks=blocks):
            style = "bold underline $text-secondary" if depth == 0 else "bold $text-secondary"
            lines: list[Line] = [Content.styled(heading, style)]
            for child in blocks:
                lines += block_lines(child, depth + 1)
            return lines
        case Paragraph(text=text, emphasis=emphasis):
            return [Content.styled(text, "italic") if emphasis else Content(text)]
        case Facts(rows=rows):
            return [Content.assemble((f"{label}: ", "bold"), value) for label, value in rows]
        case Items(items=items, ordered=ordered):
            lines = []
            for number, item in enumerate(items, 1):
                marker = f"{number:>2}. " if ordered else "• "
                meta = ("  — " + item.meta, "$text-muted") if item.meta else ""
                lines.append(Content.assemble(marker, item.text, meta))
            return lines
        case Quote(text=text):
            return [Content.styled(f"│ {line}", "bold") for line in text.splitlines() if line.strip()]
        case Table(header=header, rows=rows):
            return _table(header, rows)
        case Link(url=url):
            return [Content(url)]
        case Chart():
            return _chart(block)
    raise TypeError(f"not a summary block: {block!r}")


BAR_CELLS = 24
"""The columns a whole bar takes in the review: the bars are for the eye, the numbers beside them exact."""


def _chart(chart: Chart) -> list[Content]:
    """A chart as text bars: one a line under a label, or a stacked one as one line and its parts in words."""
    if chart.stacked:
        total = sum(bar.value for bar in chart.bars) or 1
        line = Content(" ").join(
            Content.styled("█" * max(1, round(BAR_CELLS * bar.value / total)), "$text-accent")
            for bar in chart.bars
            if bar.value
        )
        legend = " · ".join(f"{bar.label}: {bar.text}" for bar in chart.bars)
        return [line, Content(legend)]
    width = max((len(bar.label) for bar in chart.bars), default=0)
    width = min(width, 40)
    lines = []
    for bar in chart.bars:
        label = bar.label if len(bar.label) <= width else bar.label[: width - 1] + "…"
        cells = round(BAR_CELLS * bar.value / chart.most) if chart.most else 0
        lines.append(Content.assemble(label.ljust(width) + "  ", ("█" * cells, "$text-accent"), f" {bar.text}"))
    return lines


CELL_INDENT = Spacing(0, 0, 0, 3)
"""A told row's cells sit under its first cell's text, past the bullet."""


class Fitted(Visual):
    """A table's line where the whole table fits the width it is drawn at, and ``narrow`` where it does not.

    Every line of one table is given the table's width, so that all of them choose alike."""

    def __init__(self, wide: Content, narrow: Visual, table_width: int) -> None:
        self.wide = wide
        self.narrow = narrow
        self.table_width = table_width

    def chosen(self, width: int) -> Visual:
        return self.wide if self.table_width <= width else self.narrow

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.wide.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.chosen(width).get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.chosen(width).render_strips(width, height, style, options)


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[Line]:
    rows = list(rows)
    widths = [max(cell_len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    table_width = sum(widths) + 2 * (len(widths) - 1)

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(cells, widths, strict=True))

    def told(row: tuple[str, ...]) -> Visual:
        """A row without the table: its first cell, then each other cell under its heading (empty ones left out),
        indented, and a long one wrapping under itself, not under the first cell."""
        first, *rest = row
        said: list[Visual] = [
            Padding(Content.assemble((name + ": ", "$text-muted"), cell), CELL_INDENT)
            for name, cell in zip(header[1:], rest, strict=True)
            if cell
        ]
        return _Stack([Content.styled("• " + first, "bold"), *said])

    # Narrow, the heading line is an empty one: it keeps the space above the rows, each of which names its cells.
    heading = Fitted(Content.styled(line(header).rstrip(), "bold"), Content(""), table_width)
    return [heading, *(Fitted(Content(line(row).rstrip()), told(row), table_width) for row in rows)]


def record_lines(blocks: Iterable[Block]) -> list[Line]:
    """The lines of several blocks, one after the other (a step's record without its question, for example)."""
    lines: list[Line] = []
    for block in blocks:
        lines += block_lines(block)
    return lines


def stacked(lines: Sequence[Line]) -> Visual:
    """Lines shown as one text (in a ``Static``): runs of plain lines joined as one ``Content``, as before there
    were tables that fit themselves, and any table's lines between them."""
    parts: list[Visual] = []
    run: list[Content] = []
    for line in lines:
        if isinstance(line, Content):
            run.append(line)
            continue
        if run:
            parts.append(Content("\n").join(run))
            run = []
        parts.append(line)
    if run:
        parts.append(Content("\n").join(run))
    return parts[0] if len(parts) == 1 else _Stack(parts)


class _Stack(Visual):
    """Visuals drawn one under the other, each at the whole width."""

    def __init__(self, parts: list[Visual]) -> None:
        self.parts = parts

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(part.get_optimal_width(rules, container_width) for part in self.parts)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(part.get_height(rules, width) for part in self.parts)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        strips = [strip for part in self.parts for strip in part.render_strips(width, None, style, options)]
        return strips if height is None else strips[:height]


def step_record(section: Section) -> list[Line]:
    """A step's section as the screens show it: what the room produced, without the question (shown above it)."""
    blocks = section.blocks
    if blocks and isinstance(blocks[0], Paragraph) and blocks[0].emphasis:
        blocks = blocks[1:]
    return record_lines(blocks)
