"""The step timer counts down the planned minutes, warns, then counts the overrun; time is moved by hand."""

from __future__ import annotations

from darbnica.timing import Phase, StepClock, clock_text, shown_text


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_counts_down_warns_at_a_fifth_left_then_counts_the_overrun() -> None:
    clock = Clock()
    timer = StepClock(10, clock)
    assert (timer.phase, shown_text(timer)) == (Phase.IDLE, "10:00")
    timer.start()
    clock.now += 7 * 60 + 59
    assert (timer.phase, shown_text(timer)) == (Phase.RUNNING, "02:01")
    clock.now += 1  # 2 of 10 minutes left: 20 %
    assert (timer.phase, shown_text(timer)) == (Phase.WARNING, "02:00")
    clock.now += 120
    assert (timer.phase, shown_text(timer)) == (Phase.ALERT, "00:00")
    clock.now += 192
    assert (timer.phase, shown_text(timer), timer.elapsed) == (Phase.ALERT, "+03:12", 792)
    assert timer.running  # it never stops or moves on by itself


def test_pause_keeps_the_time_spent_and_a_minute_more_extends_the_plan() -> None:
    clock = Clock()
    timer = StepClock(5, clock, spent=60)  # an earlier visit took a minute
    timer.toggle()
    clock.now += 30
    timer.toggle()
    clock.now += 600  # paused: this does not count
    assert (timer.running, timer.elapsed, shown_text(timer)) == (False, 90, "03:30")
    timer.add_minute()
    assert (timer.remaining, timer.elapsed) == (270, 90)
    timer.reset(5)
    assert (timer.phase, timer.elapsed, shown_text(timer)) == (Phase.IDLE, 0, "05:00")


def test_a_step_planned_without_minutes_counts_up() -> None:
    clock = Clock()
    timer = StepClock(0, clock)
    timer.start()
    clock.now += 75
    assert (timer.phase, shown_text(timer)) == (Phase.RUNNING, "01:15")


def test_clock_text() -> None:
    shown = [clock_text(s) for s in (0, 59, 61, -5, 3900, -3900)]
    assert shown == ["00:00", "00:59", "01:01", "+00:05", "1:05:00", "+1:05:00"]
