"""The vision step: the agreed vision statement, the four checks it should pass, and notes per dimension."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from darbnica.i18n import pick
from darbnica.ui.screens.notes import NotesScreen


class VisionScreen(NotesScreen):
    def compose_body(self) -> ComposeResult:
        workshop = self.editor.workshop
        with Horizontal(id="columns"):
            with Vertical(id="statement-column"):
                yield Label(self.app.t("vision.statement"), classes="section")
                yield TextArea(workshop.vision, id="statement", soft_wrap=True, show_line_numbers=False)
                if self.step.checks:
                    yield Label(self.app.t("vision.checks"), classes="section")
                    yield SelectionList[int](
                        *(
                            Selection(Content(pick(check, self.lang)), index, index in workshop.vision_checks)
                            for index, check in enumerate(self.step.checks)
                        ),
                        id="checks",
                    )
            with Vertical(id="notes-column"):
                yield from super().compose_body()

    @on(TextArea.Changed, "#statement")
    def statement_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text.strip() != self.editor.workshop.vision:
            self.unsaved.save(event.text_area, lambda: self.editor.file.set_vision(text))
        else:
            self.unsaved.discard(event.text_area)  # back to what is on disk

    @on(SelectionList.SelectionToggled, "#checks")
    def check_toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        index = event.selection.value
        met = index in event.selection_list.selected
        if self.attempt(lambda: self.editor.file.set_vision_check(index, met)) is None:
            # Not saved: show it as it is on disk. (select/deselect, not toggle: toggle would post another
            # SelectionToggled, try the write again and, on a full disk, go round for ever.)
            if index in self.editor.workshop.vision_checks:
                event.selection_list.select(index)
            else:
                event.selection_list.deselect(index)
