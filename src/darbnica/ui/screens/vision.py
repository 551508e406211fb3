"""The vision step: the agreed vision statement, the four checks it should pass, and notes per dimension."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, TextArea

from darbnica.errors import InvalidInput
from darbnica.i18n import pick
from darbnica.model import Workshop
from darbnica.text import clean_lines
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.in_order import KeysInOrder


class StatementArea(KeysInOrder, TextArea):
    """The vision statement, typed as the room agrees it: keys in the order typed."""

    def on_resize(self) -> None:
        # TextArea wraps the statement anew for a new width, but does not draw it again where its height stays the
        # same: a step shown again after the terminal changed size kept the old lines, cut off at the box's edge.
        self.refresh()


class VisionScreen(NotesScreen):
    def compose_body(self) -> ComposeResult:
        workshop = self.editor.workshop
        with Horizontal(id="columns"):
            # Scrolls on a small screen rather than cutting the checks off.
            with VerticalScroll(id="statement-column", can_focus=False):
                yield Label(self.app.t("vision.statement"), classes="section")
                yield StatementArea(workshop.vision, id="statement", soft_wrap=True, show_line_numbers=False)
                if self.step.checks:
                    yield Label(self.app.t("vision.checks"), classes="section")
                    yield ChoiceList(
                        [Content(pick(check, self.lang)) for check in self.step.checks],
                        set(workshop.vision_checks),
                        single=False,
                        id="checks",
                        typing_to="statement",
                    )
            with Vertical(id="notes-column"):
                yield from super().compose_body()

    def on_mount(self) -> None:
        self.vision_shown = self.editor.workshop.vision
        # The statement's text area scrolls its own cursor into view as it mounts, which can scroll the column.
        self.call_after_refresh(self.query_one("#statement-column").scroll_home, animate=False)

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        if workshop.vision != self.vision_shown:
            self.vision_shown = workshop.vision
            statement = self.query_one("#statement", TextArea)
            if clean_lines(statement.text) != workshop.vision:
                statement.text = workshop.vision  # changed by undo or redo, not by typing here
        if self.step.checks:
            self.query_one("#checks", ChoiceList).show_ticked(set(workshop.vision_checks))

    def leave(self) -> bool:
        kept = super().leave()
        return kept and not self.query_one("#statement", TextArea).has_class("unsaved")

    @on(TextArea.Changed, "#statement")
    def statement_changed(self, event: TextArea.Changed) -> None:
        statement = event.text_area
        try:
            self.editor.set_vision(statement.text)
        except InvalidInput as error:
            # Too long: it stays on screen, marked, until it is shortened; said once, not at every key.
            if not statement.has_class("unsaved"):
                self.app.report(error)
            statement.add_class("unsaved")
            statement.border_subtitle = self.app.t("step.not_saved")
            return
        statement.remove_class("unsaved")
        statement.border_subtitle = None

    @on(ChoiceList.Changed, "#checks")
    def check_toggled(self, event: ChoiceList.Changed) -> None:
        self.attempt(lambda: self.editor.set_vision_check(event.index, event.ticked))
