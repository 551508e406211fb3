"""The summary as Markdown: valid CommonMark, tables as GFM tables, readable as plain text.

Participant text is escaped, never trusted. A backslash makes any ASCII punctuation character literal in
CommonMark, so it goes before every character that can start markup anywhere in a line (emphasis, code, links and
images, HTML, tables, headings, entities) and before those that start a block at the beginning of a line (lists,
quotes, breaks, underlines); line breaks fold into spaces. A note such as ``# x``, ``- x``, ``[a](http://e.x)``,
``<script>`` or ``| a | b |`` stays one line of text where it belongs, while commas and question marks stay plain.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from darbnica.summary.model import Block, Chart, Facts, Items, Link, Paragraph, Quote, Section, Summary, Table

_ANYWHERE = re.compile(r"([\\`*_\[\]<~|#]|&(?=#?[A-Za-z0-9]+;))")
_AT_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
# What CommonMark accepts inside <…> as an autolink; anything else is shown as text.
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20\x7f]*")


def escape(text: str, *, line_start: bool = False) -> str:
    """``text`` as Markdown that reads back as exactly that text, on one line. ``line_start``: the text begins a
    line of a block (a list item, a paragraph, a quote), where ``-``, ``>`` or ``1.`` would start a new block."""
    text = _BREAKS.sub(" ", text).strip(" \t")  # leading spaces could make an indented code block
    text = _ANYWHERE.sub(r"\\\1", text)
    match = _AT_START.match(text) if line_start else None
    if match is None:
        return text
    if match.group(1).isdigit():  # "1." or "1)" would start a numbered list
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"
    return f"\\{text}"


ChartMark = Callable[[Chart], str]
"""What stands in a chart's place: nothing in the Markdown itself; the HTML page's marker for its SVG."""


def to_markdown(summary: Summary, chart: ChartMark | None = None) -> str:
    parts = [f"# {escape(summary.title)}"]
    parts += (_block(block, 2, chart) for block in summary.intro)
    parts += (_block(section, 2, chart) for section in summary.sections)
    return "\n\n".join(part for part in parts if part) + "\n"


def _block(block: Block, level: int, chart: ChartMark | None = None) -> str:
    match block:
        case Section(heading=heading, blocks=blocks):
            inner = [_block(child, level + 1, chart) for child in blocks]
            return "\n\n".join([f"{'#' * min(level, 6)} {escape(heading)}", *(part for part in inner if part)])
        case Chart():
            return chart(block) if chart is not None else ""
        case Paragraph(text=text, emphasis=emphasis):
            return f"*{escape(text)}*" if emphasis and text.strip() else escape(text, line_start=True)
        case Facts(rows=rows):
            return "\n".join(f"- **{escape(label)}**: {escape(value)}" for label, value in rows)
        case Items(items=items, ordered=ordered):
            lines = []
            for number, item in enumerate(items, 1):
                marker = f"{number}." if ordered else "-"
                meta = f" — *{escape(item.meta)}*" if item.meta else ""
                lines.append(f"{marker} {escape(item.text, line_start=True)}{meta}")
            return "\n".join(lines)
        case Quote(text=text):
            # A backslash at the end of a line is a hard line break: the statement keeps its lines.
            return "\\\n".join(f"> {escape(line, line_start=True)}" for line in text.splitlines() if line.strip())
        case Table(header=header, rows=rows):
            delimiter = "|" + "|".join(" --- " for _ in header) + "|"
            return "\n".join([_row(header), delimiter, *(_row(row) for row in rows)])
        case Link(url=url):
            return f"<{url}>" if _AUTOLINK.fullmatch(url) else escape(url)
    raise TypeError(f"not a summary block: {block!r}")


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"
