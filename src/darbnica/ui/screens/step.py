"""What every step screen shares: the header, the question, the hints, moving between steps, undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError
from darbnica.i18n import pick
from darbnica.model import Step
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.dialogs import StepPicker
from darbnica.ui.unsaved import Unsaved
from darbnica.ui.widgets.step_header import Hints, Question, StepHeader

T = TypeVar("T")


class StepScreen(DarbnicaScreen[None]):
    BINDINGS = [
        # Priority, so they work while typing in an input (which has no use for these keys).
        Binding("pagedown", "next_step", "key.next_step", priority=True),
        Binding("pageup", "previous_step", "key.previous_step", priority=True),
        Binding("ctrl+z", "undo", "key.undo"),
        Binding("f2", "toggle_hints", "key.hints"),
        Binding("ctrl+g", "pick_step", "key.steps"),
        Binding("ctrl+w", "close_workshop", "key.close"),
    ]

    def __init__(self, editor: Editor, step: Step) -> None:
        super().__init__()
        self.editor = editor
        self.step = step
        self.lang = editor.workshop.lang  # what the room sees is in the workshop's language
        self.unsaved = Unsaved(self)  # fields that save as typed and that the disk refused

    def compose(self) -> ComposeResult:
        yield StepHeader(self.editor.workshop, self.step, self.lang)
        yield Question(self.step, self.lang)
        yield Hints(self.step, self.lang)
        with Vertical(id="body"):
            yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        hints = self.query_one(Hints)
        hints.display = hints.display and self.app.show_hints

    # -- for subclasses -----------------------------------------------------------------------------------------

    def attempt(self, change: Callable[[], T]) -> T | None:
        """Run one change to the workshop; on a problem, say so and return ``None`` (nothing was written)."""
        try:
            return change()
        except DarbnicaError as error:
            self.app.report(error)
            return None

    def save_draft(self) -> None:
        """Keep text typed but not yet added (called when leaving the step or closing the app)."""

    def leave(self) -> bool:
        """Save everything typed on this step before the app shows another; ``False`` while the disk refuses."""
        self.unsaved.retry()
        self.save_draft()
        return not self.unsaved

    def reload(self) -> None:
        """Show the workshop as it is now (after an undo)."""

    # -- actions -----------------------------------------------------------------------------------------------

    def _step_at(self, offset: int) -> Step | None:
        steps = self.editor.workshop.plan.steps
        index = steps.index(self.step) + offset
        return steps[index] if 0 <= index < len(steps) else None

    def action_next_step(self) -> None:
        step = self._step_at(1)
        if step is None:
            self.notify(self.app.t("step.last"))
        else:
            self.app.go_to_step(step.key)

    def action_previous_step(self) -> None:
        step = self._step_at(-1)
        if step is None:
            self.notify(self.app.t("step.first"))
        else:
            self.app.go_to_step(step.key)

    def action_toggle_hints(self) -> None:
        self.app.show_hints = not self.app.show_hints
        hints = self.query_one(Hints)
        hints.display = self.app.show_hints and bool(self.step.hints)

    def action_pick_step(self) -> None:
        def chosen(key: str | None) -> None:
            if key and key != self.step.key:
                self.app.go_to_step(key)

        self.app.push_screen(StepPicker(self.editor.workshop.plan, self.step.key, self.lang), chosen)

    def action_undo(self) -> None:
        undone = self.attempt(self.editor.undo)
        if undone is None:
            if not self.editor.can_undo:
                self.notify(self.app.t("undo.nothing"))
            return
        message = self.app.t(undone.what)
        if undone.step and undone.step != self.step.key:
            title = pick(self.editor.workshop.plan.step(undone.step).title, self.lang)
            message = self.app.t("undo.on_step", what=message, step=title)
        self.notify(message)
        self.reload()

    def action_close_workshop(self) -> None:
        if not self.app.close_workshop():
            self.notify(self.app.t("step.unsaved_stays"), severity="warning", timeout=12)
