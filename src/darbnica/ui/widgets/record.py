"""What the room produced, read only, drawn from the summary: one renderer for the review, the follow view and the
closing step.

The summary (:mod:`darbnica.summary.build`) says once what a step's record is (its notes by heading, the vision
and its checks, the ratings, the tasks, a follow-up's progress), and the exports and the phones' page show it as
Markdown and HTML. The screens show the same sections as lines of text here, so that what the room reads on a
phone, in review and in an export never drifts apart. Every text is literal: a ``Content`` is never markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from darbnica.summary.model import Block, Chart, Facts, Items, Link, Paragraph, Quote, Section, Table


def block_lines(block: Block, depth: int = 0) -> list[Content]:
    """The lines of one block of a summary; ``depth`` is how deep a section lies (its heading's weight)."""
    match block:
        case Section(heading=heading, blocks=blocks):
            style = "bold underline $text-secondary" if depth == 0 else "bold $text-secondary"
            lines = [Content.styled(heading, style)]
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


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[Content]:
    rows = list(rows)
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return [Content.styled(line(header), "bold"), *(Content(line(row)) for row in rows)]


def record_lines(blocks: Iterable[Block]) -> list[Content]:
    """The lines of several blocks, one after the other (a step's record without its question, for example)."""
    lines: list[Content] = []
    for block in blocks:
        lines += block_lines(block)
    return lines


def step_record(section: Section) -> list[Content]:
    """A step's section as the screens show it: what the room produced, without the question (shown above it)."""
    blocks = section.blocks
    if blocks and isinstance(blocks[0], Paragraph) and blocks[0].emphasis:
        blocks = blocks[1:]
    return record_lines(blocks)
