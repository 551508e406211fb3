"""The summary as one self-contained HTML page: for phones in the room, the web and the printer.

The page is written straight from the summary's blocks, every text escaped, so nothing a participant typed can
become an element or an attribute. It is the page markdown-it-py's ``js-default`` preset (raw HTML off, unsafe link
schemes refused) with tables makes of the summary's Markdown, element for element and byte for byte (the tests hold
the two equal over hostile text), without parsing the Markdown back: that took most of an export's time. Everything
the page needs is inside it: the styles, and the QR code as inline SVG; no fonts, scripts or images are fetched.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from darbnica.summary.charts import chart_svg
from darbnica.summary.markdown import autolink, shown
from darbnica.summary.model import Block, Chart, Facts, Items, Link, Paragraph, Quote, Section, Summary, Table
from darbnica.summary.qr import qr_svg

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _markdown() -> MarkdownIt:
    # Only for a link whose address markdown-it would rewrite (see _link); imported then, not on every start.
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default").enable("table")


# Large type and one column on a phone; A4 with smaller type on paper. System fonts only: nothing to download.
STYLE = """
:root { color-scheme: light; }
html { font-size: 112.5%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 44rem; padding: 1rem 1.1rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5; color: #1b1b1b; background: #fff;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.45rem; line-height: 1.25; margin: 2rem 0 0.5rem; padding-top: 0.6rem; border-top: 3px solid #2d6a4f; }
h3 { font-size: 1.2rem; margin: 1.4rem 0 0.4rem; }
h4, h5, h6 { font-size: 1.05rem; margin: 1rem 0 0.3rem; }
ul, ol { padding-left: 1.4rem; }
li { margin: 0.35rem 0; }
li em, p em { color: #4a4a4a; }
blockquote {
  margin: 1rem 0; padding: 0.6rem 1rem; border-left: 6px solid #2d6a4f; background: #eef6f1;
  font-size: 1.15rem;
}
table { width: 100%; border-collapse: collapse; margin: 0.8rem 0; table-layout: fixed; }
th:nth-child(1) { width: 32%; }
th:nth-child(2) { width: 16%; }
th:nth-child(3) { width: 14%; }
th:nth-child(4) { width: 24%; }
th:nth-child(5) { width: 14%; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.5rem; border-bottom: 1px solid #bbb; }
th { border-bottom: 2px solid #1b1b1b; }
a { color: #1d4ed8; }
svg.chart { display: block; width: 100%; max-width: 36rem; height: auto; margin: 0.6rem 0 1rem; }
.qr { margin: 2rem 0 0; text-align: center; break-inside: avoid; }
.qr svg { width: 14rem; max-width: 80%; height: auto; }
.qr figcaption { font-size: 0.95rem; }
@media (max-width: 30rem) {
  html { font-size: 106%; }
  /* a table row becomes a card: the task on its own line, then who · by when · status */
  table, thead, tbody, tr { display: block; }
  thead { display: none; }
  tr { padding: 0.5rem 0; border-bottom: 1px solid #bbb; }
  td { display: inline; border: none; padding: 0; }
  td:first-child { display: block; font-weight: 600; }
  td:not(:first-child):not(:last-child):not(:empty)::after { content: " · "; }
}
@page { size: A4; margin: 16mm 15mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  li, tr, blockquote, svg.chart { break-inside: avoid; }
  svg.chart { max-width: 120mm; }
  a { color: inherit; text-decoration: none; }
  .qr svg { width: 45mm; }
}
"""


def to_html(summary: Summary) -> str:
    """The page of ``summary``."""
    body = [f"<h1>{_text(summary.title)}</h1>\n", *(_block(block, 2) for block in summary.intro + summary.sections)]
    if summary.link and summary.link_lasts:  # a printed QR code must not lead nowhere once the meeting is over
        body.append(f'<figure class="qr">{qr_svg(summary.link, standalone=False)}</figure>\n')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(summary.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'  # served to phones: no request for /favicon.ico
        f"<title>{escape(summary.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "".join(body) + "</main>\n</body>\n</html>\n"
    )


def _text(text: str) -> str:
    """``text`` as the Markdown shows it, escaped as markdown-it escapes text (a NUL it reads as U+FFFD)."""
    return (
        shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        .replace("\x00", "\ufffd")
    )  # fmt: skip


def _block(block: Block, level: int) -> str:
    match block:
        case Section(heading=heading, blocks=blocks):
            tag = f"h{min(level, 6)}"
            return f"<{tag}>{_text(heading)}</{tag}>\n" + "".join(_block(child, level + 1) for child in blocks)
        case Chart():
            return chart_svg(block) + "\n"
        case Paragraph(text=text, emphasis=emphasis):
            if not shown(text):
                return ""
            return f"<p><em>{_text(text)}</em></p>\n" if emphasis else f"<p>{_text(text)}</p>\n"
        case Facts(rows=rows):
            return _list("ul", [_fact(label, value) for label, value in rows])
        case Items(items=items, ordered=ordered):
            lines = [
                " — ".join(filter(None, (_text(item.text), shown(item.meta) and f"<em>{_text(item.meta)}</em>")))
                for item in items
            ]
            return _list("ol" if ordered else "ul", lines)
        case Quote(text=text):
            lines = [_text(line) for line in text.splitlines() if shown(line)]
            return "<blockquote>\n<p>" + "<br>\n".join(lines) + "</p>\n</blockquote>\n" if lines else ""
        case Table(header=header, rows=rows):
            width = len(header)
            # markdown-it gives every row the header's cells, and a table without rows no body
            body = "".join(_row("td", (*row, *[""] * width)[:width]) for row in rows)
            body = f"<tbody>\n{body}</tbody>\n" if rows else ""
            return f"<table>\n<thead>\n{_row('th', header)}</thead>\n{body}</table>\n"
        case Link(url=url):
            return _link(url)
    raise TypeError(f"not a summary block: {block!r}")


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{tag}>\n" if items else ""


def _fact(label: str, value: str) -> str:
    if not shown(label):
        return _text(value)
    return f"<strong>{_text(label)}</strong>:" + (f" {_text(value)}" if shown(value) else "")


def _row(cell: str, cells: tuple[str, ...]) -> str:
    return "<tr>\n" + "".join(f"<{cell}>{_text(text)}</{cell}>\n" for text in cells) + "</tr>\n"


# An address markdown-it links to as it is: characters URLs carry unencoded, no %-escape it would show decoded,
# no punycode host it would show in Unicode, no scheme it refuses.
_PLAIN_URL = re.compile(r"(?!(?:vbscript|javascript|file|data):)(?!.*xn--)[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]+", re.I)


def _link(url: str) -> str:
    if not autolink(url):
        return f"<p>{_text(url)}</p>\n" if shown(url) else ""
    if _PLAIN_URL.fullmatch(url):
        return f'<p><a href="{_text(url)}">{_text(url)}</a></p>\n'
    page: str = _markdown().render(f"<{url}>")  # a rare address: markdown-it encodes it as it does
    return page
