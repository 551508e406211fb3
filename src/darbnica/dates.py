"""A deadline as people say it: "līdz Jāņiem", "15. maijā", "rudenī", "May 15", "end of June", "2026-06-24".

What was typed is kept as it is; :func:`parse_due` adds the date it means when one can be had, for sorting and for
marking what is overdue. The date is the one the words point at, counted from the workshop's date (``today``):

- a day ("15. maijā", "15. maijs", "līdz 15. maijam", "May 15", "15 May 2027", "15.05.2027.", "2027-05-15") is that
  day; without a year, the first such day on or after ``today``;
- a month ("maijā", "in May") or a season ("rudenī", "šoruden", "in autumn") is its last day, since a task due
  then may take all of it; "līdz"/"by"/"before" a month or a season is its first day; its "sākumā"/"beginning"
  the 10th, "vidū"/"mid" the 20th and "beigās"/"end" the last day (for a season: the end of its first, middle
  and last month). Seasons are the meteorological ones: spring March–May, summer June–August, autumn
  September–November, winter December–February;
- named days: Jāņi 24 June, Līgo 23 June, Ziemassvētki 24 December (Christmas 25 December);
- a weekday ("līdz piektdienai", "by Friday") is the next one after ``today``;
- "rīt", "tomorrow", "nākamnedēļ", "next week" (its Sunday), "nākammēnes", "next month" (its last day), "šogad",
  "gada beigās", "end of the year" (31 December), "pēc 2 nedēļām", "in 10 days".

Anything else ("kad būs nauda", "ASAP") keeps its text and has no date. Nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from darbnica.text import fold


@dataclass(frozen=True)
class Due:
    text: str
    """As typed."""
    date: date | None
    """The day the text means, if it can be told."""


def parse_due(text: str, today: date) -> Due:
    """``text`` with the date it means, counted from ``today`` (the workshop's date); see the module's notes."""
    return Due(text, _date(fold(text), today))


# -- words ---------------------------------------------------------------------------------------------------------

_MONTHS = (
    ("janvaris janvari janvarim janvara", "january"),
    ("februaris februari februarim februara", "february"),
    ("marts marta martam", "march"),
    ("aprilis aprili aprilim aprila", "april"),
    ("maijs maija maijam", "may"),
    ("junijs junija junijam", "june"),
    ("julijs julija julijam", "july"),
    ("augusts augusta augustam", "august"),
    ("septembris septembri septembrim septembra", "september"),
    ("oktobris oktobri oktobrim oktobra", "october"),
    ("novembris novembri novembrim novembra", "november"),
    ("decembris decembri decembrim decembra", "december"),
)
"""Each month's Latvian forms (nominative, locative, dative, genitive) and English name, without diacritics: a
word names a month when it is one of them or the start of one, three letters at least ("sept.", "aug")."""

_SEASONS = {
    **{"pavasar": 3, "vasar": 6, "ruden": 9, "ziem": 12},
    **{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12},
}
"""A season's word stem ("rudenī", "šoruden", "līdz rudenim") → its first month."""

_DAYS = {
    (6, 24): ("jani", "janos", "janiem", "janu", "janus", "midsummer"),
    (6, 23): ("ligo", "ligovakars", "ligovakara", "ligovakaram"),
    (12, 24): ("ziemassvetki", "ziemassvetkos", "ziemassvetkiem", "ziemassvetku"),
    (12, 25): ("christmas", "xmas"),
}

_WEEKDAYS = (
    ("pirmdien", "monday"),
    ("otrdien", "tuesday"),
    ("tresdien", "wednesday"),
    ("ceturtdien", "thursday"),
    ("piektdien", "friday"),
    ("sestdien", "saturday"),
    ("svetdien", "sunday"),
)

_BY = {"lidz", "pirms", "uz", "by", "before", "until", "till"}
_START = {"sakuma", "sakums", "sakumam", "beginning", "start", "early"}
_MIDDLE = {"vidu", "vidus", "mid", "middle"}
_END = {"beigas", "beigam", "beigu", "end", "late"}

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(?:(\d{4})\b)?")  # 15.05.2027. or 15.05.
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?([a-z]+)")
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\.\d)")
_AFTER = re.compile(r"\b(?:pec|in)\s+(\d{1,3}|a|an|vienas|viena)?\s*(dien|nedel|menes|day|week|month)")
_WORD = re.compile(r"[a-z]+")


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3 or word in _DAYS[(6, 24)]:
        return None
    found = {n for n, (lv, en) in enumerate(_MONTHS, 1) for form in (*lv.split(), en) if form.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _days_in(year: int, month: int) -> int:
    # The day before the next month's first (the calendar module would be loaded with every workshop for this).
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


def _last(year: int, month: int) -> date:
    return date(year, month, _days_in(year, month))


def plus_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of that month where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _days_in(year, month)))


def _next(make: Callable[[int], date | None], today: date, year: int | None) -> date | None:
    """``make(year)`` for the year given; without one, the first of last, this and next year's on or after today."""
    if year is not None:
        return make(year)
    for candidate in (today.year - 1, today.year, today.year + 1):
        found = make(candidate)
        if found is not None and found >= today:
            return found
    return None


# -- reading -------------------------------------------------------------------------------------------------------


