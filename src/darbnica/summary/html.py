"""The summary as one self-contained HTML page: for phones in the room, the web and the printer.

The page is made from the summary's Markdown by markdown-it-py's ``js-default`` preset (raw HTML off, unsafe link
schemes refused) with tables, so nothing a participant typed can become an element or an attribute. Everything the
page needs is inside it: the styles, and the QR code as inline SVG; no fonts, scripts or images are fetched.
"""

from __future__ import annotations

import secrets
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from darbnica.summary.charts import chart_svg
from darbnica.summary.markdown import to_markdown
from darbnica.summary.model import Block, Chart, Section, Summary
from darbnica.summary.qr import qr_svg

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _markdown() -> MarkdownIt:
    # Made at the first page rather than on import: markdown-it-py would add about 15 ms to every start of the
    # app and the command line, most of which never make a page.
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


def _has_chart(blocks: tuple[Block, ...]) -> bool:
    return any(isinstance(b, Chart) or (isinstance(b, Section) and _has_chart(b.blocks)) for b in blocks)


def to_html(summary: Summary, markdown: str | None = None) -> str:
    """The page of ``summary``; ``markdown`` is its :func:`to_markdown`, when the caller has already made it (used
    only for a summary without charts, whose Markdown has no place for them)."""
    charts: list[Chart] = []
    if _has_chart(summary.intro + summary.sections):
        marker = f"darbnicachart{secrets.token_hex(8)}n"

        def mark(chart: Chart) -> str:
            charts.append(chart)
            return f"{marker}{len(charts) - 1}"

        markdown = to_markdown(summary, mark)
    body = _markdown().render(to_markdown(summary) if markdown is None else markdown)
    for number, chart in enumerate(charts):
        body = body.replace(f"<p>{marker}{number}</p>", chart_svg(chart), 1)
    qr = ""
    if summary.link and summary.link_lasts:  # a printed QR code must not lead nowhere once the meeting is over
        qr = f'<figure class="qr">{qr_svg(summary.link, standalone=False)}</figure>\n'
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(summary.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'  # served to phones: no request for /favicon.ico
        f"<title>{escape(summary.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}{qr}</main>\n</body>\n</html>\n"
    )
