"""The summary holds what the workshop produced, in the workshop's language, and reads back from its Markdown."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import zxingcpp

from darbnica.editing import Editor
from darbnica.i18n import translator
from darbnica.model import Workshop
from darbnica.plan import load_plans
from darbnica.store import Library
from darbnica.summary import build_summary, qr_svg, to_markdown
from darbnica.summary.build import Earlier, earlier_of
from darbnica.summary.export import render
from darbnica.summary.html import to_html
from darbnica.summary.model import Paragraph
from darbnica.summary.qr import qr_matrix
from tests.unit.summary_parse import parse

LINK = "http://192.168.1.23:8765/Zq3xW9kLmN0"
"""What share mode serves: the laptop's address on the hall's network."""
PUBLIC = "https://example.lv/darbnicas/tuja.html"
"""A public_link: where summaries are published after the meeting."""


@pytest.fixture
def full(opened: Editor, library: Library) -> Workshop:
    """A workshop with something in every step: votes, groups, times, counts, a vision, ratings, tasks."""
    f = opened
    f.set_engagement("together")
    f.set_headcount("residents", 23)
    f.set_headcount("municipality", 2)
    f.set_headcount("skolotāji", 4)
    f.set_step_seconds("problem", 1530)
    bus = f.add_note("problem", "Nav autobusa svētdienās", tag="need")
    f.add_note("problem", "Slidotava ziemā", tag="want")
    shop = f.add_note("problem", "Veikals slēgts pirmdienās", tag="need")
    transport = f.add_group("problem", "Transports")
    f.group_note(bus, transport.id)
    f.set_votes(bus, 2)
    f.set_votes(shop, 7)
    f.add_note("future", "Upe un mežs", tag="strength")
    f.set_vision("Tūja — zaļš ciems,\nkur jaunieši paliek")
    f.set_vision_check(0, True)
    f.set_vision_check(2, True)
    f.add_note("vision", "Vilciens uz Rīgu", tag="connected")
    f.add_note("vision", "Bez dimensijas")
    f.set_rating("learning", 4)
    f.set_rating("diversity", 2)
    f.add_note("principles", "Sāksim ar mazu talku", tag="learning")
    f.add_action("Izveidot ciema WhatsApp grupu", who="Anna", due="2026-04-01", first_step="Savākt numurus")
    f.add_action("Finanšu plānošana", who="pašvaldība", status="in_progress")
    f.add_note("closing", "Kopā ir jautrāk")
    return f.workshop


def test_the_markdown_holds_every_part_of_the_workshop(full: Workshop) -> None:
    parsed = parse(to_markdown(build_summary(full, LINK)))
    assert parsed.title == "Tūjas nākotne"
    assert ("1. Konteksts", "Kas piedalījās") in parsed.headings
    # Voted on: one list, most dots first, as the chart above it; a note's heading said beside it. Listed under
    # its heading, the note of 2 dots came after one of none, numbered "1." again.
    assert ("2. Problēma", "Transports") not in parsed.headings
    assert [text for path, text, _ in parsed.items if path == ("2. Problēma",)] == [
        "Veikals slēgts pirmdienās",  # 7 votes: first
        "Nav autobusa svētdienās",
        "Slidotava ziemā",
    ]
    items = {text: (path, meta) for path, text, meta in parsed.items}
    assert items["Veikals slēgts pirmdienās"] == (("2. Problēma",), "● vajadzība · 7 punkti")
    assert items["Nav autobusa svētdienās"] == (("2. Problēma",), "● vajadzība · ▸ Transports · 2 punkti")
    assert items["Upe un mežs"] == (("3. Nākotne",), "★ stiprā puse")  # no votes in that step: none shown
    assert items["Vilciens uz Rīgu"][0] == ("4. Vīzija", "◎ Savienota")
    assert items["Bez dimensijas"][0] == ("4. Vīzija", "Citas piezīmes")
    assert items["Sāksim ar mazu talku"][0] == ("5. Principi", "5 Mācīties darot — šodien ●●●●○  4/5")
    assert ("5. Principi", "3 Strādāt ar dažādiem cilvēkiem un sektoriem — šodien ●●○○○  2/5") in parsed.headings
    assert items["Kopā ir jautrāk"][0] == ("7. Noslēgums",)
    checks = [(text, meta) for path, text, meta in parsed.items if path[-1:] == ("Vīzija kļūst par mērķi, ja…",)]
    assert [meta for _, meta in checks] == ["✓ jā", "✗ vēl ne", "✓ jā", "✗ vēl ne"]
    assert parsed.quotes == ["Tūja — zaļš ciems,\nkur jaunieši paliek"]
    assert [cells for path, cells in parsed.rows if path == ("6. Atbildības",)] == [
        ("Kas", "Kurš", "Līdz kuram laikam", "Pirmais solis", "Statuss"),
        ("Izveidot ciema WhatsApp grupu", "Anna", "2026-04-01", "Savākt numurus", "plānots"),
        ("Finanšu plānošana", "pašvaldība", "", "", "notiek"),
    ]
    people = [text for path, text, _ in parsed.items if path == ("1. Konteksts", "Kas piedalījās")]
    assert people == ["iedzīvotāji: 23", "pašvaldība: 2", "skolotāji: 4"]
    assert parsed.headings[-1] == ("Kur atrast šo kopsavilkumu",)


def test_who_took_part_is_told_in_the_forms_order_not_the_order_typed(opened: Editor) -> None:
    opened.set_headcount("skolotāji", 4)  # a group added by the facilitator, typed first
    opened.set_headcount("municipality", 2)
    opened.set_headcount("residents", 23)
    parsed = parse(to_markdown(build_summary(opened.workshop)))
    people = [text for path, text, _ in parsed.items if path == ("1. Konteksts", "Kas piedalījās")]
    assert people == ["iedzīvotāji: 23", "pašvaldība: 2", "skolotāji: 4"]  # as the context step lists them


def test_the_top_says_where_when_who_and_how_engaged(full: Workshop) -> None:
    top = to_markdown(build_summary(full)).split("\n## ", 1)[0]
    assert "- **Vieta**: Tūja" in top
    assert "- **Datums**: 2026-03-14" in top
    assert "- **Vadītājs**: Ilze" in top
    assert "- **Iesaistes līmenis**: Veidojot plānu kopā — Mācīties kopā, diskutēt, atklāt kopā, vienoties." in top
    assert "- **Dalībnieku skaits**: 29" in top


def test_a_step_says_how_long_it_took_against_the_plan(full: Workshop) -> None:
    summary = build_summary(full)
    problem = next(s for s in summary.sections if s.key == "problem")
    assert Paragraph("Ilga 26 min (plānots: 25 min)") in problem.blocks
    future = next(s for s in summary.sections if s.key == "future")
    assert not any(isinstance(b, Paragraph) and b.text.startswith("Ilga") for b in future.blocks)


def test_the_summary_speaks_the_workshops_language(library: Library, plan) -> None:
    workshop_id = library.create(title="Tuja's future", plan=plan, place="Tūja", lang="en")
    with Editor.open(library, workshop_id) as f:
        f.add_action("Set up a group chat", who="Anna")
        markdown = to_markdown(build_summary(f.workshop))
    assert "## 2. Problem\n\n*What problem are you trying to solve?*\n\n*No notes.*" in markdown
    assert "| What | Who | By when | First step | Status |" in markdown
    assert "| Set up a group chat | Anna |  |  | planned |" in markdown


def test_plain_punctuation_stays_readable(full: Workshop) -> None:
    markdown = to_markdown(build_summary(full))
    assert "*Kas esam, kur esam, kāpēc šodien te?*" in markdown
    assert "\\" not in markdown.replace("paliek", "").split("> Tūja")[0]


def test_a_follow_up_says_what_became_of_the_promises(full: Workshop, library: Library, plan) -> None:
    from darbnica.followup import follow_up

    next_id = follow_up(library, full.id, title="Otrā tikšanās", plan=plan)
    with Editor.open(library, next_id) as file:
        whatsapp, finances = file.workshop.actions
        file.update_action(whatsapp, status="done")
        file.add_action("Uzaicināt jauniešus", who="Līga")
        follow = file.workshop
    markdown = to_markdown(build_summary(follow, LINK, earlier_of(library.read, follow)))
    since = markdown.split("### Kopš „Tūjas nākotne“ (2026-03-14)", 1)[1].split("## Kur atrast", 1)[0]
    assert "izdarīti: 1, vēl atvērti: 1, atmesti: 0. Šeit uzņemti jauni: 1." in since
    assert "#### Izdarīts\n\n- Izveidot ciema WhatsApp grupu — *Anna*" in since
    assert "#### Vēl atvērts\n\n- Finanšu plānošana — *pašvaldība*" in since
    assert "#### Jauns\n\n- Uzaicināt jauniešus — *Līga*" in since
    assert "Atmests" not in since.split("atmesti: 0", 1)[1]
    assert "Kopš iepriekšējās" not in to_markdown(build_summary(full, LINK))  # a first workshop has no such part


def test_without_a_link_there_is_no_link_and_no_qr(full: Workshop) -> None:
    summary = build_summary(full)
    assert summary.link is None and "link" not in [s.key for s in summary.sections]
    assert '<figure class="qr">' not in to_html(summary)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "src")]


def test_the_html_page_is_self_contained_with_the_qr_code_inline(full: Workshop) -> None:
    page = to_html(build_summary(full, PUBLIC))
    elements = _Elements()
    elements.feed(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="lv">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<title>Tūjas nākotne</title>" in page
    assert {"script", "img", "iframe", "object"}.isdisjoint(elements.tags)
    assert elements.tags.count("link") == 1 and '<link rel="icon" href="data:,">' in page  # no icon to fetch
    assert elements.hrefs == ["data:,", PUBLIC]  # the only link out: the summary's own
    assert page.count('<figure class="qr"><svg') == 1 and elements.tags.count("svg") == 3  # the QR code, 2 charts
    assert "@page { size: A4" in page and "@media (max-width" in page


@pytest.mark.parametrize("link", [LINK, "https://example.lv/darbnicas/2026-03-14-tujas-nakotne-3f9a.html"])
def test_the_svg_is_a_qr_code_of_the_link(link: str) -> None:
    svg = qr_svg(link)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    root = ElementTree.fromstring(svg.split("\n", 1)[1])
    size = len(qr_matrix(link))
    assert root.get("viewBox") == f"0 0 {size} {size}" and (size == 37 or link != LINK)  # version 3 and 4 of margin
    shapes = list(root)
    assert [shape.tag.rsplit("}", 1)[1] for shape in shapes] == ["rect", "path"]
    assert shapes[0].get("fill") == "white" and shapes[0].get("width") == "100%"
    # The path is rectangles one module high (move, across, down one, back, close); paint them, as a viewer does.
    path = shapes[1].get("d") or ""
    assert re.fullmatch(r"(?:M\d+,\d+h\d+v1h-\d+z)+", path) and shapes[1].get("fill") == "#000000"
    dark = [[False] * size for _ in range(size)]
    for x, y, width, back in re.findall(r"M(\d+),(\d+)h(\d+)v1h-(\d+)z", path):
        assert width == back
        for column in range(int(x), int(x) + int(width)):
            assert not dark[int(y)][column]  # no module painted twice
            dark[int(y)][column] = True
    assert dark == qr_matrix(link)
    scale = 4
    pixels = bytes(0 if dark[y // scale][x // scale] else 255 for y in range(size * scale) for x in range(size * scale))
    image = memoryview(pixels).cast("B", (size * scale, size * scale))
    assert [found.text for found in zxingcpp.read_barcodes(image, try_invert=False)] == [link]


def test_a_follow_up_names_the_workshop_it_follows_by_title_not_id(full: Workshop, library: Library, plan) -> None:
    from darbnica.followup import follow_up

    follow = library.read(follow_up(library, full.id, title="Otrā tikšanās", plan=plan))
    assert earlier_of(library.read, follow) == Earlier("Tūjas nākotne", "2026-03-14")
    assert earlier_of(library.read, full) is None  # a first workshop follows none
    for earlier in (Earlier("Tūjas nākotne", "2026-03-14"), None):
        markdown = to_markdown(build_summary(follow, PUBLIC, earlier))
        assert full.id not in markdown  # the room never sees an internal id
    assert "### Kopš iepriekšējās darbnīcas\n" in to_markdown(build_summary(follow, PUBLIC))
    gone = replace(follow, follows="2020-01-01-nekur-0000")  # no longer in the library: done without its title
    assert earlier_of(library.read, gone) is None


def test_a_follow_up_summary_shows_the_vision_it_carried(full: Workshop, library: Library, paths) -> None:
    from darbnica.followup import follow_up

    plan = load_plans(paths).get("follow-up-meeting")
    follow = library.read(follow_up(library, full.id, title="Otrā tikšanās", plan=plan))
    parsed = parse(to_markdown(build_summary(follow)))
    assert ("1. Kas esam šodien", "Mūsu vīzija (kā vienojāmies)") in parsed.headings
    assert parsed.quotes == ["Tūja — zaļš ciems,\nkur jaunieši paliek"]
    page = to_html(build_summary(follow))  # the HTML export, and the share page's summary, which is the same page
    quoted = page[page.index("<blockquote>") : page.index("</blockquote>")]
    assert "Mūsu vīzija (kā vienojāmies)" in page and "Tūja — zaļš ciems," in quoted and "jaunieši paliek" in quoted
    assert parse(to_markdown(build_summary(full))).quotes == parsed.quotes  # the workshop itself: once, as before


def test_the_first_step_of_each_task_is_in_the_summary(full: Workshop) -> None:
    page = to_html(build_summary(full, PUBLIC))
    assert "<th>Pirmais solis</th>" in page and "<td>Savākt numurus</td>" in page


def test_a_meeting_only_link_is_said_to_be_one_and_gets_no_qr_code(full: Workshop) -> None:
    summary = build_summary(full, LINK)
    markdown, page = to_markdown(summary), to_html(summary)
    assert "Šī saite darbojas tikai tikšanās laikā, zāles Wi-Fi tīklā." in markdown
    assert '<figure class="qr">' not in page and "tikai tikšanās laikā" in page
    lasting = build_summary(full, PUBLIC)
    assert "tikai tikšanās laikā" not in to_markdown(lasting) and '<figure class="qr">' in to_html(lasting)


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1:8765/abc",
        "http://[::1]:8765/abc",
        "http://[::ffff:127.0.0.1]:8765/abc",
        "http://localhost:8765/a",
        "http://LOCALHOST.:8765/a",
        "http://darbnica.localhost:8765/a",
    ],
)
def test_a_link_to_this_computer_alone_is_left_out_of_an_exported_summary(full: Workshop, link: str) -> None:
    # Shared with no network but the laptop's own, the link opens on no phone: a file read elsewhere does not
    # offer it, nor say that it works on the hall's Wi-Fi.
    for fmt in ("md", "html"):
        text = render(full, fmt, link)
        assert link not in text and "tikai tikšanās laikā" not in text and "Tūjas nākotne" in text
    assert "Šī saite darbojas tikai tikšanās laikā" in render(full, "md", LINK)  # the hall's network: kept


def test_a_note_says_how_many_times_it_was_said(opened: Editor) -> None:
    # Notes merged into another (the same thing said again, often from phones) are counted with it, not listed.
    bus = opened.add_note("problem", "Nav autobusa")
    for text in ("Autobuss nebrauc", "Nav transporta"):
        opened.merge_note(opened.add_note("problem", text), bus)
    opened.add_note("problem", "Grāvji")
    markdown = to_markdown(build_summary(opened.workshop))
    t = translator(opened.workshop.lang)
    (line,) = [line for line in markdown.splitlines() if "Nav autobusa" in line]
    assert t("summary.also_said", count=2) in line
    assert "Autobuss nebrauc" not in markdown and "Nav transporta" not in markdown
    assert t("summary.also_said", count=1) not in markdown
