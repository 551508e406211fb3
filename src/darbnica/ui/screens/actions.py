"""The responsibilities step: who does what by when, with the first step and a status."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from darbnica.i18n import pick
from darbnica.model import Action, Status, Workshop
from darbnica.rules import late, next_status
from darbnica.text import LINE_LIMIT, display
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.columns import status_width
from darbnica.ui.widgets.in_order import KeysInOrder
from darbnica.ui.widgets.text_input import TextInput

FIELDS = ("what", "who", "due", "first_step")
SHORT_FIELDS = {"who": (8, 16), "due": (12, 18)}
"""The fewest and most cells who and by when take in the table (by when: "⚠ 2026-06-24" on one line); what and
the first step share the rest, and wrap."""


def column_widths(available: int, status_width: int) -> dict[str, int]:
    """Every column of the tasks' table inside ``available`` cells (each column has a cell of padding either side,
    the scrollbar two): at 80 columns the first step and the status are on screen too (they were cut off)."""
    rest = available - 2 * (len(FIELDS) + 1) - 2 - status_width
    short = {name: min(most, max(least, rest // 6)) for name, (least, most) in SHORT_FIELDS.items()}
    long = max(8, (rest - sum(short.values())) // 2)
    return {"what": long, **short, "first_step": long, "status": status_width}


class ActionTable(KeysInOrder, DataTable[Text]):
    HELP_HEADING = "help.actions_table"
    BINDINGS = [
        Binding("e", "screen.edit_action", "key.edit"),
        Binding("s", "screen.cycle_status", "key.status"),
        Binding("delete", "screen.delete_action", "key.delete"),
        Binding("escape", "screen.focus_input", "key.back_to_input", show=False),
        # The first and the last task, not the first and last column (DataTable's own Home and End).
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    def on_resize(self) -> None:
        if isinstance(self.screen, ActionsScreen):
            self.screen.fit_table()


class ActionDialog(DarbnicaModal[dict[str, str] | None]):
    """Change every field of one responsibility."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog"):
            yield Label(t("actions.edit_title"), classes="dialog-title")
            for name in FIELDS:
                yield Label(t(f"actions.{name}"))
                yield TextInput(getattr(self.action, name), id=f"edit-{name}", limit=LINE_LIMIT, entered=self.save)
            yield Label(t("actions.status"))
            yield Select(
                [(t(f"status.{s.value}"), s.value) for s in Status],
                value=self.action.status.value,
                allow_blank=False,
                id="edit-status",
            )
            yield Label(t("dialog.enter_escape"), classes="dialog-help")
            yield Button(t("dialog.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#edit-what").focus()

    @on(Button.Pressed, "#save")
    def save(self, _typed: object = None) -> bool:
        """Enter in any field, or the button: the dialog closes with every field as it is at this moment."""
        fields = {name: self.query_one(f"#edit-{name}", Input).value for name in FIELDS}
        fields["status"] = str(self.query_one("#edit-status", Select).value)
        self.dismiss(fields)
        return False

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActionsScreen(StepScreen):
    BINDINGS = [Binding("ctrl+t", "suggest", "key.suggest")]
    actions_shown: tuple[Action, ...] | None = None
    """The tasks the table shows, so it is made again only when they change."""

    def compose_body(self) -> ComposeResult:
        t = self.app.t
        with Horizontal(id="action-form"):
            for name in FIELDS:
                yield TextInput(
                    placeholder=t(f"actions.{name}"),
                    id=name,
                    limit=LINE_LIMIT,
                    entered=self.add_action,
                )
        yield Static(id="suggestions")
        yield ActionTable(id="actions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._widths: dict[str, int] = {}
        self._suggested = -1
        self.restore_fields(FIELDS, plain="what")  # a draft of plain text: "what", typed before the form had more
        self.show_workshop(self.editor.workshop)
        self.first_field().focus()

    def first_field(self) -> Input:
        return self.query_one("#what", Input)

    # -- showing -------------------------------------------------------------------------------------------

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        if workshop.actions == self.actions_shown:
            return
        added = self.actions_shown is not None and workshop.actions[:-1] == self.actions_shown
        self.actions_shown = workshop.actions
        table = self.query_one(ActionTable)
        self._fit_columns(table)
        row = table.row_count - 1 if added else table.cursor_row
        table.clear()
        for action in workshop.actions:
            cells = [display(getattr(action, name)) for name in FIELDS]
            if late(action, workshop.date):
                cells[FIELDS.index("due")] = f"⚠ {cells[FIELDS.index('due')]}"  # a sign, not only a colour
            status = self.app.t(f"status.{action.status.value}")
            table.add_row(*(Text(cell) for cell in cells), Text(status), key=str(action.id), height=None)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0) + (1 if added else 0), table.row_count - 1))
        self._show_suggestions()

    def _wanted_widths(self) -> dict[str, int]:
        status = status_width(self.app.t, "actions.status")
        available = self.query_one(ActionTable).size.width or self.app.size.width - 4  # before its first layout
        return column_widths(available, status)

    def _fit_columns(self, table: ActionTable) -> None:
        """The columns made again (empty) when the screen's width gives them other widths."""
        widths = self._wanted_widths()
        if widths == self._widths:
            return
        self._widths = widths
        table.clear(columns=True)
        for name, width in widths.items():
            # The form's "Līdz kuram laikam" would be cut to "Līdz kuram l" over its 12 cells at 80 columns: the
            # heading is the short one the responsibilities of all workshops use.
            heading = self.app.t("tasks.column_due" if name == "due" else f"actions.{name}")
            table.add_column(heading, key=name, width=width)

    def fit_table(self) -> None:
        """The table has a new size: its columns fitted to it, if that gives them other widths."""
        if self._widths and self._widths != self._wanted_widths():
            self.actions_shown = None  # every row again, in the new columns
            self.show_workshop(self.editor.workshop)

    def _show_suggestions(self) -> None:
        suggestions = self.query_one("#suggestions", Static)
        empty = not self.editor.workshop.actions and bool(self.step.suggestions)
        suggestions.display = empty
        if empty:
            items = " · ".join(pick(s, self.lang) for s in self.step.suggestions)
            suggestions.update(Content(self.app.t("actions.suggestions", items=items)))

    def _selected(self) -> Action | None:
        table = self.query_one(ActionTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.editor.workshop.actions if str(a.id) == key), None)

    # -- adding --------------------------------------------------------------------------------------------

    def add_action(self, _typed: str) -> bool:
        """Enter in any field of the form: the task is added with every field as it is at this moment, the form
        cleared and the focus back on "what", before the next key is handled."""
        fields = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        if not fields["what"].strip():
            self.set_focus(self.query_one("#what"))
            return False
        if self.attempt(lambda: self.editor.add_action(**fields)) is None:
            return False  # what was typed stays in the form, to be corrected
        for name in FIELDS:
            self.query_one(f"#{name}", Input).clear()
        self.editor.set_draft(self.step.key, "")  # the task is in: a kept half-typed copy of it must go
        # At once, not at the app's next turn: the next task's keys may already be on their way.
        self.set_focus(self.query_one("#what"))
        return False  # the form is cleared above

    def leave(self) -> bool:
        """A half-typed task is kept (as a note is), its fields as they are, for when the step is shown again."""
        self.keep_fields(FIELDS)
        return True

    def action_suggest(self) -> None:
        if not self.step.suggestions:
            return
        self._suggested = (self._suggested + 1) % len(self.step.suggestions)
        what = self.query_one("#what", Input)
        what.value = pick(self.step.suggestions[self._suggested], self.lang)
        self.set_focus(what)

    def action_focus_input(self) -> None:
        self.set_focus(self.query_one("#what"))

    # -- changing ------------------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_edit_action()

    def action_edit_action(self) -> None:
        action = self._selected()
        if action is None:
            return

        def edited(fields: dict[str, str] | None) -> None:
            if fields is None:
                return
            if self.attempt(lambda: self.editor.update_action(action, **fields)) is None:
                # Not taken (a date that is not one): the dialog comes back with what was typed, to be corrected.
                what, who, due, first_step = (fields[name] for name in FIELDS)
                typed = replace(
                    action, what=what, who=who, due=due, first_step=first_step, status=Status(fields["status"])
                )
                self.app.push_screen(ActionDialog(typed), edited)

        self.app.push_screen(ActionDialog(action), edited)

    def action_cycle_status(self) -> None:
        action = self._selected()
        if action is not None:
            status = next_status(action.status).value
            self.attempt(lambda: self.editor.update_action(action, status=status))

    def action_delete_action(self) -> None:
        action = self._selected()
        if action is not None and self.attempt(lambda: self.editor.delete_action(action)) is not None:
            self.notify(self.app.t("actions.deleted"))
