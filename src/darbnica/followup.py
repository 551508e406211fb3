"""Following a workshop up: the next meeting in the same place starts from what people promised last time.

:func:`follow_up` creates the new workshop with the earlier one's vision statement and every responsibility that is
neither done nor dropped, each marked with where it came from (``origin = "<workshop id>#<action id>"``).
:func:`progress` reads from a follow-up alone what happened since the workshop it follows: what of the promises
got done, what is still open, what was dropped, and what is new. :func:`open_tasks` lists the open responsibilities
of every workshop, a promise carried forward counted once, where it was carried to.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from darbnica.dates import plus_months
from darbnica.model import Action, Plan, Status, StepKind, Workshop
from darbnica.rules import due_order, overdue
from darbnica.store.catalog import Entry, Task
from darbnica.store.library import Library
from darbnica.text import display, fold
from darbnica.timing import now

FOLLOW_UP_PLAN = "follow-up-meeting"
"""The shipped plan made for a follow-up; used when the facilitator does not choose another."""


def origin_of(workshop_id: str, action_id: int) -> str:
    return f"{workshop_id}#{action_id}"


def carried_actions(previous: Workshop) -> tuple[Action, ...]:
    """The responsibilities a follow-up of ``previous`` starts with: its open ones, renumbered, linked back."""
    stamp = now()
    return tuple(
        replace(action, id=number, origin=origin_of(previous.id, action.id), created=stamp, updated=stamp)
        for number, action in enumerate(previous.open_actions, 1)
    )


def month_later(day: datetime.date) -> datetime.date:
    """The same day of the next month (its last day where the next month is shorter)."""
    return plus_months(day, 1)


def follow_up_date(previous: Workshop, today: datetime.date | None = None) -> str:
    """When a follow-up of ``previous`` is likely held: about a month after it, as people do; today where that
    month has already passed (the follow-up is made on its own day)."""
    today = today or datetime.date.today()
    try:
        held = datetime.date.fromisoformat(previous.date) if previous.date else today
    except ValueError:
        held = today
    return max(month_later(held), today).isoformat()


def follow_up(
    library: Library,
    previous_ref: str,
    *,
    title: str,
    plan: Plan,
    date: str | None = None,
    facilitator: str | None = None,
    lang: str | None = None,
) -> str:
    """Create the workshop that follows ``previous_ref`` in the same place and return its id."""
    previous = library.read(previous_ref)
    return library.create(
        title=title,
        plan=plan,
        place=previous.place,
        date=date or follow_up_date(previous),
        facilitator=previous.facilitator if facilitator is None else facilitator,
        lang=lang or previous.lang,
        follows=previous.id,
        vision=previous.vision,
        actions=carried_actions(previous),
    )


@dataclass(frozen=True)
class Progress:
    """What happened to the promises of the previous workshop, as the follow-up records them."""

    done: tuple[Action, ...]
    still_open: tuple[Action, ...]
    dropped: tuple[Action, ...]
    new: tuple[Action, ...]
    """Responsibilities taken on at the follow-up itself."""


def progress(current: Workshop) -> Progress | None:
    """What became of the promises carried into the follow-up ``current``; ``None`` if it follows nothing.

    Carried actions name their origin (``<previous id>#<action id>``), so the follow-up alone tells the story: the
    previous workshop need not be in the library any more. The actions returned are the follow-up's.
    """
    if current.follows is None:
        return None
    prefix = f"{current.follows}#"
    carried = [a for a in current.actions if a.origin and a.origin.startswith(prefix)]
    return Progress(
        done=tuple(a for a in carried if a.status is Status.DONE),
        still_open=tuple(a for a in carried if a.is_open),
        dropped=tuple(a for a in carried if a.status is Status.DROPPED),
        new=tuple(a for a in current.actions if a not in carried),
    )


@dataclass(frozen=True)
class OpenTask:
    """An open responsibility somewhere in the library, with the workshop it belongs to."""

    entry: Entry
    task: Task

    @property
    def overdue(self) -> bool:
        return overdue(self.task.due, self.entry.date)

    @property
    def due_order(self) -> tuple[bool, str]:
        return due_order(self.task.due, self.entry.date)


def _carried(entries: Iterable[Entry]) -> dict[str, set[str]]:
    """Each workshop's responsibilities carried into a follow-up: workshop id → the action ids (as written in an
    :func:`origin_of`)."""
    carried: dict[str, set[str]] = {}
    for entry in entries:
        for origin in entry.origins:
            workshop_id, _, action_id = origin.rpartition("#")
            carried.setdefault(workshop_id, set()).add(action_id)
    return carried


def _kept_here(entries: Iterable[Entry]) -> Iterator[tuple[Entry, Task]]:
    """Every open responsibility with its workshop, but for those carried into a follow-up: a promise carried on
    is the follow-up's to keep, and the earlier workshop's copy is left out."""
    entries = list(entries)
    carried = _carried(entries)
    for entry in entries:
        gone = carried.get(entry.id, ())
        for task in entry.open_tasks:
            if str(task.id) not in gone:
                yield entry, task


def open_tasks(entries: Iterable[Entry]) -> list[OpenTask]:
    """Every open responsibility by place, due date (undated last) and owner, a carried promise once (see
    :func:`_kept_here`)."""
    found = [OpenTask(entry, task) for entry, task in _kept_here(entries)]
    return sorted(found, key=lambda o: (not o.entry.place, fold(o.entry.place), o.due_order, fold(o.task.who)))


def open_counts(entries: Iterable[Entry]) -> dict[str, int]:
    """Each workshop's open responsibilities, counted as :func:`open_tasks` lists them (marked done in the
    follow-up, a carried promise was still open in the earlier workshop's count). Counted without going through
    each task where nothing was carried from the workshop: the library counts them all as it appears."""
    entries = list(entries)
    carried = _carried(entries)
    return {
        entry.id: len(entry.open_tasks)
        if (gone := carried.get(entry.id)) is None
        else sum(str(task.id) not in gone for task in entry.open_tasks)
        for entry in entries
    }


TASK_ORDERS = ("place", "due", "who")
"""The orders the responsibilities view offers: by place, by due date (undated last), by owner."""


def sort_tasks(tasks: list[OpenTask], order: str) -> list[OpenTask]:
    """Open tasks in one of :data:`TASK_ORDERS` (``tasks`` as :func:`open_tasks` gives them: by place already)."""
    if order == "place":
        return tasks
    if order == "due":
        return sorted(tasks, key=lambda o: (o.due_order, fold(o.entry.place)))
    return sorted(tasks, key=lambda o: (not o.task.who, fold(o.task.who), o.due_order))


def carried_vision(workshop: Workshop, step_key: str) -> str:
    """The vision to show on ``step_key``: a carried-over one, on the first step of a plan without a vision step
    (a follow-up's plan, whose first hint says to remind the room of it); otherwise nothing."""
    steps = workshop.plan.steps
    if not workshop.vision or steps[0].key != step_key or any(s.kind is StepKind.VISION for s in steps):
        return ""
    return display(workshop.vision, multiline=True)
