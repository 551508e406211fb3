"""Build the summary of a workshop from what is stored, in the workshop's language.

One section a step, in the plan's order, each with its question and what the room produced; then the link. A
follow-up tells, under its responsibilities, what became of the earlier promises; its plan has no vision step, so
the vision it carried over is shown under its first step, where the plan reminds the room of it. The interface,
the CLI and the share server all show what this returns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date

from darbnica.errors import DarbnicaError
from darbnica.followup import progress
from darbnica.i18n import Translate, pick, translator
from darbnica.model import RATING_RANGE, Action, Choice, Group, Note, Step, StepKind, Workshop
from darbnica.rules import dots, late, rating_text
from darbnica.share.links import served_here
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
from darbnica.text import display


@dataclass(frozen=True)
class Earlier:
    """The workshop a follow-up follows, as the room knows it: its title and date (the follow-up keeps only its
    id, so the caller, who has the library, looks them up: :func:`earlier_of`)."""

    title: str
    date: str


def build_summary(
    workshop: Workshop, link: str | None = None, earlier: Earlier | None = None, today: Date | None = None
) -> Summary:
    """The summary of ``workshop``, in its language, ending with ``link`` when there is one. ``earlier``: for a
    follow-up, the workshop it follows (without it, the summary says "since the previous workshop"). ``today``:
    the screens' day, for marking the open tasks whose day has passed; without it (the exports, the phones) the
    summary is the record as it was made, the same on any day."""
    builder = _Builder(workshop, earlier, today)
    sections = [builder.step(number, step) for number, step in enumerate(workshop.plan.steps, 1)]
    lasting = not (link and served_here(link))
    if link:
        blocks: list[Block] = [Link(link)]
        if not lasting:  # the laptop's address on the hall's network: dead once share mode or the app stops
            blocks.append(Paragraph(builder.t("summary.link_meeting_only"), emphasis=True))
        sections.append(Section(builder.t("summary.link"), tuple(blocks), key="link"))
    return Summary(
        title=display(workshop.title),
        lang=workshop.lang,
        intro=(builder.facts(),),
        sections=tuple(sections),
        link=link,
        link_lasts=lasting,
    )


CHART_NOTES = 5
"""The notes with the most dots a step's chart shows: the ones the room chose, not the whole wall."""


def minutes(seconds: int) -> int:
    """Whole minutes, at least one: a step that took 20 seconds still took time."""
    return max(1, round(seconds / 60))


