"""Review mode: a past workshop, step by step, exactly as it was recorded, and nothing on screen can change it.

The workshop is read from its file without taking its lock (reading never needs it), so reviewing a workshop does
not stop anyone else, or the CLI, from continuing it. The screen has no input of any kind; one key resumes the
workshop for editing, which opens it (and locks it) the usual way.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from darbnica.errors import DarbnicaError
from darbnica.followup import progress
from darbnica.i18n import pick
from darbnica.model import Step, StepKind, Workshop
from darbnica.rules import dots, ranked, rating_text
from darbnica.text import display
from darbnica.ui.screens.actions import FIELDS as ACTION_FIELDS
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.dialogs import StepPicker
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.note_list import note_prompt
from darbnica.ui.widgets.step_header import Question, StepHeader


class ReviewScreen(DarbnicaScreen[None]):
    BINDINGS = [
        # Priority, like on the step screens: a scrolled list must not take the keys that move between steps.
        Binding("pagedown", "step(1)", "key.next_step", priority=True),
        Binding("pageup", "step(-1)", "key.previous_step", priority=True),
        Binding("ctrl+g", "pick_step", "key.steps"),
        Binding("e", "resume", "key.resume"),
        Binding("s", "summary", "key.summary"),
        Binding("escape", "back", "key.back_to_library"),
        Binding("ctrl+w", "back", "key.back_to_library", show=False),
    ]

    def __init__(self, workshop: Workshop, step: str | None = None) -> None:
        super().__init__()
        self.workshop = workshop
        self.lang = workshop.lang
        self.step = workshop.plan.step(step) if step else workshop.plan.steps[0]

    def compose(self) -> ComposeResult:
        yield StepHeader(self.workshop, self.step, self.lang)
        yield Static(Content(self.app.t("review.banner")), id="review-banner")
        yield Question(self.step, self.lang)
        with VerticalScroll(id="review-body"):
            yield from self.compose_step(self.step)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-body").focus()

    def action_summary(self) -> None:
        from darbnica.ui.screens.summary_view import SummaryScreen

        self.app.push_screen(SummaryScreen(self.workshop))

    # -- one step, read only ----------------------------------------------------------------------------------

    def compose_step(self, step: Step) -> ComposeResult:
        if step.kind is StepKind.CONTEXT:
            yield from self.context(step)
        elif step.kind is StepKind.VISION:
            yield from self.vision(step)
        elif step.kind is StepKind.PRINCIPLES:
            yield from self.principles(step)
        elif step.kind is StepKind.ACTIONS:
            yield from self.actions()
        if step.takes_notes:
            yield from self.notes(step)

    def section(self, key: str, **params: object) -> Label:
        return Label(Content(self.app.t(key, **params)), classes="section")

    def context(self, step: Step) -> ComposeResult:
        t, w = self.app.t, self.workshop
        rows = [(t(f"context.{name}"), str(getattr(w, name))) for name in ("place", "date", "facilitator")]
        rows.append((t("new.plan"), pick(w.plan.title, self.app.lang) or w.plan.name))
        groups = {g.key: pick(g.label, self.lang) for g in step.groups}
        yield Static(Content("\n").join(Content(f"{name}: {display(value) or '–'}") for name, value in rows))
        yield self.section("context.who")
        counts = [f"{groups.get(h.group, display(h.group))}: {h.count}" for h in w.headcounts]
        yield Static(Content("\n".join([*counts, t("context.total", count=w.people)])))
        level = next((lv for lv in step.levels if lv.key == w.engagement), None)
        if step.levels:
            yield self.section("context.engagement")
            yield Static(Content(pick(level.label, self.lang) if level else "–"))

    def vision(self, step: Step) -> ComposeResult:
        yield self.section("vision.statement")
        yield Static(Content(display(self.workshop.vision, multiline=True) or "–"), id="review-vision")
        if step.checks:
            yield self.section("vision.checks")
            marks = [
                ("☑ " if index in self.workshop.vision_checks else "☐ ") + pick(check, self.lang)
                for index, check in enumerate(step.checks)
            ]
            yield Static(Content("\n".join(marks)))

    def principles(self, step: Step) -> ComposeResult:
        yield self.section("principles.rating")
        lines = [f"{rating_text(self.workshop.ratings.get(p.key))}  {pick(p.label, self.lang)}" for p in step.tags]
        yield Static(Content("\n".join(lines)))

    def actions(self) -> ComposeResult:
        t = self.app.t
        if self.workshop.follows:
            yield from self.progress()
        table: DataTable[Text] = DataTable(id="review-actions", cursor_type="row", zebra_stripes=True)
        for name in (*ACTION_FIELDS, "status"):
            table.add_column(t(f"actions.{name}"), key=name)
        for action in self.workshop.actions:
            cells = [display(getattr(action, name)) for name in ACTION_FIELDS]
            mark = "↪ " if action.origin else ""  # carried over from the workshop this one follows
            table.add_row(
                Text(mark + cells[0]), *(Text(c) for c in cells[1:]), Text(t(f"status.{action.status.value}"))
            )
        if not self.workshop.actions:
            yield Static(Content(t("review.nothing")), classes="review-empty")
        else:
            yield table

    def progress(self) -> ComposeResult:
        """What became of the previous workshop's promises (its title and date if it is still in the library)."""
        changes = progress(self.workshop)
        assert changes is not None and self.workshop.follows is not None
        try:
            previous = self.app.library.read(self.workshop.follows)
            title, day = display(previous.title), previous.date
        except DarbnicaError:
            title, day = self.workshop.follows, "?"
        yield Static(
            Content(
                self.app.t(
                    "review.progress",
                    title=title,
                    date=day,
                    done=len(changes.done),
                    open=len(changes.still_open),
                    dropped=len(changes.dropped),
                    new=len(changes.new),
                )
            ),
            id="review-progress",
        )

    def notes(self, step: Step) -> ComposeResult:
        notes = self.workshop.shown_in(step.key)
        if not notes:
            yield Static(Content(self.app.t("review.no_notes")), classes="review-empty")
            return
        # Ranked by dots as the room prioritised them, when it voted; otherwise in the order they were said.
        voted = any(dots(note) for note in notes)
        ordered = ranked(notes) if voted else notes
        yield self.section("review.notes", count=len(notes))
        yield OptionList(
            *(
                Option(note_prompt(note, step, self.lang, rank=n if voted else None))
                for n, note in enumerate(ordered, 1)
            ),
            classes="review-notes",
        )

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

    def action_back(self) -> None:
        self.dismiss()
