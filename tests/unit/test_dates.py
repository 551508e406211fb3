"""A deadline as people say it keeps its words and gets the date they mean, counted from the workshop's date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from darbnica.dates import Due, parse_due

WORKSHOP = date(2026, 3, 14)  # a Saturday
"""The workshop's date: what a deadline without a year is counted from."""

LV_MONTHS = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī",
             "oktobrī", "novembrī", "decembrī"]  # fmt: skip
LV_NOMINATIVE = ["janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts", "septembris",
                 "oktobris", "novembris", "decembris"]  # fmt: skip
LV_DATIVE = ["janvārim", "februārim", "martam", "aprīlim", "maijam", "jūnijam", "jūlijam", "augustam", "septembrim",
             "oktobrim", "novembrim", "decembrim"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("līdz Jāņiem", date(2026, 6, 24)),
        ("Jāņi", date(2026, 6, 24)),
        ("uz Jāņiem", date(2026, 6, 24)),
        ("līdz Līgo", date(2026, 6, 23)),
        ("līdz Ziemassvētkiem", date(2026, 12, 24)),
        ("by Christmas", date(2026, 12, 25)),
        ("15. maijs", date(2026, 5, 15)),
        ("15. maijā", date(2026, 5, 15)),
        ("līdz 15. maijam", date(2026, 5, 15)),
        ("15 maijā", date(2026, 5, 15)),
        ("2027. gada 15. maijā", date(2027, 5, 15)),
        ("May 15", date(2026, 5, 15)),
        ("15th of May", date(2026, 5, 15)),
        ("May 15, 2027", date(2027, 5, 15)),
        ("15 May 2027", date(2027, 5, 15)),
        ("2026-06-24", date(2026, 6, 24)),
        ("24.06.2026.", date(2026, 6, 24)),
        ("24.06.", date(2026, 6, 24)),
        ("1.3.", date(2027, 3, 1)),  # this year's is before the workshop
        ("maijā", date(2026, 5, 31)),
        ("in May", date(2026, 5, 31)),
        ("līdz maijam", date(2026, 5, 1)),
        ("by May", date(2026, 5, 1)),
        ("maija sākumā", date(2026, 5, 10)),
        ("maija vidū", date(2026, 5, 20)),
        ("mid-May", date(2026, 5, 20)),
        ("maija beigās", date(2026, 5, 31)),
        ("līdz maija beigām", date(2026, 5, 31)),
        ("end of June", date(2026, 6, 30)),
        ("martā", date(2026, 3, 31)),  # the workshop's own month: still to come
        ("februārī", date(2027, 2, 28)),
        ("rudenī", date(2026, 11, 30)),
        ("šoruden", date(2026, 11, 30)),
        ("in autumn", date(2026, 11, 30)),
        ("fall 2027", date(2027, 11, 30)),
        ("līdz rudenim", date(2026, 9, 1)),
        ("rudens sākumā", date(2026, 9, 30)),
        ("pavasarī", date(2026, 5, 31)),  # it is spring: this one
        ("vasarā", date(2026, 8, 31)),
        ("ziemā", date(2027, 2, 28)),  # this winter is over: the next one, into next year
        ("līdz ziemai", date(2026, 12, 1)),
        ("rīt", date(2026, 3, 15)),
        ("tomorrow", date(2026, 3, 15)),
        ("nākamnedēļ", date(2026, 3, 22)),
        ("next week", date(2026, 3, 22)),
        ("nākammēnes", date(2026, 4, 30)),
        ("pēc 2 nedēļām", date(2026, 3, 28)),
        ("in 10 days", date(2026, 3, 24)),
        ("pēc mēneša", date(2026, 4, 14)),
        ("līdz piektdienai", date(2026, 3, 20)),
        ("by Saturday", date(2026, 3, 21)),  # the workshop is on a Saturday: the next one
        ("gada beigās", date(2026, 12, 31)),
        ("līdz gada beigām", date(2026, 12, 31)),
        ("end of the year", date(2026, 12, 31)),
        ("no 1. līdz 15. maijam", date(2026, 5, 15)),  # a span: its end
    ],
)
def test_the_ways_people_say_a_date(typed: str, meant: date) -> None:
    assert parse_due(typed, WORKSHOP) == Due(typed, meant)


@pytest.mark.parametrize(
    "typed", ["", "kad būs nauda", "ASAP", "drīz", "2026-02-30", "31. februārī", "31.02.", "novadā", "augstāk"]
)
def test_words_without_a_date_keep_their_text_and_no_date(typed: str) -> None:
    assert parse_due(typed, WORKSHOP) == Due(typed, None)


def test_a_winter_deadline_said_in_winter_is_this_winter() -> None:
    assert parse_due("ziemā", date(2026, 1, 10)).date == date(2026, 2, 28)
    assert parse_due("ziemā", date(2027, 12, 5)).date == date(2028, 2, 29)  # a leap year


def test_a_workshop_in_december_points_a_month_to_next_year() -> None:
    assert parse_due("nākammēnes", date(2026, 12, 10)).date == date(2027, 1, 31)
    assert parse_due("maijā", date(2026, 12, 10)).date == date(2027, 5, 31)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days, days)
def test_a_day_written_with_its_year_is_that_day(day: date, today: date) -> None:
    m = day.month - 1
    for typed in (
        day.isoformat(),
        f"{day.day}.{day.month:02}.{day.year}.",
        f"{day.day}. {LV_MONTHS[m]} {day.year}",
        f"{day.year}. gada {day.day}. {LV_MONTHS[m]}",
        f"līdz {day.year}. gada {day.day}. {LV_DATIVE[m]}",
        f"{EN_MONTHS[m]} {day.day}, {day.year}",
        f"{day.day} {EN_MONTHS[m][:3]}. {day.year}",
    ):
        assert parse_due(typed, today).date == day, typed


@given(days, st.integers(min_value=0, max_value=364))
def test_a_day_without_a_year_is_the_next_such_day(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    if (day.month, day.day) == (2, 29):
        return  # the next 29 February may be years away; the year after is tried, not every year
    m = day.month - 1
    for typed in (f"{day.day}. {LV_NOMINATIVE[m]}", f"līdz {day.day}. {LV_DATIVE[m]}", f"{EN_MONTHS[m]} {day.day}"):
        assert parse_due(typed, today).date == day, typed


@given(st.text(max_size=60), days)
def test_any_text_is_kept_and_never_refused(typed: str, today: date) -> None:
    due = parse_due(typed, today)
    assert due.text == typed
    assert due.date is None or isinstance(due.date, date)
