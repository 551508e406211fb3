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
from darbnica.i18n import Translate, pick
from darbnica.model import Step, StepKind, Workshop
from darbnica.text import display
from darbnica.timing import clock_text
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.note_list import note_prompt
from darbnica.ui.widgets.step_header import Hints, Question, StepHeader

POLL_SECONDS = 0.5


def _lines(items: list[Content]) -> Content:
    return Content("\n").join(items)


def step_content(workshop: Workshop, step: Step, t: Translate) -> Content:
    """Everything the room has produced on one step, as text."""
    lang = workshop.lang
    parts: list[Content] = []
    if step.kind is StepKind.CONTEXT:
        where = " · ".join(display(x) for x in (workshop.place, workshop.date, workshop.facilitator) if x)
        parts.append(Content(where))
        labels = {group.key: pick(group.label, lang) for group in step.groups}
        parts += [Content(f"{display(labels.get(h.group, h.group))}: {h.count}") for h in workshop.headcounts]
        parts.append(Content.styled(t("context.total", count=workshop.people), "bold"))
        level = next((level for level in step.levels if level.key == workshop.engagement), None)
        if level is not None:
            parts.append(Content(f"{t('context.engagement')}: {pick(level.label, lang)}"))
    if step.kind is StepKind.VISION:
        parts.append(Content.styled(t("vision.statement"), "bold $text-secondary"))
        parts.append(Content(display(workshop.vision, multiline=True) or "–"))
        for index, check in enumerate(step.checks):
            parts.append(Content(f"{'[✓]' if index in workshop.vision_checks else '[ ]'} {pick(check, lang)}"))
    if step.kind is StepKind.PRINCIPLES:
        for principle in step.tags:
            rating = workshop.ratings.get(principle.key)
            parts.append(Content(f"{pick(principle.label, lang)}: {rating if rating else '–'}/5"))
    if step.kind is StepKind.ACTIONS:
        for action in workshop.actions:
            cells = [display(x) for x in (action.what, action.who, action.due, action.first_step) if x]
            parts.append(Content(" · ".join([*cells, t(f"status.{action.status.value}")])))
    if step.takes_notes:
        notes = workshop.shown_in(step.key)
        groups = {group.id: group for group in workshop.groups_in(step.key)}
        for group_id, group in groups.items():
            parts.append(Content.styled(f"▸ {display(group.title)}", "bold underline $text-secondary"))
            parts += [note_prompt(n, step, lang, indent="    ") for n in notes if n.group == group_id]
        parts += [note_prompt(n, step, lang) for n in notes if n.group not in groups]
        if not notes:
            parts.append(Content(t("notes.empty")))
    return _lines(parts)


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
            yield Static(step_content(self.workshop, step, self.app.t), id="follow-content")
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
