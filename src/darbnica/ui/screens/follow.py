"""The facilitator's second screen: the same workshop, read-only, following the app on the projector.

``darbnica open WORKSHOP --follow`` shows the step the room is on with its hints and everything collected so far.
It never takes the workshop's lock: it reads the file (``Library.read``) whenever its modification time or size
changes, which the one writer's atomic replacement makes safe, and shows what it read.
"""

from __future__ import annotations

import os
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from darbnica.errors import DarbnicaError
from darbnica.model import Step, StepKind, Workshop
from darbnica.summary import build_summary
from darbnica.summary.build import Earlier, earlier_of
from darbnica.timing import clock_text
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.record import record_lines, step_record
from darbnica.ui.widgets.step_header import Hints, Question, StepHeader

POLL_SECONDS = 0.5


def step_content(workshop: Workshop, step: Step, earlier: Earlier | None = None) -> Content:
    """Everything the room has produced on one step, as the review and the summary show it."""
    summary = build_summary(workshop, earlier=earlier)
    section = summary.section(step.key)
    lines = step_record(section) if section is not None else []
    if step.kind is StepKind.CONTEXT:
        lines = record_lines(summary.intro) + lines
    return Content("\n").join(lines)


class FollowScreen(DarbnicaScreen[None]):
    """Read-only: shows the workshop's current step and follows every change another darbnica writes."""

    def __init__(self, workshop_id: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.path = self.app.library.path_of(workshop_id)
        self.workshop = self.app.library.read(workshop_id)
        self.seen = self._stamp()

    def _stamp(self) -> tuple[int, int]:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    @property
    def step(self) -> Step:
        plan = self.workshop.plan
        keys = [s.key for s in plan.steps]
        return plan.step(self.workshop.current_step if self.workshop.current_step in keys else keys[0])

    def compose(self) -> ComposeResult:
        step = self.step
        yield StepHeader(self.workshop, step, self.workshop.lang)
        yield Question(step, self.workshop.lang)
        yield Hints(step, self.workshop.lang)
        with VerticalScroll(id="follow-body"):
            earlier = earlier_of(self.app.library.read, self.workshop)
            yield Static(step_content(self.workshop, step, earlier), id="follow-content")
        yield Static(self._status(), id="follow-status")
        yield KeyFooter()

    def _status(self) -> Content:
        step = self.step
        spent = self.workshop.step_seconds.get(step.key, 0)
        timer = self.app.t("follow.time", spent=clock_text(spent), planned=step.minutes)
        status = self.app.t("follow.status", id=self.workshop_id, time=f"{datetime.now():%H:%M:%S}")
        return Content.assemble((status, "bold"), "   ", timer)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check)

    async def check(self) -> None:
        """Read the workshop again if its file changed since the last look."""
        stamp = self._stamp()
        if stamp == self.seen:
            return
        self.seen = stamp
        try:
            self.workshop = self.app.library.read(self.workshop_id)
        except DarbnicaError as error:
            self.app.report(error)
            return
        await self.recompose()
        self.query_one("#follow-body").scroll_end(animate=False)  # the newest note is last
