"""The facilitator's second screen: the same workshop, read-only, following the app on the projector.

``darbnica open WORKSHOP --follow`` shows the step the room is on with its hints and everything collected so far.
It never takes the workshop's lock: it reads the file (``Library.read``) whenever it changed, which the one writer's
atomic replacement makes safe, and shows what it read.

A change is seen by the file's inode, modification time and size (the atomic replacement gives it a new inode). A
file system with a coarse clock (FAT on a USB stick: 2 s) can give the next write the same time, and moving to a
step with a name as long leaves the size as it was: so for a few seconds after a change, while another write could
hide in the same tick, the file's bytes are compared as well. Otherwise the follower would show the step the room
left until the next change.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date as Date
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
from darbnica.ui.widgets.record import Line, RecordText, record_lines, step_record
from darbnica.ui.widgets.step_header import Hints, Question, StepHeader

POLL_SECONDS = 0.5
SAME_TICK_SECONDS = 3.0
"""How long after a change the bytes are compared too: longer than the coarsest file clock in use (FAT's 2 s)."""

Stamp = tuple[int, int, int]


def step_content(workshop: Workshop, step: Step, earlier: Earlier | None = None) -> list[Line]:
    """Everything the room has produced on one step, as the review and the summary show it."""
    summary = build_summary(workshop, earlier=earlier, today=Date.today())
    section = summary.section(step.key)
    lines = step_record(section) if section is not None else []
    if step.kind is StepKind.CONTEXT:
        lines = record_lines(summary.intro) + lines
    return lines


class FollowScreen(DarbnicaScreen[None]):
    """Read-only: shows the workshop's current step and follows every change another darbnica writes."""

    def __init__(self, workshop_id: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.path = self.app.library.path_of(workshop_id)
        self.seen = self._stamp()  # before reading: a write in between is then seen as a change, not lost
        self.digest = self._digest()
        self.changed_at = time.monotonic()
        self.workshop = self.app.library.read(workshop_id)

    def _stamp(self) -> Stamp:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return (0, 0, 0)
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _digest(self) -> bytes:
        try:
            return hashlib.blake2b(self.path.read_bytes(), digest_size=16).digest()
        except OSError:
            return b""

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
            yield RecordText(step_content(self.workshop, step, earlier), id="follow-content")
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
            if time.monotonic() - self.changed_at > SAME_TICK_SECONDS:
                return
            digest = self._digest()
            if digest == self.digest:
                return
        else:
            digest = self._digest()
        self.seen, self.digest, self.changed_at = stamp, digest, time.monotonic()
        try:
            self.workshop = self.app.library.read(self.workshop_id)
        except DarbnicaError as error:
            self.app.report(error)
            return
        await self.recompose()
        self.query_one("#follow-body").scroll_end(animate=False)  # the newest note is last