class _Builder:
    def __init__(self, workshop: Workshop, earlier: Earlier | None, today: Date | None = None) -> None:
        self.workshop = workshop
        self.earlier = earlier
        self.today = today
        self.lang = workshop.lang
        self.t: Translate = translator(workshop.lang)
        self.merged = Counter(note.merged_into for note in workshop.notes if note.merged_into is not None)
        """Note id → how many notes were merged into it (counted once: per note, it made a summary quadratic)."""
        self._said: dict[tuple[str, int], str] = {}

    def counted(self, key: str, count: int) -> str:
        """``t(key, count=count)``, made once for each count: a summary says "● 3" after hundreds of notes, and
        saying it took half the time of building one."""
        said = self._said.get((key, count))
        if said is None:
            said = self._said[key, count] = self.t(key, count=count)
        return said

    def label(self, choice: Choice) -> str:
        return display(pick(choice.label, self.lang))

    def tag_text(self, choice: Choice) -> str:
        """A tag as the app shows it: its symbol and its word."""
        return f"{display(choice.symbol)} {self.label(choice)}" if choice.symbol else self.label(choice)

    # -- the top: where, when, who ------------------------------------------------------------------------------

    def facts(self) -> Facts:
        workshop, t = self.workshop, self.t
        rows = [
            (t("context.place"), display(workshop.place)),
            (t("context.date"), workshop.date),
            (t("context.facilitator"), display(workshop.facilitator)),
            (t("context.engagement"), self.engagement()),
            (t("summary.people"), str(workshop.people) if workshop.people else ""),
        ]
        return Facts(tuple((name, value) for name, value in rows if value))

    def engagement(self) -> str:
        levels = [level for step in self.workshop.plan.steps for level in step.levels]
        level = next((level for level in levels if level.key == self.workshop.engagement), None)
        if level is None:
            return ""
        description = pick(level.description, self.lang) if level.description else ""
        return self.label(level) + (f" — {display(description)}" if description else "")

    def headcounts(self, step: Step) -> list[Block]:
        if not self.workshop.headcounts:
            return []
        names = {group.key: self.label(group) for group in step.groups}
        # In the form's order (the plan's groups, then those added), not the order the counts were typed in.
        planned = {key: number for number, key in enumerate(names)}
        counted = sorted(self.workshop.headcounts, key=lambda h: planned.get(h.group, len(planned)))  # stable
        rows = tuple((names.get(h.group, display(h.group)), str(h.count)) for h in counted)
        total = self.t("context.total", count=self.workshop.people)
        return [Section(self.t("summary.who_took_part"), (Facts(rows), Paragraph(total)), key="people")]

    # -- one step ----------------------------------------------------------------------------------------------

    def step(self, number: int, step: Step) -> Section:
        blocks: list[Block] = [Paragraph(display(pick(step.question, self.lang)), emphasis=True)]
        seconds = self.workshop.step_seconds.get(step.key)
        if seconds:
            blocks.append(Paragraph(self.t("summary.time", minutes=minutes(seconds), planned=step.minutes)))
        notes = self.workshop.shown_in(step.key)
        groups = self.workshop.groups_in(step.key)
        blocks += self.dot_chart(notes)
        if number == 1:
            blocks += self.carried_vision()
        if step.kind is StepKind.CONTEXT:
            blocks += self.headcounts(step)
        elif step.kind is StepKind.VISION:
            blocks += self.vision(step)
            blocks += self.by_tag(step, notes, groups)
        elif step.kind is StepKind.PRINCIPLES:
            blocks += self.by_tag(step, notes, groups, rated=True)
        elif step.kind is StepKind.ACTIONS:
            blocks += self.actions()
        else:
            blocks += self.notes(step, notes, groups, voted=any(dots(note) for note in notes))
        return Section(f"{number}. {display(pick(step.title, self.lang))}", tuple(blocks), key=step.key)

    def dot_chart(self, notes: Sequence[Note]) -> list[Block]:
        """The notes with the most dots as bars, once the room has voted on the step."""
        voted = sorted((note for note in notes if dots(note)), key=lambda note: -dots(note))[:CHART_NOTES]
        if not voted:
            return []
        bars = tuple(Bar(display(note.text), dots(note), f"● {dots(note)}") for note in voted)
        return [Chart(self.t("summary.chart_dots"), bars, most=dots(voted[0]))]

    def carried_vision(self) -> list[Block]:
        """A vision statement the plan has no step for (a follow-up's, carried over): shown under the first step."""
        plan = self.workshop.plan
        if not self.workshop.vision or any(step.kind is StepKind.VISION for step in plan.steps):
            return []
        quote = Quote(display(self.workshop.vision, multiline=True))
        return [Section(self.t("vision.statement"), (quote,), key="vision")]

    def vision(self, step: Step) -> list[Block]:
        blocks: list[Block] = []
        if self.workshop.vision:
            blocks += [Quote(display(self.workshop.vision, multiline=True))]
        if step.checks:
            met, not_met = self.t("summary.check_met"), self.t("summary.check_not_met")
            checks = tuple(
                Item(display(pick(check, self.lang)), met if index in self.workshop.vision_checks else not_met)
                for index, check in enumerate(step.checks)
            )
            blocks.append(Section(self.t("vision.checks"), (Items(checks),), key="checks"))
        return blocks

    def by_tag(self, step: Step, notes: Sequence[Note], groups: Sequence[Group], rated: bool = False) -> list[Block]:
        """Notes under their dimension or principle (with its rating); notes of none of them last."""
        voted = any(dots(note) for note in notes)
        sections: list[Block] = []
        if rated:
            sections += self.rating_chart(step)
        for choice in step.tags:
            heading = self.tag_text(choice)
            rating = self.workshop.ratings.get(choice.key)
            if rated and rating is not None:
                heading += f" — {self.t('summary.rating', bar=rating_text(rating))}"  # as the app shows it
            tagged = [note for note in notes if note.tag == choice.key]
            if tagged or (rated and rating is not None):
                blocks = self.notes(step, tagged, groups, voted=voted, show_tag=False)
                sections.append(Section(heading, tuple(blocks), key=choice.key))
        others = [note for note in notes if step.tag(note.tag or "") is None]
        if others:
            blocks = self.notes(step, others, groups, voted=voted, show_tag=False)
            sections.append(Section(self.t("summary.other_notes"), tuple(blocks), key="other"))
        if not sections:
            sections.append(Paragraph(self.t("summary.no_notes"), emphasis=True))
        return sections

    def rating_chart(self, step: Step) -> list[Block]:
        """The principles the room rated, each as a bar out of the highest rating."""
        top = RATING_RANGE.stop - 1
        rated = [(choice, self.workshop.ratings.get(choice.key)) for choice in step.tags]
        bars = tuple(Bar(self.tag_text(c), r, f"{r}/{top}") for c, r in rated if r is not None)
        return [Chart(self.t("summary.chart_ratings"), bars, most=top)] if bars else []

    def notes(
        self,
        step: Step,
        notes: Sequence[Note],
        groups: Iterable[Group],
        *,
        voted: bool,
        show_tag: bool = True,
    ) -> list[Block]:
        """Ungrouped notes first, then each group under its heading. Once the room has voted, one list, most dots
        first, each note's heading beside it: numbered within each heading, a note of 7 dots came after one of 5,
        and a heading's first note was "1." again, where the chart above it put them in their order."""
        if not notes:
            return [Paragraph(self.t("summary.no_notes"), emphasis=True)]
        grouped = {group.id: group for group in groups}
        if voted:
            ordered = sorted(notes, key=lambda note: -dots(note))  # stable: as the chart orders equal dots
            return [
                Items(tuple(self.note_item(step, n, voted, show_tag, self._heading(n, grouped)) for n in ordered), True)
            ]

        def listed(members: Sequence[Note]) -> Items:
            return Items(tuple(self.note_item(step, note, voted, show_tag) for note in members))

        blocks: list[Block] = []
        loose = [note for note in notes if note.group not in grouped]
        if loose:
            blocks.append(listed(loose))
        for group in grouped.values():
            members = [note for note in notes if note.group == group.id]
            if members:
                blocks.append(Section(display(group.title), (listed(members),), key=f"group-{group.id}"))
        return blocks

    @staticmethod
    def _heading(note: Note, groups: Mapping[int, Group]) -> Group | None:
        return groups.get(note.group) if note.group is not None else None

    def note_item(self, step: Step, note: Note, voted: bool, show_tag: bool, heading: Group | None = None) -> Item:
        meta: list[str] = []
        choice = step.tag(note.tag) if show_tag and note.tag else None
        if choice is not None:
            meta.append(self.tag_text(choice))
        if heading is not None:
            meta.append(f"▸ {display(heading.title)}")
        if voted:
            meta.append(self.counted("summary.votes", dots(note)))
        also = self.merged[note.id]
        if also:
            meta.append(self.counted("summary.also_said", also))
        if note.author:
            meta.append(display(note.author))
        return Item(display(note.text), " · ".join(meta))

    def actions(self) -> list[Block]:
        t = self.t
        blocks = self.since_previous()
        if not self.workshop.actions:
            return [*blocks, Paragraph(t("summary.no_actions"), emphasis=True)]
        header = tuple(t(f"actions.{name}") for name in ("what", "who", "due", "first_step", "status"))
        rows = tuple(
            (display(a.what), display(a.who), self.due(a), display(a.first_step), t(f"status.{a.status.value}"))
            for a in self.workshop.actions
        )
        return [*blocks, Table(header, rows)]

    def due(self, action: Action) -> str:
        """A task's "by when", with the sign the other task lists give an open one whose day has passed."""
        marked = self.today is not None and late(action, self.workshop.date, self.today)
        return f"⚠ {display(action.due)}" if marked else display(action.due)

    def since_previous(self) -> list[Block]:
        """For a follow-up: what became of the promises carried over (done, still open, dropped) and what is new."""
        changes = progress(self.workshop)
        if changes is None:
            return []
        t = self.t
        blocks: list[Block] = [
            Paragraph(
                t(
                    "summary.since_counts",
                    done=len(changes.done),
                    open=len(changes.still_open),
                    dropped=len(changes.dropped),
                    new=len(changes.new),
                )
            )
        ]
        carried = (
            ("summary.since_done", changes.done),
            ("summary.since_open", changes.still_open),
            ("summary.since_dropped", changes.dropped),
        )
        if any(actions for _, actions in carried):
            bars = tuple(Bar(t(key), len(actions), str(len(actions))) for key, actions in carried)
            blocks.append(Chart(t("summary.chart_progress"), bars, most=sum(b.value for b in bars), stacked=True))
        for key, actions in (
            ("summary.since_done", changes.done),
            ("summary.since_open", changes.still_open),
            ("summary.since_dropped", changes.dropped),
            ("summary.since_new", changes.new),
        ):
            if actions:
                items = tuple(Item(display(a.what), display(a.who)) for a in actions)
                blocks.append(Section(t(key), (Items(items),), key=key.rsplit(".", 1)[1]))
        if self.earlier is None:
            heading = t("summary.since_unknown")
        else:
            heading = t("summary.since", title=display(self.earlier.title), date=self.earlier.date)
        return [Section(heading, tuple(blocks), key="since")]


def earlier_of(read: Callable[[str], Workshop], workshop: Workshop) -> Earlier | None:
    """The workshop ``workshop`` follows up, read with ``read`` (e.g. ``Library.read``); ``None`` if it follows none
    or that one cannot be read any more (deleted, say): the summary then does without its title."""
    if workshop.follows is None:
        return None
    try:
        earlier = read(workshop.follows)
    except DarbnicaError:
        return None
    return Earlier(earlier.title, earlier.date)
