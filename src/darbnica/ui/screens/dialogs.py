"""Small modal dialogs: edit a text, pick a step, put a note under a heading, pick a note."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from darbnica.i18n import pick
from darbnica.model import Group, Note, Plan
from darbnica.text import LINE_LIMIT, NOTE_LIMIT, display
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.widgets.note_input import NoteInput

NO_GROUP = "none"


class TextDialog(DarbnicaModal[str | None]):
    """Edit one line of text. Enter keeps it, Escape leaves it as it was. A ``count`` (the dots on a note) is
    selected as it opens, so the number typed replaces it ("5" makes 5, not 15) and Enter alone keeps it; text
    is not, so that the first key typed adds to it."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, value: str, limit: int = NOTE_LIMIT, *, count: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.limit = limit
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield NoteInput(limit=self.limit, id="dialog-input")
            yield Label(Content(self.app.t("dialog.enter_escape")), classes="dialog-help")

    def on_mount(self) -> None:
        field = self.query_one(NoteInput)
        field.value = self.value
        field.cursor_position = len(self.value)
        if self.count:
            field.selection = Selection(0, len(self.value))
        field.focus()

    @on(Input.Submitted)
    def keep(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StepPicker(DarbnicaModal[str | None]):
    """Jump to any step of the plan: by its number, as the list shows it, or with the arrows and Enter."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, plan: Plan, current: str, lang: str) -> None:
        super().__init__()
        self.plan = plan
        self.current = current
        self.lang = lang
        self.number = ""
        """The digits typed so far, while they could still grow into another step's number (a plan of ten or more
        steps: "1" may be the start of "12")."""

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
            yield Label(Content(self.app.t("dialog.step_help")), classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.plan.index(self.current)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        digit = event.character
        if digit is None or len(digit) != 1 or digit not in "0123456789":
            return
        event.stop()
        count = len(self.plan.steps)
        number = self.number + digit
        if not 1 <= int(number) <= count:  # not a step: a new number starts with this digit
            number = digit
            if not 1 <= int(number) <= count:
                self.number = ""
                return
        if int(number) * 10 > count:  # no step's number starts with it: it is the one
            self.dismiss(self.plan.steps[int(number) - 1].key)
            return
        self.number = number  # shown highlighted; Enter takes it, another digit may make it longer
        self.query_one(OptionList).highlighted = int(number) - 1

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class GroupChoice:
    """Where the facilitator put a note: under a heading (its id), under none, or under a new one."""

    group: int | None = None
    new_title: str = ""


class GroupPicker(DarbnicaModal[GroupChoice | None]):
    """Put a note under one of the step's headings, under a new heading, or under none."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("down", "choose_heading", "key.choose_heading", show=False),
    ]

    def __init__(self, groups: tuple[Group, ...], current: int | None) -> None:
        super().__init__()
        self.groups = groups
        self.current = current

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog"):
            yield Label(Content(t("groups.title")), classes="dialog-title")
            yield NoteInput(limit=LINE_LIMIT, placeholder=t("groups.new_placeholder"), id="new-heading")
            yield OptionList(
                *(Option(Content(f"▸ {display(group.title)}"), id=str(group.id)) for group in self.groups),
                Option(Content(t("groups.none")), id=NO_GROUP),
                id="group-options",
            )
            yield Label(Content(t("groups.help")), classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [str(group.id) for group in self.groups]
        options.highlighted = ids.index(str(self.current)) if str(self.current) in ids else 0
        self.query_one(NoteInput).focus()

    def action_choose_heading(self) -> None:
        """↓ from the input to the headings (in the list, ↓ moves down the list)."""
        self.query_one(OptionList).focus()

    @on(Input.Submitted)
    def new_heading(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(GroupChoice(new_title=event.value))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        picked = event.option.id
        self.dismiss(GroupChoice(None if picked == NO_GROUP or picked is None else int(picked)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotePicker(DarbnicaModal[int | None]):
    """Pick one of the notes on the wall (the one a phone's note says the same as): its id, or ``None``."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, notes: list[Note]) -> None:
        super().__init__()
        self.title_text = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield OptionList(*(Option(Content(display(n.text)), id=str(n.id)) for n in self.notes), id="note-options")
            yield Label(Content(self.app.t("dialog.enter_escape")), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
