"""What the room produced, read only, drawn from the summary: one renderer for the review, the follow view and the
closing step.

The summary (:mod:`darbnica.summary.build`) says once what a step's record is (its notes by heading, the vision
and its checks, the ratings, the tasks, a follow-up's progress), and the exports and the phones' page show it as
Markdown and HTML. The screens show the same sections as lines of text here, so that what the room reads on a
phone, in review and in an export never drifts apart. Every text is literal: a ``Content`` is never markup.

A table (the tasks) is the one block whose look depends on the width it gets: where its lines fit it is a table,
and where they would wrap (at 80 columns, beside the closing's QR code) each row is told as a few lines under its
first cell instead, since a wrapped table row cannot be read. :class:`Fitted` makes that choice as it is drawn, and
:class:`RecordText` shows a whole record so, made again when its width changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from darbnica.summary.model import Block, Chart, Facts, Items, Link, Paragraph, Quote, Section, Summary, Table


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
    # In cells, not characters: a label with an emoji (two cells for one character) moved its bar a column.
    width = min(max((cell_len(bar.label) for bar in chart.bars), default=0), 40)
    lines = []
    for bar in chart.bars:
        label = Content(bar.label).truncate(width, ellipsis=True).pad_right(width - min(cell_len(bar.label), width))
        cells = round(BAR_CELLS * bar.value / chart.most) if chart.most else 0
        lines.append(Content.assemble(label, "  ", ("█" * cells, "$text-accent"), f" {bar.text}"))
    return lines


INDENT = 3
"""A told row's cells sit under its first cell's text, past the bullet; a cell that wraps stays under itself."""


class Fitted(Visual):
    """A table's line where the whole table fits the width it is drawn at; where it does not, the row told in
    lines (:func:`told`), made for that width.

    Every line of one table is given the table's width, so that all of them choose alike."""

    def __init__(self, wide: Content, header: tuple[str, ...], row: tuple[str, ...] | None, table_width: int) -> None:
        self.wide = wide
        self.header = header
        self.row = row
        """``None`` for the heading line, which is an empty line where each row names its cells."""
        self.table_width = table_width
        self._narrow: tuple[int, Content] | None = None

    def chosen(self, width: int) -> Content:
        if self.table_width <= width:
            return self.wide
        if self._narrow is None or self._narrow[0] != width:
            self._narrow = (width, told(self.header, self.row, width) if self.row else Content(""))
        return self._narrow[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.wide.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.chosen(width).get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.chosen(width).render_strips(width, height, style, options)


Line = Content | Fitted
"""One line of a record, or a table's row, one line or a few by the width (:class:`Fitted`)."""


def told(header: tuple[str, ...], row: tuple[str, ...], width: int) -> Content:
    """A row without the table, in ``width`` cells: its first cell, then each other cell under its heading (empty
    ones left out), indented, each wrapped here so that its second line is indented too. One ``Content``, so that
    text selected across it copies as it reads."""
    first, *rest = row
    said = [
        Content.assemble((name + ": ", "$text-muted"), cell)
        for name, cell in zip(header[1:], rest, strict=True)
        if cell
    ]
    if width <= 2 * INDENT:  # a sliver of a screen: no indent, nothing to break
        return Content("\n").join([Content.styled("• " + first, "bold"), *said])
    wrapped = Content.styled(first, "bold").wrap(width - 2) or [Content("")]  # under its text, not the bullet
    lines = [Content.styled("• ", "bold") + wrapped[0], *(Content("  ") + line for line in wrapped[1:])]
    for cell in said:
        lines += [Content(" " * INDENT) + part for part in cell.wrap(width - INDENT)]
    return Content("\n").join(lines)


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[Line]:
    rows = list(rows)
    widths = [max(cell_len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    table_width = sum(widths) + 2 * (len(widths) - 1)

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(cells, widths, strict=True))

    heading = Fitted(Content.styled(line(header).rstrip(), "bold"), header, None, table_width)
    return [heading, *(Fitted(Content(line(row).rstrip()), header, row, table_width) for row in rows)]


def record_lines(blocks: Iterable[Block]) -> list[Line]:
    """The lines of several blocks, one after the other (a step's record without its question, for example)."""
    lines: list[Line] = []
    for block in blocks:
        lines += block_lines(block)
    return lines


def summary_lines(summary: Summary) -> list[Line]:
    """A whole summary: its title, then what the workshop produced, step by step, a blank line before each step."""
    lines: list[Line] = [Content.styled(summary.title, "bold underline"), *record_lines(summary.intro)]
    for section in summary.sections:
        lines += [Content(""), *block_lines(section)]
    return lines


def joined(lines: Sequence[Line], width: int) -> Content:
    """Lines as one text ``width`` cells wide: each table line as it is at that width."""
    return Content("\n").join(line.chosen(width) if isinstance(line, Fitted) else line for line in lines)


class RecordText(Static):
    """A record shown as one text (the closing's summary, the follow view), made again when its width changes, so
    that its tables fit; one ``Content``, so that selecting and copying work as in any text."""

    def __init__(self, lines: Sequence[Line] = (), *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.lines = list(lines)
        self._width = 0

    def show(self, lines: Sequence[Line]) -> None:
        self.lines = list(lines)
        self._width = 0
        self._fit()

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_size.width or max(1, self.app.size.width - 4)  # before its first layout
        if width != self._width:
            self._width = width
            self.update(joined(self.lines, width))


def step_record(section: Section) -> list[Line]:
    """A step's section as the screens show it: what the room produced, without the question (shown above it)."""
    blocks = section.blocks
    if blocks and isinstance(blocks[0], Paragraph) and blocks[0].emphasis:
        blocks = blocks[1:]
    return record_lines(blocks)
