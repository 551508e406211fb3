"""Small modal dialogs: edit a text, pick a step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from darbnica.i18n import pick
from darbnica.model import Plan
from darbnica.text import NOTE_LIMIT
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.widgets.note_input import NoteInput


class TextDialog(DarbnicaModal[str | None]):
    """Edit one line of text. Enter keeps it, Escape leaves it as it was."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, value: str, limit: int = NOTE_LIMIT) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield NoteInput(limit=self.limit, id="dialog-input")
            yield Label(Content(self.app.t("dialog.enter_escape")), classes="dialog-help")

    def on_mount(self) -> None:
        field = self.query_one(NoteInput)
        field.value = self.value
        field.cursor_position = len(self.value)
        field.focus()

    @on(Input.Submitted)
    def keep(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StepPicker(DarbnicaModal[str | None]):
    """Jump to any step of the plan."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, plan: Plan, current: str, lang: str) -> None:
        super().__init__()
        self.plan = plan
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.app.t("dialog.go_to_step")), classes="dialog-title")
            yield OptionList(
                *(
                    Option(Content(f"{n}  {pick(s.title, self.lang)} — {pick(s.question, self.lang)}"), id=s.key)
                    for n, s in enumerate(self.plan.steps, 1)
                ),
                id="step-options",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.plan.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
