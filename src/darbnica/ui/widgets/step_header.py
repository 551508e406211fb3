"""The top of a step screen: where we are in the workshop, the question to the room, the facilitator's hints."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from darbnica.i18n import pick
from darbnica.model import Step, Workshop
from darbnica.text import display


def step_bar(workshop: Workshop, current: Step, lang: str, width: int) -> Content:
    """All steps in order with the current one stressed, so the room sees where it is in the workshop.

    Where all the titles do not fit, only the current one is shown, with its number out of how many.
    """
    steps = workshop.plan.steps
    parts: list[Content] = []
    for number, step in enumerate(steps, 1):
        label = f" {number} {pick(step.title, lang)} "
        parts.append(Content.styled(label, "bold reverse" if step.key == current.key else "dim"))
    bar = Content("").join(parts)
    if bar.cell_length <= width:
        return bar
    number = steps.index(current) + 1
    return Content.styled(f" {number}/{len(steps)} {pick(current.title, lang)} ", "bold reverse")


class StepHeader(Widget):
    """Two lines: the workshop (title · place · date) and the steps."""

    def __init__(self, workshop: Workshop, step: Step, lang: str) -> None:
        super().__init__(id="step-header")
        self.workshop = workshop
        self.step = step
        self.lang = lang

    def render(self) -> Content:
        width = self.size.width
        where = " · ".join(display(x) for x in (self.workshop.title, self.workshop.place, self.workshop.date) if x)
        title = Content.styled(where, "bold").truncate(width, ellipsis=True)
        return Content("\n").join([title, step_bar(self.workshop, self.step, self.lang, width)])


class Question(Static):
    """The question put to the room: the largest thing on the screen."""

    def __init__(self, step: Step, lang: str) -> None:
        super().__init__(Content(display(pick(step.question, lang))), id="question")


class Hints(Static):
    """Facilitator hints; hidden with one key so the projector shows only what the room needs."""

    def __init__(self, step: Step, lang: str) -> None:
        lines = pick(step.hints, lang) if step.hints else ()
        super().__init__(Content("\n").join(Content(f"• {display(line)}") for line in lines), id="hints")
        self.display = bool(lines)
