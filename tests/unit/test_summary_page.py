"""The page is what markdown-it makes of the summary's Markdown, byte for byte, whatever the summary holds.

The page is written straight from the summary's blocks. It used to be markdown-it-py rendering the Markdown
export (``js-default`` with tables), and that stays here as the reference: over summaries of every shape, with the
hostile and Unicode texts the other summary tests use, the two pages must be the same string. So the Markdown a
facilitator exports reads, in any CommonMark renderer, as the page the room sees: where they differed, one of
them was wrong (two lists one after the other read back as one; ``****`` or ``* x*`` are not emphasis).
"""

from __future__ import annotations

import secrets

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from darbnica.model import Plan
from darbnica.summary import build_summary, to_markdown
from darbnica.summary.charts import chart_svg
from darbnica.summary.html import to_html
from darbnica.summary.model import (
    Bar,
    Block,
    Chart,
    Facts,
    Item,
    Items,
    Link,
    Paragraph,
    Quote,
    Section,
    Summary,
    Table,
)
from tests.unit.test_summary_properties import HOSTILE, UNICODE, raw_text, workshops

PARSER = MarkdownIt("js-default").enable("table")


def reference(summary: Summary) -> str:
    """The page's body as it was made: markdown-it's render of the Markdown, each chart's SVG in its place."""
    charts: list[Chart] = []
    marker = f"chart{secrets.token_hex(8)}n"

    def mark(chart: Chart) -> str:
        charts.append(chart)
        return f"{marker}{len(charts) - 1}"

    body = PARSER.render(to_markdown(summary, mark))
    for number, chart in enumerate(charts):
        body = body.replace(f"<p>{marker}{number}</p>", chart_svg(chart), 1)
    return body


def body_of(page: str) -> str:
    """What is inside ``<main>``, without the QR code's figure."""
    body = page.split("<main>\n", 1)[1].split("</main>", 1)[0]
    return body.split('<figure class="qr">', 1)[0]


texts = st.one_of(
    raw_text,
    st.sampled_from(["", " ", "\u00a0", "\u3000x\u2003", " \t", "x\u00a0", "1.", "1)", "-", "*", "**", "\\"]),
)
URLS = [
    "http://192.168.1.23:8765/ZQ3XW9KLMN0ABCDEFGHIJKLMNO",
    "https://example.lv/darbnicas/2026-03-14-tuja-3f9a.html",
    "HTTPS://Example.LV/A?b=1&c=2#top",
    "https://example.lv/darbnicas/%C4%81.html",
    "https://example.lv/a%zz",
    "https://pašvaldība.lv/darbnicas/x.html",
    "https://xn--pavaldba-ej4e.lv/x.html",
    "https://example.lv/ā b",
    'https://example.lv/"q"',
    "https://example.lv/[x]{y}|z^`\\",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:x",
    "file:///etc/passwd",
    "mailto:dome@example.lv",
    "example.lv/x",
    "- not a link",
    "<http://e.x>",
]
urls = st.one_of(st.sampled_from(URLS), raw_text, st.text(alphabet="hps:/.%[]&=?#aāx-_~'()*", max_size=20))
bars = st.builds(Bar, label=texts, value=st.integers(0, 9), text=texts)
charts = st.builds(
    Chart, title=texts, bars=st.lists(bars, max_size=4).map(tuple), most=st.integers(9, 12), stacked=st.booleans()
)
leaves = st.one_of(
    st.builds(Paragraph, text=texts, emphasis=st.booleans()),
    st.builds(Facts, rows=st.lists(st.tuples(texts, texts), max_size=3).map(tuple)),
    st.builds(
        Items,
        items=st.lists(st.builds(Item, text=texts, meta=texts), max_size=4).map(tuple),
        ordered=st.booleans(),
    ),
    st.builds(Quote, text=st.lists(texts, max_size=4).map("\n".join)),
    st.integers(1, 3).flatmap(
        lambda width: st.builds(
            Table,
            header=st.lists(texts, min_size=width, max_size=width).map(tuple),
            rows=st.lists(st.lists(texts, max_size=width + 1).map(tuple), max_size=3).map(tuple),
        )
    ),
    st.builds(Link, url=urls),
    charts,
)


def sections(blocks: st.SearchStrategy[Block]) -> st.SearchStrategy[Block]:
    return st.builds(Section, heading=texts, blocks=st.lists(blocks, max_size=5).map(tuple))


block_trees = st.recursive(leaves, sections, max_leaves=14)
summaries = st.builds(
    Summary,
    title=texts,
    lang=st.just("lv"),
    intro=st.lists(leaves, max_size=4).map(tuple),
    sections=st.lists(sections(block_trees), max_size=4).map(tuple),
    link=st.one_of(st.none(), st.sampled_from(URLS[:2])),
)


@settings(max_examples=400, deadline=None)
@given(summaries)
def test_the_page_is_markdown_its_render_of_the_markdown(summary: Summary) -> None:
    assert body_of(to_html(summary)) == reference(summary)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_workshops_page_is_markdown_its_render_of_its_markdown(plan: Plan, data: st.DataObject) -> None:
    summary = build_summary(data.draw(workshops(plan)), data.draw(st.sampled_from(URLS[:2])))
    assert body_of(to_html(summary)) == reference(summary)


def test_lists_one_after_the_other_stay_two_lists() -> None:
    summary = Summary(
        title="t",
        lang="lv",
        intro=(Facts((("Vieta", "Tūja"),)), Items((Item("a"),)), Items((Item("b"), Item("c")), ordered=True)),
        sections=(Section("s", (Items((Item("d"),), ordered=True), Items((Item("e"),), ordered=True))),),
    )
    page = to_html(summary)
    assert body_of(page).count("<ul>") == 2 and body_of(page).count("<ol>") == 3
    assert body_of(page) == reference(summary)


def test_hostile_texts_are_text_on_the_page() -> None:
    summary = Summary("t", "lv", (Items(tuple(Item(text) for text in HOSTILE + UNICODE)),), ())
    assert body_of(to_html(summary)) == reference(summary)
    assert "<script>" not in to_html(summary) and "&lt;script&gt;alert(1)&lt;/script&gt;" in to_html(summary)
