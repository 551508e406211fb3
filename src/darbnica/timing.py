"""The step timer: counts down a step's planned minutes, then counts the overrun. It never moves on by itself.

The clock is passed in (``time.monotonic`` in the app, a fake one in tests), so nothing here sleeps or reads the
wall clock, and a test can move time forward by any amount.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

Clock = Callable[[], float]


def now() -> str:
    """The local time as stored with a note or a task: ISO 8601 to the second, with its offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


WARNING_SHARE = 0.2
"""The timer warns when this share of the planned time is left."""


class Phase(StrEnum):
    IDLE = "idle"  # not started
    RUNNING = "running"
    WARNING = "warning"  # 20 % or less of the planned time left
    ALERT = "alert"  # the planned time is used up: counting the overrun


class StepClock:
    """Time spent on one step: what earlier visits took, plus the current run while it is running."""

    def __init__(self, minutes: int, clock: Clock, spent: int = 0) -> None:
        self.planned = max(0, minutes) * 60
        self._clock = clock
        self._spent = float(spent)
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> int:
        """Whole seconds spent on the step so far."""
        current = self._clock() - self._since if self._since is not None else 0.0
        return int(self._spent + current)

    @property
    def remaining(self) -> int:
        """Seconds left of the planned time; negative once it is over."""
        return self.planned - self.elapsed

    @property
    def phase(self) -> Phase:
        if self.planned and self.remaining <= 0:
            return Phase.ALERT
        if self.planned and self.remaining <= self.planned * WARNING_SHARE:
            return Phase.WARNING
        if not self.running and not self.elapsed:
            return Phase.IDLE
        return Phase.RUNNING

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._spent += self._clock() - self._since
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def add_minute(self) -> None:
        """One more minute for this step (the room needs it); the time spent is unchanged."""
        self.planned += 60

    def reset(self, minutes: int) -> None:
        """Back to the planned minutes, nothing spent, stopped."""
        self.planned = max(0, minutes) * 60
        self._spent = 0.0
        self._since = None


def clock_text(seconds: int) -> str:
    """``25:00`` counting down; ``+03:12`` once over; hours when needed (``1:05:00``)."""
    sign = "+" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes:02d}:{secs:02d}"


def shown_text(step_clock: StepClock) -> str:
    """What the big display shows: the time left, then the overrun; a step planned without minutes counts up."""
    return clock_text(step_clock.remaining if step_clock.planned else step_clock.elapsed)
