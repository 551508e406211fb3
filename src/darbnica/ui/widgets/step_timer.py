"""The step timer on screen: a big countdown, coloured by how much time is left, and what the keys do."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Digits, Static

from darbnica.timing import Phase, StepClock, shown_text
from darbnica.ui.access import InDarbnica

TICK_SECONDS = 0.5


class StepTimer(InDarbnica, Vertical):
    """Shows one step's :class:`~darbnica.timing.StepClock`; the screen's keys start, pause and change it."""

    @dataclass
    class MinutePassed(Message):
        """Another whole minute was spent on the step: time to record it, so a crash loses less than a minute."""

    def __init__(self, clock: StepClock) -> None:
        super().__init__(id="timer")
        self.clock = clock
        self._minute = clock.elapsed // 60

    def compose(self) -> ComposeResult:
        yield Digits(shown_text(self.clock), id="timer-digits")
        yield Static(id="timer-state")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(TICK_SECONDS, self.show)

    def show(self) -> None:
        """Show the clock as it is now (called every half second, and after every key)."""
        self.query_one(Digits).update(shown_text(self.clock))
        if self.clock.elapsed // 60 != self._minute:
            self._minute = self.clock.elapsed // 60
            self.post_message(self.MinutePassed())
        phase = self.clock.phase
        for name in Phase:
            self.set_class(phase is name, f"-{name.value}")
        self.set_class(not self.clock.running, "-paused")
        state = "timer.running" if self.clock.running else "timer.idle" if phase is Phase.IDLE else "timer.paused"
        self.query_one("#timer-state", Static).update(Content(self.app.t(state)))
