"""The workshop's rules, in one place for the app, the command line, the summary and the phone server.

What a valid date, dot count or head-count is, what status comes after which, how notes are ranked by their dots,
how a rating reads: screens show these, they never decide them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date

from darbnica.dates import parse_due
from darbnica.errors import InvalidInput
from darbnica.model import RATING_RANGE, Action, Note, Status

MAX_VOTES = 999
"""Dots one note can hold: more than any room can give, few enough to type."""
MAX_HEADCOUNT = 100_000
MAX_BUDGET = 12
"""Dots a phone may have to spend on one step: the facilitator chooses 1–12 (3 unless changed)."""
REF_LIMIT = 40
"""The longest id a phone may give its note (a phone's page makes 22 characters): the room takes no longer one,
the editor writes none, and a workshop file with a longer one is not the app's."""

STATUS_ORDER = tuple(Status)


def next_status(status: Status) -> Status:
    """The status a task gets at the next press of ``s``: planned → in progress → done → dropped → planned."""
    return STATUS_ORDER[(STATUS_ORDER.index(status) + 1) % len(STATUS_ORDER)]


def checked_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD), or empty."""
    value = value.strip()
    if not value:
        return ""
    try:
        if len(value) == 10:
            return Date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise InvalidInput("error.bad_date", value=value)


def due_date(due: str, workshop_date: str) -> Date | None:
    """The day a task's "by when" means ("līdz Jāņiem", "2026-06-01", "rudenī"), counted from the workshop's date
    (or today, for a workshop without one); ``None`` for words that name no day ("kad būs nauda")."""
    try:
        start = Date.fromisoformat(workshop_date)
    except ValueError:
        start = Date.today()
    return parse_due(due, start).date


def overdue(due: str, workshop_date: str, today: Date | None = None) -> bool:
    """Whether the day a task was due by has passed."""
    day = due_date(due, workshop_date) if due.strip() else None
    return day is not None and day < (today or Date.today())


def late(action: Action, workshop_date: str, today: Date | None = None) -> bool:
    """Whether a task is still open and the day it was due by has passed: the tasks marked ⚠."""
    return action.is_open and overdue(action.due, workshop_date, today)


def due_order(due: str, workshop_date: str) -> tuple[bool, str]:
    """Sorts tasks by the day they are due, those with no day last (by what was typed)."""
    day = due_date(due, workshop_date) if due.strip() else None
    return (day is None, day.isoformat() if day else due.casefold())


def checked_number(value: int, high: int, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput("error.bad_number", value=value, low=low, high=high)
    return value


def parse_votes(typed: str) -> int:
    """The dots counted on the wall, as typed: empty is none; anything but a whole number in range is refused."""
    value = typed.strip() or "0"
    if not value.isascii() or not value.isdigit():
        raise InvalidInput("error.bad_number", value=value, low=0, high=MAX_VOTES)
    return checked_number(int(value), MAX_VOTES)


def dots(note: Note) -> int:
    """All the dots a note got: counted on the wall and, when phones vote, given from phones."""
    return note.votes + note.phone_votes


def ranked(notes: Iterable[Note]) -> list[Note]:
    """Most dots first; among equals, the earlier note first."""
    return sorted(notes, key=lambda note: (-dots(note), note.id))


def rating_text(rating: int | None) -> str:
    """A 1–5 rating as the room reads it from afar: ``●●●○○  3/5``; ``○○○○○  –`` when not rated."""
    top = RATING_RANGE.stop - 1
    if rating is None:
        return "○" * top + "  –"
    return "●" * rating + "○" * (top - rating) + f"  {rating}/{top}"