def _date(text: str, today: date) -> date | None:
    if match := _ISO.search(text):
        return _safe(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.search(text):
        day, month = int(match[1]), int(match[2])
        return _next(lambda y: _safe(y, month, day), today, int(match[3]) if match[3] else None)
    year_match = _YEAR.search(text)
    year = int(year_match[1]) if year_match else None
    words = _WORD.findall(text)
    try:
        for reader in (_after, _day_and_month, _named_day, _weekday, _month_or_season, _relative):
            found = reader(text, words, today, year)
            if found is not None:
                return found
    except _NoSuchDay:  # "31. februārī": a day was meant, and there is none to sort by
        return None
    return None


class _NoSuchDay(Exception):
    pass


def _after(text: str, words: list[str], today: date, year: int | None) -> date | None:
    """ "pēc 2 nedēļām", "in 10 days", "pēc mēneša", "in a week"."""
    match = _AFTER.search(text)
    if match is None:
        return None
    count = int(match[1]) if match[1] and match[1].isdigit() else 1
    unit = match[2]
    if unit in ("dien", "day"):
        return today + timedelta(days=count)
    if unit in ("nedel", "week"):
        return today + timedelta(weeks=count)
    return plus_months(today, count)


def _day_and_month(text: str, words: list[str], today: date, year: int | None) -> date | None:
    """ "15. maijā", "līdz 15. maijam", "15th of May", "May 15"; the last one said, as in "no 1. līdz 15. maijam"."""
    found: list[tuple[int, int, int]] = []  # (where, month, day)
    for match in _DAY_MONTH.finditer(text):
        month = _month(match[2])
        if month is not None:
            found.append((match.start(), month, int(match[1])))
    for match in _MONTH_DAY.finditer(text):
        month = _month(match[1])
        if month is not None:
            found.append((match.start(), month, int(match[2])))
    if not found:
        return None
    _, month, day = max(found)
    if _safe(2000, month, day) is None:  # 2000 was a leap year: no year has this day
        raise _NoSuchDay
    return _next(lambda y: _safe(y, month, day), today, year)


def _named_day(text: str, words: list[str], today: date, year: int | None) -> date | None:
    found = next((day for day, names in _DAYS.items() if any(word in names for word in words)), None)
    if found is None:
        return None
    month, day = found
    return _next(lambda y: date(y, month, day), today, year)


def _weekday(text: str, words: list[str], today: date, year: int | None) -> date | None:
    for number, (lv, en) in enumerate(_WEEKDAYS):
        if any(word.startswith(lv) or word == en for word in words):
            return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return None


def _month_or_season(text: str, words: list[str], today: date, year: int | None) -> date | None:
    """A month or a season, at its end unless the words say "by" (its start) or which part of it."""
    found = next(((i, m) for i, m in enumerate(map(_months_of, words)) if m is not None), None)
    if found is None:
        return None
    index, months = found
    said = set(words)
    spans_new_year = months[2] < months[0]  # winter: December to February

    def at(y: int) -> date:
        end_year = y + 1 if spans_new_year else y
        if said & _START:
            return _last(y, months[0]) if months[0] != months[2] else date(y, months[0], 10)
        if said & _MIDDLE:
            middle_year = y + 1 if spans_new_year and months[1] < months[0] else y
            return _last(middle_year, months[1]) if months[0] != months[2] else date(y, months[0], 20)
        if said & _END:
            return _last(end_year, months[2])
        if set(words[:index]) & _BY:
            return date(y, months[0], 1)
        return _last(end_year, months[2])

    return _next(at, today, year)


def _months_of(word: str) -> tuple[int, int, int] | None:
    """The first, middle and last month a month's or a season's word names."""
    month = _month(word)
    if month is not None:
        return (month, month, month)
    base = word.removeprefix("so").removeprefix("nakam")  # "šoruden" (this autumn), "nākamruden"
    stem = next((s for s in _SEASONS if base.startswith(s)), None)
    if stem is None:
        return None
    first = _SEASONS[stem]
    return (first, first % 12 + 1, (first + 1) % 12 + 1)


def _relative(text: str, words: list[str], today: date, year: int | None) -> date | None:
    """Tomorrow, this or next week, month or year, the end of the year."""
    said = set(words)
    sunday = today + timedelta(days=6 - today.weekday())
    if said & {"rit", "tomorrow"}:
        return today + timedelta(days=1)
    if "parit" in said:
        return today + timedelta(days=2)
    if said & {"sodien", "today"}:
        return today
    if "nakamnedel" in said or ("next" in said and "week" in said) or {"nakamaja", "nedela"} <= said:
        return sunday + timedelta(weeks=1)
    if said & {"sonedel", "sonedelu"} or {"this", "week"} <= said:
        return sunday
    if "nakammenes" in said or {"next", "month"} <= said or {"nakamaja", "menesi"} <= said:
        following = plus_months(today.replace(day=1), 1)
        return _last(following.year, following.month)
    if said & {"somenes"} or {"this", "month"} <= said:
        return _last(today.year, today.month)
    if "nakamgad" in said or {"next", "year"} <= said or {"nakamaja", "gada"} <= said:
        return date(today.year + 1, 12, 31)
    if "sogad" in said or {"gada", "beigas"} <= said or {"gada", "beigam"} <= said or {"end", "year"} <= said:
        return date(year or today.year, 12, 31)
    return None
