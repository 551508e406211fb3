"""What a workshop is made of: plain, immutable data with no I/O and no Textual.

A :class:`Plan` describes the steps a workshop walks through; a :class:`Workshop` is one run of a plan in one place,
with the notes, actions and groups people produced. The store turns these into files and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from darbnica.errors import NotFound

SCHEMA_VERSION = 1
"""Version of the workshop file layout, stored in every file from the first one."""

Localized = Mapping[str, str]
"""A text in several languages: ``{"lv": "...", "en": "..."}``."""


class StepKind(StrEnum):
    CONTEXT = "context"  # place, date, who is in the room, level of engagement; untagged notes
    NOTES = "notes"  # tagged notes (problem, future, ...)
    VISION = "vision"  # the vision statement, its checks, notes per dimension (the dimensions are the tags)
    PRINCIPLES = "principles"  # a 1-5 rating per principle, notes per principle (the principles are the tags)
    ACTIONS = "actions"  # responsibilities: what, who, by when, first step, status
    CLOSING = "closing"  # closing reflections, the summary and its QR code


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


OPEN_STATUSES = frozenset({Status.PLANNED, Status.IN_PROGRESS})

RATING_RANGE = range(1, 6)


@dataclass(frozen=True)
class Choice:
    """One entry of a step's vocabulary: a tag, a vision dimension, a principle, a participant group, a level."""

    key: str
    label: Localized
    symbol: str = ""
    description: Localized = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    key: str
    kind: StepKind
    title: Localized
    question: Localized
    minutes: int
    hints: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tags: tuple[Choice, ...] = ()
    """Note categories: tags for notes steps, dimensions for the vision, principles for the principles step."""
    checks: tuple[Localized, ...] = ()
    """Vision only: the tests a vision passes to become a goal."""
    groups: tuple[Choice, ...] = ()
    """Context only: the kinds of participants to count."""
    levels: tuple[Choice, ...] = ()
    """Context only: the levels of engagement."""
    suggestions: tuple[Localized, ...] = ()
    """Actions only: typical first responsibilities, offered when the list is empty."""

    @property
    def takes_notes(self) -> bool:
        return self.kind not in (StepKind.CONTEXT, StepKind.ACTIONS)

    def tag(self, key: str) -> Choice | None:
        return next((tag for tag in self.tags if tag.key == key), None)

    def find_tag(self, word: str) -> Choice | None:
        """The one tag ``word`` names by the words the room sees (a label in either language, diacritics folded, or
        its start; a numbered tag's number), else ``None``: see :mod:`darbnica.tagging`."""
        from darbnica.tagging import matching_tags  # tagging needs the store's folding, which needs this module

        found = matching_tags(self.tags, word)
        return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Plan:
    name: str
    title: Localized
    steps: tuple[Step, ...]
    description: Localized = field(default_factory=dict)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise NotFound("error.no_step", step=key, known=", ".join(s.key for s in self.steps))

    def index(self, key: str) -> int:
        return self.steps.index(self.step(key))

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class Note:
    id: int
    step: str
    text: str
    tag: str | None = None
    author: str | None = None
    """Empty unless the facilitator typed one: notes are anonymous by default."""
    votes: int = 0
    group: int | None = None
    """The id of the :class:`Group` the note was put under, if any."""
    created: str = ""
    phone_votes: int = 0
    """Dots given from phones (only the total is kept, never who gave them); ``votes`` are those counted on the
    wall. The ranking and the summary use both (:func:`darbnica.rules.dots`)."""
    source: str | None = None
    """``"phone"`` for a note that came from a phone (never which one); ``None`` for one typed here."""
    ref: str | None = None
    """For a note from a phone, the id its phone gave it, so it is found again after a restart and never doubled."""
    hidden: bool = False
    """Hidden by the facilitator: kept in the file, left out of the wall and of the summary."""
    merged_into: int | None = None
    """A phone note that says what another note says: kept, hidden, and counted with that note."""


@dataclass(frozen=True)
class Action:
    """A responsibility: who does what by when."""

    id: int
    what: str
    who: str = ""
    due: str = ""
    """By when, as typed: a date, "līdz Jāņiem", "rudenī"… (:func:`darbnica.rules.due_date` tells the day)."""
    first_step: str = ""
    status: Status = Status.PLANNED
    origin: str | None = None
    """``<workshop id>#<action id>`` when carried over from an earlier workshop."""
    created: str = ""
    updated: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class Group:
    """A heading that similar notes of one step are clustered under."""

    id: int
    step: str
    title: str


@dataclass(frozen=True)
class Headcount:
    """How many people of one kind are in the room. ``group`` is a plan's group key or a typed label."""

    group: str
    count: int


@dataclass(frozen=True)
class RoomStep:
    """How phones take part in one step: whether their notes wait for the facilitator, and the dot-vote."""

    show_at_once: bool = False
    """``False`` (the default): a phone's note waits in the queue until the facilitator approves it."""
    voting: bool = False
    """Phones may spend dots on this step's notes."""
    budget: int = 3
    """Dots each phone may spend on the step (1–12)."""
    revealed: bool = False
    """The totals are shown on the phones too (hidden until then, so the room does not follow the crowd)."""


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    plan: Plan
    lang: str
    place: str = ""
    date: str = ""
    facilitator: str = ""
    device: str = ""
    """The laptop that made it (:mod:`darbnica.store.device`): its owner in a shared archive; empty before sharing."""
    created: str = ""
    current_step: str = ""
    engagement: str | None = None
    headcounts: tuple[Headcount, ...] = ()
    vision: str = ""
    vision_checks: tuple[int, ...] = ()
    """Indexes into the vision step's ``checks`` that the room agreed the vision passes."""
    ratings: Mapping[str, int] = field(default_factory=dict)
    """Principle key → 1..5."""
    step_seconds: Mapping[str, int] = field(default_factory=dict)
    """Step key → seconds the step actually took (kept by the step timer)."""
    drafts: Mapping[str, str] = field(default_factory=dict)
    """Step key → text left unsubmitted in the note input when the app was closed."""
    follows: str | None = None
    """The id of the earlier workshop this one follows up."""
    room: Mapping[str, RoomStep] = field(default_factory=dict)
    """Step key → how phones take part in it (a step not here: the defaults)."""
    notes: tuple[Note, ...] = ()
    actions: tuple[Action, ...] = ()
    groups: tuple[Group, ...] = ()

    def notes_in(self, step: str) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.step == step)

    def shown_in(self, step: str) -> tuple[Note, ...]:
        """The notes of ``step`` the room sees: not hidden, not merged into another."""
        return tuple(note for note in self.notes if note.step == step and not note.hidden)

    def room_step(self, step: str) -> RoomStep:
        return self.room.get(step) or RoomStep()

    def groups_in(self, step: str) -> tuple[Group, ...]:
        return tuple(group for group in self.groups if group.step == step)

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(action for action in self.actions if action.is_open)

    @property
    def people(self) -> int:
        return sum(headcount.count for headcount in self.headcounts)
