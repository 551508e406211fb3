"""The HTML summary (exported, printed, served to phones) draws as inline SVG what people would rather look at than
read: the notes with the most dots, the principles' ratings, a follow-up's promises done · open · dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from darbnica.editing import Editor
from darbnica.followup import follow_up
from darbnica.model import Plan, Workshop
from darbnica.plan import load_plans
from darbnica.store import Library
from darbnica.summary import build_summary, to_markdown
from darbnica.summary.charts import FONT, WIDTH
from darbnica.summary.html import to_html
from tests.unit.test_summary import full  # noqa: F401  (the fixture)

PHONE_COLUMN = 320
"""Pixels a chart gets on a phone 360 px wide, less the page's margins."""


class Charts(HTMLParser):
    """Each <svg class="chart">: its title, its texts and its bars' widths; and whether anything runs."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict] = []
        self.scripts = 0
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" or any(name.startswith("on") for name, _ in attrs):
            self.scripts += 1
        if tag == "svg" and values.get("class") == "chart":
            self.charts.append({"title": values.get("aria-label"), "texts": [], "bars": [], "box": values["viewbox"]})
        elif self.charts and tag == "rect":
            self.charts[-1]["bars"].append(float(values["width"] or 0))
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self.charts and self._in == "text":
            self.charts[-1]["texts"].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def charts_of(page: str) -> Charts:
    parser = Charts()
    parser.feed(page)
    return parser


def test_the_top_notes_and_the_ratings_are_bars(full: Workshop) -> None:  # noqa: F811
    found = charts_of(to_html(build_summary(full)))
    by_title = {chart["title"]: chart for chart in found.charts}
    dots = by_title["Piezīmes ar visvairāk punktiem"]
    assert dots["texts"] == ["Veikals slēgts pirmdienās", "● 7", "Nav autobusa svētdienās", "● 2"]
    seven, two = dots["bars"]
    assert abs(two / seven - 2 / 7) < 0.02  # sized by their dots
    ratings = by_title["Principi šodien, vērtējums 1–5"]
    assert [t for t in ratings["texts"] if "/" in t] == ["2/5", "4/5"]  # in the plan's order
    two, four = ratings["bars"]
    assert abs(two / four - 0.5) < 0.02 and four < WIDTH  # a rating of 5 would fill the bar
    assert found.scripts == 0


def test_the_markdown_has_no_chart_and_the_page_has_both(full: Workshop) -> None:  # noqa: F811
    summary = build_summary(full)
    markdown, page = to_markdown(summary), to_html(summary)
    assert "<svg" not in markdown
    assert page.count('<svg class="chart"') == 2


def test_a_follow_up_shows_its_promises_as_one_bar(library: Library, plan: Plan, paths) -> None:
    first = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", lang="lv")
    with Editor.open(library, first) as file:
        for what in ("Autobuss", "Talka", "Soliņi", "Vēstule"):
            file.add_action(what, who="Anna")
    second = follow_up(library, first, title="Otrā", plan=load_plans(paths).get("follow-up-meeting"))
    with Editor.open(library, second) as file:
        actions = file.workshop.actions
        for action, status in zip(actions, ("done", "done", "dropped"), strict=False):
            file.update_action(action, status=status)
    found = charts_of(to_html(build_summary(library.read(second))))
    (progress,) = [c for c in found.charts if c["title"] == "Kas noticis ar pārņemtajiem solījumiem"]
    done, still_open, dropped, *legend = progress["bars"]
    assert (round(done), round(still_open), round(dropped)) == (WIDTH // 2, WIDTH // 4, WIDTH // 4)
    assert ["Izdarīts: 2", "Vēl atvērts: 1", "Atmests: 1"] == [t for t in progress["texts"] if ":" in t]


def test_what_participants_typed_stays_text_in_a_chart(opened: Editor) -> None:
    note = opened.add_note("problem", '<script>alert(1)</script> & "pēdiņas" </svg><b>', tag="need")
    opened.set_votes(note, 3)
    page = to_html(build_summary(opened.workshop))
    assert "<script" not in page and "<b>" not in page
    found = charts_of(page)
    assert found.scripts == 0
    label = found.charts[0]["texts"][:2]  # on two lines, read back as typed
    assert label == ["<script>alert(1)</script> &", '"pēdiņas" </svg><b>']
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;pēdiņas&quot;" in page


def test_a_long_note_is_labelled_on_two_lines_and_cut_only_beyond(opened: Editor) -> None:
    # On A4 a label cut after 36 characters left most of a note unread beside an empty half of the page.
    told = "Bērniem nav kur pavadīt brīvo laiku vismaz reizi nedēļā, tā teica vecāki"
    longer = told + " un skolotāji, un arī paši bērni pēc stundām"
    for text, votes in ((told, 5), (longer, 3), ("Tirdziņš", 2)):
        opened.set_votes(opened.add_note("problem", text, tag="need"), votes)
    (chart,) = charts_of(to_html(build_summary(opened.workshop))).charts[:1]
    texts = chart["texts"]
    assert " ".join(texts[:2]) == told and all(len(line) <= 36 for line in texts[:2])
    assert texts[2] == "● 5"
    assert texts[3].startswith("Bērniem") and texts[4].endswith("…") and texts[5] == "● 3"
    assert texts[6:] == ["Tirdziņš", "● 2"]
    box_height = float(chart["box"].split()[3])
    assert box_height >= 3 * (FONT + 22) + 2 * (FONT + 6)  # the second lines have their room: nothing overlaps


def test_charts_are_readable_on_a_phone() -> None:
    assert FONT * PHONE_COLUMN / WIDTH >= 14  # px: a label on a phone 360 px wide
    page_css = re.search(r"svg\.chart \{[^}]*\}", to_html_style())
    assert page_css is not None and "width: 100%" in page_css.group(0) and "height: auto" in page_css.group(0)


def to_html_style() -> str:
    from darbnica.summary.html import STYLE

    return STYLE
