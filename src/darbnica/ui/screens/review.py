"""Review mode: a past workshop, step by step, exactly as it was recorded, and nothing on screen can change it.

The workshop is read from its file without taking its lock (reading never needs it), so reviewing a workshop does
not stop anyone else, or the CLI, from continuing it. The screen has no input of any kind; one key resumes the
workshop for editing, which opens it (and locks it) the usual way. Another laptop's workshop in a shared archive is
only ever reviewed here (that laptop writes it): the banner says whose it is, and ``t`` takes it over.
"""

from __future__ import annotations

from datetime import date as Date
from functools import cached_property

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from darbnica.errors import DarbnicaError
from darbnica.model import Step, StepKind, Workshop
from darbnica.share.links import summary_link
from darbnica.summary import build_summary
from darbnica.summary.build import earlier_of
from darbnica.summary.model import Summary
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.dialogs import StepPicker
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.record import record_lines, step_record
from darbnica.ui.widgets.step_header import Question, StepHeader


class ReviewScreen(DarbnicaScreen[None]):
    BINDINGS = [
        # Priority, like on the step screens: a scrolled list must not take the keys that move between steps.
        Binding("pagedown", "step(1)", "key.next_step", priority=True),
        Binding("pageup", "step(-1)", "key.previous_step", priority=True),
        # Priority too: the list of steps is there at once, for a step's number typed right behind Ctrl+G.
        Binding("ctrl+g", "pick_step", "key.steps", priority=True),
        Binding("e", "resume", "key.resume"),
        Binding("t", "take_over", "key.take_over"),
        Binding("s", "summary", "key.summary"),
        # "Close", not "Library": a review opened from the open tasks of all workshops goes back there.
        Binding("escape", "back", "key.close_review"),
        Binding("ctrl+w", "back", "key.close_review", show=False),
    ]

    def __init__(self, workshop: Workshop, step: str | None = None) -> None:
        super().__init__()
        self.workshop = workshop
        self.lang = workshop.lang
        self.step = workshop.plan.step(step) if step else workshop.plan.steps[0]

    def compose(self) -> ComposeResult:
        yield StepHeader(self.workshop, self.step, self.lang)
        yield Static(Content(self.banner), id="review-banner")
        yield Question(self.step, self.lang)
        with VerticalScroll(id="review-body"):
            yield from self.compose_step(self.step)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-body").focus()

    @property
    def foreign(self) -> bool:
        """Another laptop's workshop: read here, written there (until this laptop takes it over)."""
        return not self.app.library.owns(self.workshop)

    @property
    def banner(self) -> str:
        if self.foreign:
            return self.app.t("review.banner_foreign", device=self.workshop.device)
        return self.app.t("review.banner")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Another laptop's workshop offers taking it over, not continuing it (which this laptop cannot write).
        if action == "take_over":
            return self.foreign
        if action == "resume":
            return not self.foreign
        return True

    def action_summary(self) -> None:
        from darbnica.ui.screens.summary_view import SummaryScreen

        link = summary_link(self.app.settings.public_link, self.workshop.id)
        earlier = earlier_of(self.app.library.read, self.workshop)
        self.app.push_screen(SummaryScreen(build_summary(self.workshop, link, earlier, today=Date.today())))

    # -- one step, read only ----------------------------------------------------------------------------------

    @cached_property
    def summary(self) -> Summary:
        """The workshop's summary: the record of each step is drawn from it, as the exports and phones show it."""
        return build_summary(
            self.workshop, earlier=earlier_of(self.app.library.read, self.workshop), today=Date.today()
        )

    def compose_step(self, step: Step) -> ComposeResult:
        section = self.summary.section(step.key)
        lines = step_record(section) if section is not None else []
        if step.kind is StepKind.CONTEXT:
            lines = record_lines(self.summary.intro) + lines
        if not lines:
            yield Static(Content(self.app.t("review.nothing")), classes="review-empty")
            return
        # One list of lines: moved through with the arrows and PgUp/PgDn's neighbours, read only.
        yield OptionList(*(Option(line) for line in lines), classes="review-notes")

    # -- moving -----------------------------------------------------------------------------------------------

    def show_step(self, step: Step) -> None:
        self.step = step
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    def action_step(self, offset: int) -> None:
        steps = self.workshop.plan.steps
        index = steps.index(self.step) + offset
        if 0 <= index < len(steps):
            self.show_step(steps[index])
        else:
            self.notify(self.app.t("step.last" if offset > 0 else "step.first"))

    def action_pick_step(self) -> None:
        def chosen(key: str | None) -> None:
            if key:
                self.show_step(self.workshop.plan.step(key))

        self.app.push_screen(StepPicker(self.workshop.plan, self.step.key, self.lang), chosen)

    def action_resume(self) -> None:
        self.app.open_workshop(self.workshop.id)  # where the room left off, as the library's e does

    def action_take_over(self) -> None:
        from darbnica.ui.screens.manage import ConfirmDialog

        if not self.foreign:
            return
        workshop = self.workshop

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.library.take_over(workshop.id)
                self.workshop = self.app.library.read(workshop.id)
            except DarbnicaError as error:
                self.app.report(error)
                return
            self.notify(self.app.t("review.taken_over", title=workshop.title))
            self.query_one("#review-banner", Static).update(Content(self.banner))
            self.refresh_bindings()

        question = self.app.t("review.take_over_question", title=workshop.title, device=workshop.device)
        dialog = ConfirmDialog(question, self.app.t("review.take_over_confirm"), safe_default=True)
        self.app.push_screen(dialog, confirmed)

    def action_back(self) -> None:
        self.dismiss()
