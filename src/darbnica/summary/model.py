"""What a summary is made of: headings and blocks of plain text, in the workshop's language.

The builder (:mod:`darbnica.summary.build`) fills these from a stored workshop; the Markdown writer turns them
into a document. Every text here is literal: whatever a participant typed, a renderer escapes it, so it can never
become a heading, a list, a link or an HTML element.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Facts:
    """``label: value`` lines, such as the place and the date."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Item:
    """One entry of a list: a note, a vision check. ``meta`` (its tag, votes…) is shown after it, set apart."""

    text: str
    meta: str = ""


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]
    ordered: bool = False
    """Numbered: the notes of a step that was voted on, most votes first."""


@dataclass(frozen=True)
class Quote:
    """A text set apart (the vision statement); it may hold line breaks."""

    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Link:
    url: str


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it is, how much, and that amount as the text says it (``● 7``, ``4/5``)."""

    label: str
    value: int
    text: str


@dataclass(frozen=True)
class Chart:
    """A picture of numbers the text beside it already gives, for people who would rather look than read: the
    notes with the most dots, the principles' ratings (one bar each, ``most`` a whole bar), or a follow-up's
    promises done, open and dropped (``stacked``: the parts of one bar). The HTML page draws it as inline SVG; the
    Markdown leaves it out, as the numbers are in its text."""

    title: str
    bars: tuple[Bar, ...]
    most: int
    stacked: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and what is under it; a section inside a section is one heading level lower."""

    heading: str
    blocks: tuple[Block, ...]
    key: str = ""
    """What the section is about: a step's key, ``people``, ``link``… (for readers such as tests, never shown)."""


Block = Paragraph | Facts | Items | Quote | Table | Link | Chart | Section


@dataclass(frozen=True)
class Summary:
    title: str
    lang: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    link: str | None = None
    """Where participants find this summary, if it has a link yet."""
    link_lasts: bool = True
    """Whether the link works after the meeting: a public one does; the laptop's own address on the hall's network
    (share mode) does not, so a page or a printout draws no QR code of it."""

    def section(self, key: str) -> Section | None:
        """The section about ``key`` (a step's key, ``link``…), if the summary has one."""
        return next((section for section in self.sections if section.key == key), None)
