"""The vision step: the agreed vision statement, the four checks it should pass, and notes per dimension."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, TextArea

from darbnica.i18n import pick
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.choice_list import ChoiceList


class VisionScreen(NotesScreen):
    def compose_body(self) -> ComposeResult:
        workshop = self.editor.workshop
        with Horizontal(id="columns"):
            # Scrolls on a small screen rather than cutting the checks off.
            with VerticalScroll(id="statement-column", can_focus=False):
                yield Label(self.app.t("vision.statement"), classes="section")
                yield TextArea(workshop.vision, id="statement", soft_wrap=True, show_line_numbers=False)
                if self.step.checks:
                    yield Label(self.app.t("vision.checks"), classes="section")
                    yield ChoiceList(
                        [Content(pick(check, self.lang)) for check in self.step.checks],
                        set(workshop.vision_checks),
                        single=False,
                        id="checks",
                    )
            with Vertical(id="notes-column"):
                yield from super().compose_body()

    def on_mount(self) -> None:
        super().on_mount()
        # The statement's text area scrolls its own cursor into view as it mounts, which can scroll the column.
        self.call_after_refresh(self.query_one("#statement-column").scroll_home, animate=False)

    @on(TextArea.Changed, "#statement")
    def statement_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text.strip() != self.editor.workshop.vision:
            self.unsaved.save(event.text_area, lambda: self.editor.file.set_vision(text))
        else:
            self.unsaved.discard(event.text_area)  # back to what is on disk

    @on(ChoiceList.Changed, "#checks")
    def check_toggled(self, event: ChoiceList.Changed) -> None:
        if self.attempt(lambda: self.editor.file.set_vision_check(event.index, event.ticked)) is None:
            event.choice_list.set_ticked(event.index, not event.ticked)  # not saved: show it as it is on disk
