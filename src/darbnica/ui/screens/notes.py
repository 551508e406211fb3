"""Steps that collect notes: type, Enter, the note is on disk and on screen. Tags, edit, delete, undo."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from darbnica.editing import parse_note
from darbnica.model import Note
from darbnica.ui.screens.dialogs import TextDialog
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.note_input import NoteInput
from darbnica.ui.widgets.note_list import NoteList
from darbnica.ui.widgets.tags import next_tag


class NotesScreen(StepScreen):
    BINDINGS = [Binding("ctrl+t", "cycle_tag", "key.tag")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_tag":
            return bool(self.step.tags)
        return True

    def compose_body(self) -> ComposeResult:
        yield from self.compose_entry()
        yield Static(Content(self.app.t("notes.empty")), id="empty-notes")
        yield NoteList(self.step, self.lang, id="notes")

    def compose_entry(self) -> ComposeResult:
        yield NoteInput(placeholder=self.app.t("notes.placeholder"), id="note-input")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        note_input = self.note_input
        note_input.show_tag(self.step, None, self.lang)
        note_input.value = self.editor.workshop.drafts.get(self.step.key, "")
        note_input.focus()

    # -- showing -------------------------------------------------------------------------------------------

    @property
    def note_list(self) -> NoteList:
        return self.query_one("#notes", NoteList)

    def reload(self) -> None:
        workshop = self.editor.workshop
        self.note_list.show_notes(workshop.notes_in(self.step.key), workshop.groups_in(self.step.key))
        self._show_empty()

    def _show_empty(self) -> None:
        self.query_one("#empty-notes").display = self.note_list.option_count == 0

    def _note(self, note_id: int | None) -> Note | None:
        return next((n for n in self.editor.workshop.notes if n.id == note_id), None)

    @property
    def note_input(self) -> NoteInput:
        return self.query_one("#note-input", NoteInput)

    # -- adding --------------------------------------------------------------------------------------------

    @on(Input.Submitted, "#note-input")
    def add_note(self, event: Input.Submitted) -> None:
        text, tag = parse_note(self.step, event.value, self.note_input.tag)
        note = self.attempt(lambda: self.editor.add_note(self.step.key, text, tag))
        if note is None:
            return  # the text stays in the input for another try
        event.input.clear()
        # The note is in: a kept draft of it must go, and so must one the disk refused earlier (writes nothing
        # when there is no draft).
        self.unsaved.save(self.note_input, lambda: self.editor.file.set_draft(self.step.key, ""))
        self.note_list.append(note)
        self._show_empty()

    def save_draft(self) -> None:
        text = self.note_input.value
        if text != self.editor.workshop.drafts.get(self.step.key, ""):
            self.unsaved.save(self.note_input, lambda: self.editor.file.set_draft(self.step.key, text))

    def action_cycle_tag(self) -> None:
        if self.step.tags:
            self.note_input.show_tag(self.step, next_tag(self.step, self.note_input.tag), self.lang)

    def action_focus_input(self) -> None:
        self.note_input.focus()

    # -- changing ------------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#notes")
    def edit_note(self, event: OptionList.OptionSelected) -> None:
        note = self._note(self.note_list.highlighted_id)
        if note is None:
            return

        def edited(text: str | None) -> None:
            if text is None or text == note.text:
                return
            changed = self.attempt(lambda: self.editor.edit_note(note, text))
            if changed is None:  # not saved: the dialog comes back with the edited text, for another try
                self.app.push_screen(TextDialog(self.app.t("notes.edit_title"), text), edited)
            else:
                self.note_list.replace_note(changed)

        self.app.push_screen(TextDialog(self.app.t("notes.edit_title"), note.text), edited)

    def action_retag_note(self) -> None:
        note = self._note(self.note_list.highlighted_id)
        if note is None or not self.step.tags:
            return
        changed = self.attempt(lambda: self.editor.retag_note(note, next_tag(self.step, note.tag)))
        if changed is not None:
            self.note_list.replace_note(changed)

    def action_delete_note(self) -> None:
        note = self._note(self.note_list.highlighted_id)
        if note is None:
            return
        if self.attempt(lambda: self.editor.delete_note(note)) is not None:
            self.reload()
            self.notify(self.app.t("notes.deleted"))
