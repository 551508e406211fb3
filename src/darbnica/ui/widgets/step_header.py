"""The top of a step screen: where we are in the workshop, the question to the room, the facilitator's hints."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from darbnica.i18n import pick
from darbnica.model import Step, Workshop
from darbnica.text import display
from darbnica.ui.widgets.big_text import block_lines, fit_block_lines
from darbnica.ui.widgets.top_sizes import BIG_SHARE, top_sizes


def step_bar(workshop: Workshop, current: Step, lang: str, width: int) -> Content:
    """All steps in order with the current one stressed, so the room sees where it is in the workshop.

    Where all the titles do not fit, only the current one is shown, with its number out of how many.
    """
    steps = workshop.plan.steps
    parts: list[Content] = []
    for number, step in enumerate(steps, 1):
        label = f" {number} {pick(step.title, lang)} "
        parts.append(Content.styled(label, "bold reverse" if step.key == current.key else "$text-muted"))
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

    def show(self, workshop: Workshop) -> None:
        """Follow the workshop's title, place and date as they are typed (or undone)."""
        shown = (self.workshop.title, self.workshop.place, self.workshop.date)
        self.workshop = workshop
        if (workshop.title, workshop.place, workshop.date) != shown:
            self.refresh()

    def render(self) -> Content:
        width = self.size.width
        where = " · ".join(display(x) for x in (self.workshop.title, self.workshop.place) if x)
        # The date whole (ten cells) where the line is too long: the title and place give way, cut off at their end.
        day = f" · {self.workshop.date}" if self.workshop.date and where else self.workshop.date
        if width > 2 * len(day):
            where = Content(where).truncate(width - len(day), ellipsis=True).plain
        title = Content.styled(where + day, "bold").truncate(width, ellipsis=True)
        return Content("\n").join([title, step_bar(self.workshop, self.step, self.lang, width)])


class Question(Widget):
    """The question put to the room: the largest thing on the screen.

    With room to spare it is drawn in block letters, the larger the screen the larger (:mod:`.top_sizes`), beside
    the step timer when it has one; on a small screen, or if it has a character the block letters cannot draw, it
    is ordinary bold text.
    """

    def __init__(self, step: Step, lang: str, *, beside_timer: bool = False) -> None:
        super().__init__(id="question")
        self.text = display(pick(step.question, lang))
        self.beside_timer = beside_timer

    def big(self, width: int, screen_width: int, screen_height: int) -> tuple[str, ...] | None:
        budget = int(screen_height * BIG_SHARE)
        if self.beside_timer:  # the size the timer beside it was drawn for
            scale = top_sizes(self.text, screen_width, screen_height).question
            if scale is None:
                return None
            rows = block_lines(self.text, width, scale)
            if rows is not None and len(rows) <= budget:
                return rows
            fitted = fit_block_lines(self.text, width, budget, largest=scale)
        else:
            fitted = fit_block_lines(self.text, width, budget)
        return fitted[0] if fitted is not None else None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows = self.big(width, viewport.width, viewport.height)
        return len(rows) if rows is not None else super().get_content_height(container, viewport, width)

    def render(self) -> Content:
        rows = self.big(self.content_size.width, self.app.size.width, self.app.size.height)
        self.set_class(rows is not None, "-big")
        return Content(self.text) if rows is None else Content("\n".join(rows))


class Hints(VerticalScroll, can_focus=False):
    """Facilitator hints; hidden with one key so the projector shows only what the room needs.

    On a small screen they get a few rows and scroll (with the mouse wheel) rather than being cut off.
    """

    def __init__(self, step: Step, lang: str) -> None:
        super().__init__(id="hints")
        self.lines = pick(step.hints, lang) if step.hints else ()
        self.set_class(not self.lines, "-empty")  # a class, not display: the view state's classes hide it too

    def compose(self) -> ComposeResult:
        yield Static(Content("\n").join(Content(f"• {display(line)}") for line in self.lines))
