"""Whatever participants type, the exported summary keeps its structure and shows their words literally.

Texts of every kind go through the store's cleaning (what a workshop file holds), into a summary, out as Markdown
and HTML. A CommonMark parser must find each note as plain text in its own list item under its step (and group),
each task's fields in their table cells; the HTML must have exactly the elements and attributes it has when every
text is a plain "x".
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darbnica.i18n import pick
from darbnica.model import Action, Group, Note, Plan, Workshop
from darbnica.summary import build_summary, to_markdown
from darbnica.summary.html import to_html
from darbnica.text import LINE_LIMIT, NOTE_LIMIT, clean_line
from tests.unit.summary_parse import INLINE_TYPES, parse

HOSTILE = [
    "# x",
    "## x ##",
    "- x",
    "+ x",
    "* x",
    "> x",
    "1. x",
    "1) x",
    "---",
    "***",
    "___",
    "===",
    "[a](http://e.x)",
    "![i](http://e.x/p.png)",
    "[x]: http://e.x",
    "<http://e.x>",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<!-- c -->",
    "| a | b |",
    "|---|---|",
    "`code`",
    "```",
    "~~~",
    "~~gone~~",
    "*em* _em_ **strong**",
    "&amp; &#60; &#x3C; &lt;b&gt;",
    "a\\",
    "\\",
    "\\*",
    "x  ",
    "javascript:alert(1)",
    "[[wiki]]",
    "{{template}}",
]
UNICODE = [
    "Ķēķis, ģērbjas ūdenī: ā č ē ģ ī ķ ļ ņ š ū ž",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c override",
    "a\u0301\u0327e\u0308 combining",
    "zero\u200bwidth\u200djoiner",
    "tab\tand\nnew\r\nlines\u2028here",
    "ctrl \x00\x07\x1b[31mred\x1b[0m \x7f\x85",
    "🙂 emoji 👩‍👩‍👧",
    "\u00a0nbsp\u00a0",
]
SYNTAX = "#-+*_=>|[]()!<>`~\\&;:./1 \n\t\r\x00\x1b\u202e"

raw_text = st.one_of(
    st.sampled_from(HOSTILE + UNICODE),
    st.lists(st.sampled_from(HOSTILE + UNICODE), min_size=2, max_size=4).map(" ".join),
    st.text(alphabet=SYNTAX + "ab ā", min_size=1, max_size=30),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40),
    st.text(alphabet="āēīūšžčņķļģ", min_size=200, max_size=NOTE_LIMIT),  # one very long word
)


def storable(limit: int) -> st.SearchStrategy[str]:
    """Text as the store keeps it: cleaned, not empty, within the limit."""
    return raw_text.map(clean_line).filter(lambda text: 0 < len(text) <= limit)


@st.composite
def workshops(draw: st.DrawFn, plan: Plan) -> Workshop:
    note_steps = [step for step in plan.steps if step.takes_notes]
    groups = [
        Group(id=n, step=draw(st.sampled_from(note_steps)).key, title=draw(storable(LINE_LIMIT)))
        for n in range(1, draw(st.integers(0, 3)) + 1)
    ]
    notes = []
    for n in range(1, draw(st.integers(1, 8)) + 1):
        step = draw(st.sampled_from(note_steps))
        in_step = [group.id for group in groups if group.step == step.key]
        notes.append(
            Note(
                id=n,
                step=step.key,
                text=draw(storable(NOTE_LIMIT)),
                tag=draw(st.sampled_from([None, *(tag.key for tag in step.tags)])),
                author=draw(st.one_of(st.none(), storable(LINE_LIMIT))),
                votes=draw(st.integers(0, 3)),
                group=draw(st.sampled_from([None, *in_step])),
            )
        )
    actions = [
        Action(id=n, what=draw(storable(LINE_LIMIT)), who=draw(st.one_of(st.just(""), storable(LINE_LIMIT))))
        for n in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return Workshop(
        id="2026-03-14-tuja-3f9a",
        title=draw(storable(LINE_LIMIT)),
        plan=plan,
        lang="lv",
        place=draw(storable(LINE_LIMIT)),
        notes=tuple(notes),
        actions=tuple(actions),
        groups=tuple(groups),
    )


def _plain(workshop: Workshop) -> Workshop:
    """The same workshop with every typed text replaced by "x" (a note's by as many, its spaces kept: a long note's
    chart label takes two lines): the shape the documents must keep."""
    return dataclasses.replace(
        workshop,
        title="x",
        place="x",
        notes=tuple(
            dataclasses.replace(n, text=re.sub(r"\S", "x", n.text), author="x" if n.author else None)
            for n in workshop.notes
        ),
        actions=tuple(dataclasses.replace(a, what="x", who="x" if a.who else "") for a in workshop.actions),
        groups=tuple(dataclasses.replace(g, title="x") for g in workshop.groups),
    )


EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@EXAMPLES
@given(data=st.data())
def test_every_note_is_literal_text_in_its_own_item(plan: Plan, data: st.DataObject) -> None:
    workshop = data.draw(workshops(plan))
    parsed = parse(to_markdown(build_summary(workshop)))

    assert parsed.title == workshop.title
    assert parsed.inline_types <= INLINE_TYPES
    assert {"html_block", "code_block", "fence", "hr", "lheading"}.isdisjoint(parsed.block_types)
    items = Counter((path, text) for path, text, _ in parsed.items)
    # Notes under a heading first: an ungrouped note may match any item of its step, so taken first it could use
    # up the item of a grouped note with the same text (which then would match nothing).
    for note in sorted(workshop.notes, key=lambda note: note.group is None):
        step = plan.step(note.step)
        number = plan.steps.index(step) + 1
        group = next((g for g in workshop.groups if g.id == note.group), None)
        voted = any(n.votes + n.phone_votes for n in workshop.shown_in(step.key))  # one ranked list, no headings
        matches = [
            (path, text)
            for path, text in items
            if text == note.text
            and items[(path, text)] > 0
            and path[0] == f"{number}. {pick(step.title, 'lv')}"
            and (group is None or voted or path[-1] == group.title)
        ]
        assert matches, f"note {note.text!r} is not an item of its step"
        items[matches[0]] -= 1
    rows = [cells for path, cells in parsed.rows if path and path[0].endswith("Atbildības")]
    assert [cells[:2] for cells in rows[1:]] == [(a.what, a.who) for a in workshop.actions]


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.shape.append((f"/{tag}", ()))

    def handle_comment(self, data: str) -> None:
        self.shape.append(("!--", ()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(page: str) -> _Shape:
    shape = _Shape()
    shape.feed(page)
    shape.close()
    return shape


@EXAMPLES
@given(data=st.data())
def test_no_element_or_attribute_in_the_html_comes_from_a_note(plan: Plan, data: st.DataObject) -> None:
    workshop = data.draw(workshops(plan))
    link = "http://192.168.1.23:8765/Zq3xW9kLmN0"
    page = _read(to_html(build_summary(workshop, link)))
    assert page.shape == _read(to_html(build_summary(_plain(workshop), link))).shape
    text = "".join(page.text)
    for note in workshop.notes:
        assert note.text in text
