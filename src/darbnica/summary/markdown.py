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


def shown(text: str) -> str:
    """What of ``text`` a reader sees: one line, no space at either end. Spaces at the ends would change the
    Markdown (leading ones can make an indented code block; any space beside ``*`` stops it being emphasis), and a
    renderer drops them from a block's ends anyway."""
    if text.isprintable():  # no line break of any kind (all are unprintable): most texts, found faster
        return text.strip()
    return _BREAKS.sub(" ", text).strip()


def escape(text: str, *, line_start: bool = False) -> str:
    """``text`` as Markdown that reads back as exactly :func:`shown` ``text``. ``line_start``: the text begins a
    line of a block (a list item, a paragraph, a quote), where ``-``, ``>`` or ``1.`` would start a new block."""
    text = _ANYWHERE.sub(r"\\\1", shown(text))
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
    parts = [f"# {escape(summary.title)}", *_blocks(summary.intro + summary.sections, 2, chart)[0]]
    return "\n\n".join(parts) + "\n"


def _blocks(blocks: tuple[Block, ...], level: int, chart: ChartMark | None) -> tuple[list[str], str]:
    """The Markdown of ``blocks``, one part each (none for a block that shows nothing), and the marker of the list
    they end with, if they do. Two lists of the same kind one after the other would read back as one list (also
    when the first ends a section), so every second one takes the other marker (``*``, ``1)``)."""
    parts: list[str] = []
    last = ""
    for block in blocks:
        if isinstance(block, Section):
            inner, ends = _blocks(block.blocks, level + 1, chart)
            parts.append("\n\n".join([f"{'#' * min(level, 6)} {escape(block.heading)}", *inner]))
            last = ends
            continue
        marker = _marker(block)
        if marker and marker == last:
            marker = _OTHER[marker]
        if part := _block(block, chart, marker):
            parts.append(part)
            last = marker
    return parts, last


def _marker(block: Block) -> str:
    """A list's first marker (``-`` or ``1.``); none for any other block."""
    if isinstance(block, Items):
        return "1." if block.ordered else "-"
    return "-" if isinstance(block, Facts) else ""


_OTHER = {"-": "*", "*": "-", "1.": "1)", "1)": "1."}


def _block(block: Block, chart: ChartMark | None, marker: str) -> str:
    """A block other than a section, as Markdown; ``marker``: a list's."""
    match block:
        case Chart():
            return chart(block) if chart is not None else ""
        case Paragraph(text=text, emphasis=emphasis):
            return f"*{escape(text)}*" if emphasis and shown(text) else escape(text, line_start=True)
        case Facts(rows=rows):
            return "\n".join(f"{marker} {_fact(label, value)}" for label, value in rows)
        case Items(items=items):
            lines = []
            for number, item in enumerate(items, 1):
                text, meta = escape(item.text, line_start=True), escape(item.meta)
                said = f"{text} — *{meta}*" if text and meta else f"*{meta}*" if meta else text
                lines.append(f"{marker.replace('1', str(number))} {said}")
            return "\n".join(lines)
        case Quote(text=text):
            # A backslash at the end of a line is a hard line break: the statement keeps its lines.
            return "\\\n".join(f"> {escape(line, line_start=True)}" for line in text.splitlines() if shown(line))
        case Table(header=header, rows=rows):
            delimiter = "|" + "|".join(" --- " for _ in header) + "|"
            return "\n".join([_row(header), delimiter, *(_row(row) for row in rows)])
        case Link(url=url):
            return f"<{url}>" if autolink(url) else escape(url, line_start=True)
    raise TypeError(f"not a summary block: {block!r}")


def autolink(url: str) -> bool:
    """Whether ``url`` is written as a link (``<url>``); any other is its text."""
    return _AUTOLINK.fullmatch(url) is not None


def _fact(label: str, value: str) -> str:
    """``**label**: value``; an empty label is left out with its colon (``****`` is no emphasis)."""
    if not shown(label):
        return escape(value, line_start=True)
    return f"**{escape(label)}**: {escape(value)}".rstrip()


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"
