"""The step timer on screen: a big countdown, coloured by how much time is left, and what the keys do.

Its digits grow with the screen beside the question and never beyond it (:mod:`.top_sizes`): block digits, thin
3×3 ones, or, where the question itself is ordinary text (80×24), one line of bold text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.digits import Digits
from textual.widget import Widget
from textual.widgets import Static

from darbnica.timing import Phase, StepClock, shown_text
from darbnica.ui.access import InDarbnica
from darbnica.ui.widgets.big_text import block_lines
from darbnica.ui.widgets.top_sizes import WIDEST_TIME, TimerLook, top_sizes

TICK_SECONDS = 0.5


class TimerDigits(Widget):
    """The time left (or over), as large as the top of the screen allows."""

    value: reactive[str] = reactive("")

    def __init__(self, value: str, question: str) -> None:
        super().__init__(id="timer-digits")
        self.question = question
        self.set_reactive(TimerDigits.value, value)

    def update(self, value: str) -> None:
        # The layout only when the width may change ("+" once over time, hours): not at every second's tick.
        if len(value) != len(self.value):
            self.refresh(layout=True)
        self.value = value

    @property
    def look(self) -> TimerLook:
        return top_sizes(self.question, self.app.size.width, self.app.size.height).timer

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(self.look.width, len(self.value))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.look.rows

    def render(self) -> RenderableType:
        look = self.look
        if look.kind == "block":
            rows = block_lines.__wrapped__(self.value, 10_000, look.scale)  # not kept: a new time every second
            if rows is not None:
                width = max(look.width, len(rows[0]))
                return Content("\n".join(row.rjust(width) for row in rows))
        if look.kind == "thin":
            return Digits(self.value.rjust(len(WIDEST_TIME)), self.rich_style)
        return Content.styled(self.value.center(look.width), "bold")


class StepTimer(InDarbnica, Vertical):
    """Shows one step's :class:`~darbnica.timing.StepClock`; the screen's keys start, pause and change it."""

    @dataclass
    class MinutePassed(Message):
        """Another whole minute was spent on the step: time to record it, so a crash loses less than a minute."""

    def __init__(self, clock: StepClock, question: str = "") -> None:
        super().__init__(id="timer")
        self.clock = clock
        self.question = question
        self._minute = clock.elapsed // 60
        self._state: str | None = None

    def compose(self) -> ComposeResult:
        yield TimerDigits(shown_text(self.clock), self.question)
        yield Static(id="timer-state")

    def on_mount(self) -> None:
        self.show()
        self._tick = self.set_interval(TICK_SECONDS, self.show)

    def ticking(self, ticking: bool) -> None:
        """Tick (every half second), or not, while its step's screen is put away; shown as it is now when resumed."""
        if ticking:
            self.show()
            self._tick.resume()
        else:
            self._tick.pause()

    def show(self) -> None:
        """Show the clock as it is now (called every half second, and after every key)."""
        self.query_one(TimerDigits).update(shown_text(self.clock))
        if self.clock.elapsed // 60 != self._minute:
            self._minute = self.clock.elapsed // 60
            self.post_message(self.MinutePassed())
        phase = self.clock.phase
        for name in Phase:
            self.set_class(phase is name, f"-{name.value}")
        self.set_class(not self.clock.running, "-paused")
        state = "timer.running" if self.clock.running else "timer.idle" if phase is Phase.IDLE else "timer.paused"
        if state != self._state:  # an update lays the whole screen out again: not every half second, for nothing
            self._state = state
            self.query_one("#timer-state", Static).update(Content(self.app.t(state)))
