"""Charts of the summary as inline SVG, for the HTML page (exported, printed, and served to phones).

No script, no fonts, no styles of its own: shapes and text with presentation attributes, so the page's Content
Security Policy and a printer take them as they are. The drawing is 600 units wide and scales to the column: on a
phone of 360 px the labels are about 15 px high, on A4 about 4 mm. Every text is escaped (it may be a note a
participant typed); a label too long for one line goes on over a second (on A4 a label cut after one line
left most of a note unread), and only what is longer still is cut with "…", as the full text is in the list
below it.
"""

from __future__ import annotations

import textwrap
from html import escape

from darbnica.summary.model import Chart

WIDTH = 600
FONT = 28
LABEL_CHARS = 36
"""A label's characters on one line at this size: about 16 units a character of a system sans-serif."""
LABEL_LINES = 2
LINE = FONT + 6
BAR_HEIGHT = 22
ROW = FONT + BAR_HEIGHT + 22
NUMBER_ROOM = 90
"""Room right of a bar for its number (``● 12``, ``4/5``)."""
INK = "#1b1b1b"
BAR = "#2d6a4f"
PARTS = ("#2d6a4f", "#b45309", "#6b7280")
"""A stacked bar's parts in order (done, open, dropped): green, amber, grey, each under white text at ≥ 4.5:1."""


def _cut(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _lines(label: str) -> list[str]:
    """A bar's label on at most two lines, broken between words where it can be."""
    # Between words only at spaces: where a label breaks depends on its words' lengths, never on which letters.
    lines = textwrap.wrap(label, LABEL_CHARS, max_lines=LABEL_LINES, placeholder="…", break_on_hyphens=False)
    return lines or [""]


def _text(x: float, y: float, text: str, *, size: int = FONT, fill: str = INK, anchor: str = "start") -> str:
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{escape(text)}</text>'


def chart_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element, with its title for screen readers."""
    body = _stacked(chart) if chart.stacked else _bars(chart)
    height = body[0]
    title = escape(chart.title)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{title}" font-family="system-ui, sans-serif"><title>{title}</title>{"".join(body[1])}</svg>'
    )


def _bars(chart: Chart) -> tuple[int, list[str]]:
    """One bar a row under its label, as long as its value where ``most`` takes the whole width."""
    parts = []
    room = WIDTH - NUMBER_ROOM
    top = 0
    for bar in chart.bars:
        lines = _lines(bar.label)
        parts += [_text(0, top + FONT + n * LINE, line) for n, line in enumerate(lines)]
        length = room * bar.value / chart.most if chart.most else 0
        y = top + FONT + (len(lines) - 1) * LINE + 8
        if length > 0:
            parts.append(f'<rect x="0" y="{y}" width="{max(length, 4):.1f}" height="{BAR_HEIGHT}" fill="{BAR}"/>')
        parts.append(_text(length + 10, y + BAR_HEIGHT - 3, bar.text, anchor="start"))
        top += ROW + (len(lines) - 1) * LINE
    return top, parts


def _stacked(chart: Chart) -> tuple[int, list[str]]:
    """One bar split into its parts, each with its number inside where it fits, and a legend that says them all
    in words (a printout in black and white still tells the parts apart)."""
    total = sum(bar.value for bar in chart.bars)
    parts = []
    x = 0.0
    height = 44
    for bar, colour in zip(chart.bars, PARTS, strict=False):
        if not bar.value:
            continue
        width = WIDTH * bar.value / total
        parts.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="{height}" fill="{colour}"/>')
        if width >= 40:
            parts.append(_text(x + width / 2, height - 12, str(bar.value), fill="#ffffff", anchor="middle"))
        x += width
    legend_y = height + 14
    for row, (bar, colour) in enumerate(zip(chart.bars, PARTS, strict=False)):
        y = legend_y + row * (FONT + 12)
        parts.append(f'<rect x="0" y="{y + 4}" width="{FONT - 4}" height="{FONT - 4}" fill="{colour}"/>')
        parts.append(_text(FONT + 8, y + FONT, f"{_cut(bar.label, 30)}: {bar.text}"))
    return legend_y + len(chart.bars) * (FONT + 12), parts
