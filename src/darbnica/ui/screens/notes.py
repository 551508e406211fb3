"""Steps that collect notes: type, Enter, the note is on screen at once and on disk a moment later. Tags, edit,
delete, undo.

In the room the notes are then prioritised and clustered: dots from a dot-vote (typed as counted, or one at a
time), the notes ranked by their dots, the top few alone on the projector, and headings that notes are put under.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from darbnica.model import Group, Note, Workshop
from darbnica.rules import MAX_VOTES, parse_votes
from darbnica.tagging import parse_note
from darbnica.text import LINE_LIMIT, display
from darbnica.ui.layout import TALL_SCREEN
from darbnica.ui.screens.dialogs import GroupChoice, GroupPicker, TextDialog
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.note_input import NoteInput
from darbnica.ui.widgets.note_list import NoteList
from darbnica.ui.widgets.tags import next_tag


def unsaved_notes(workshop: Workshop, saved: Workshop, step: str) -> frozenset[int]:
    """The notes of ``step`` that the file does not hold as they are now (new or changed since the last write)."""
    on_disk = {note.id: note for note in saved.notes_in(step)}
    return frozenset(note.id for note in workshop.notes_in(step) if on_disk.get(note.id) is not note)


class NotesScreen(StepScreen):
    BINDINGS = [
        Binding("ctrl+t", "cycle_tag", "key.tag"),
        # Reached only from the note input: the lists and the text area use ↓ themselves.
        Binding("down", "focus_notes", "key.to_notes", show=False),
    ]
    HELP_LINES = ("help.line.enter", "help.line.hashtag")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_tag":
            return bool(self.step.tags)
        return super().check_action(action, parameters)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_entry()
        yield Static(Content(self.app.t("notes.empty")), id="empty-notes")
        yield NoteList(
            self.step,
            self.lang,
            not_saved=self.app.t("step.not_saved"),
            from_phone=self.app.t("step.from_phone"),
            id="notes",
        )

    def compose_entry(self) -> ComposeResult:
        yield NoteInput(placeholder=self.app.t("notes.placeholder"), entered=self.add_note, id="note-input")

    def on_mount(self) -> None:
        self.note_list.spaced = self.app.size.height >= TALL_SCREEN
        note_input = self.note_input
        note_input.show_tag(self.step, None, self.lang)
        note_input.value = self.editor.workshop.drafts.get(self.step.key, "")
        self.show_workshop(self.editor.workshop)
        note_input.focus()

    def first_field(self) -> Widget | None:
        return self.note_input

    # -- showing -------------------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.note_list.space_out(event.size.height >= TALL_SCREEN)

    @property
    def note_list(self) -> NoteList:
        return self.query_one("#notes", NoteList)

    def show_workshop(self, workshop: Workshop) -> None:
        super().show_workshop(workshop)
        # Marked only while the disk refuses them: a write that simply has not finished yet is not worth a mark.
        unsaved: frozenset[int] = frozenset()
        if self.editor.save_error is not None:
            unsaved = unsaved_notes(workshop, self.editor.saved, self.step.key)
        key = self.step.key
        # A note typed here is shown highlighted; one arriving while the facilitator moves through the list is not.
        newest = not self.note_list.has_focus
        self.note_list.show(workshop.shown_in(key), workshop.groups_in(key), unsaved=unsaved, newest=newest)
        self.query_one("#empty-notes").display = self.note_list.option_count == 0
        # Until the writer has it on disk, the field the note came from says so (for a few milliseconds on a
        # laptop's disk, a good part of a second on a USB stick); while the disk refuses it, it says that.
        saving = None if self.editor.on_disk else "notes.saving" if unsaved == frozenset() else "step.not_saved"
        self.note_input.border_subtitle = self.app.t(saving) if saving else None

    def _note(self, note_id: int | None) -> Note | None:
        return next((n for n in self.editor.workshop.notes if n.id == note_id), None)

    def _group(self, group_id: int | None) -> Group | None:
        return next((g for g in self.editor.workshop.groups if g.id == group_id), None)

    @property
    def highlighted_note(self) -> Note | None:
        return self._note(self.note_list.highlighted_id)

    @property
    def note_input(self) -> NoteInput:
        return self.query_one("#note-input", NoteInput)

    # -- adding --------------------------------------------------------------------------------------------

    def add_note(self, typed: str) -> bool:
        """Enter in the note input: the note is added (and the input cleared) before the next key is handled."""

        def add() -> Note:
            # A mistyped "#tag" is refused here, before anything reaches the projector.
            parsed = parse_note(self.step, typed, self.note_input.tag, self.app.lang)
            return self.editor.add_note(self.step.key, parsed.text, parsed.tag)

        if self.attempt(add) is None:
            return False  # the text stays in the input, to be corrected
        self.editor.set_draft(self.step.key, "")  # the note is in: a kept draft of it must go
        self.app.frame_hold.until_saved()  # drawn once, saved, a few milliseconds from now (see frame_hold.py)
        return True

    def leave(self) -> bool:
        self.editor.set_draft(self.step.key, self.note_input.value)
        return True

    def action_cycle_tag(self) -> None:
        if self.step.tags:
            self.note_input.show_tag(self.step, next_tag(self.step, self.note_input.tag), self.lang)

    def action_focus_input(self) -> None:
        self.set_focus(self.note_input)  # at once: keys typed after this one are on their way

    def action_focus_notes(self) -> None:
        if self.focused is self.note_input and self.note_list.option_count:
            self.set_focus(self.note_list)

    # -- changing ------------------------------------------------------------------------------------------

    def _change_note(self, change: Callable[[Note], Note]) -> Note | None:
        """Change the highlighted note; it stays highlighted (the list follows the workshop by itself)."""
        note = self.highlighted_note
        if note is None:
            return None
        return self.attempt(lambda: change(note))

    @on(OptionList.OptionSelected, "#notes")
    def action_edit_item(self) -> None:
        """The highlighted note's or heading's dialog (e or Enter on the list, or a click)."""
        group = self._group(self.note_list.highlighted_group)
        if group is not None:
            self._rename_group(group)
            return
        note = self.highlighted_note
        if note is None:
            return

        def edited(text: str | None) -> None:
            if text is None or text == note.text:
                return
            if self._change_note(lambda n: self.editor.edit_note(n, text)) is None:
                # Not taken (too long, empty): the dialog comes back with the edited text, to be corrected.
                self.app.push_screen(TextDialog(self.app.t("notes.edit_title"), text), edited)

        self.app.push_screen(TextDialog(self.app.t("notes.edit_title"), note.text), edited)

    def action_retag_note(self) -> None:
        if self.step.tags:
            self._change_note(lambda note: self.editor.retag_note(note, next_tag(self.step, note.tag)))

    def action_delete_item(self) -> None:
        group = self._group(self.note_list.highlighted_group)
        if group is not None:
            if self.attempt(lambda: self.editor.delete_group(group)) is not None:
                self.notify(self.app.t("groups.deleted"))
            return
        note = self.highlighted_note
        if note is not None and self.attempt(lambda: self.editor.delete_note(note)) is not None:
            self.notify(self.app.t("notes.deleted"))

    # -- dot-voting ------------------------------------------------------------------------------------------

    def action_add_dot(self) -> None:
        self._change_note(lambda note: self.editor.set_votes(note, min(MAX_VOTES, note.votes + 1)))

    def action_remove_dot(self) -> None:
        self._change_note(lambda note: self.editor.set_votes(note, max(0, note.votes - 1)))

    def action_enter_votes(self) -> None:
        """Type the dots counted on the wall for the highlighted note; then the next note is highlighted."""
        note = self.highlighted_note
        if note is None:
            return

        def entered(text: str | None) -> None:
            if text is None:
                return
            if self._change_note(lambda n: self.editor.set_votes(n, parse_votes(text))) is not None:
                self.note_list.action_cursor_down()

        title = self.app.t("votes.title", note=display(note.text))
        self.app.push_screen(TextDialog(title, str(note.votes) if note.votes else "", limit=3, count=True), entered)

    def action_toggle_ranked(self) -> None:
        self.note_list.toggle_ranked()
        self.notify(self.app.t("votes.ranked" if self.note_list.ranked else "votes.in_order"), timeout=3)

    def action_show_top(self) -> None:
        from darbnica.ui.screens.top_notes import TopNotesScreen

        self.app.push_screen(TopNotesScreen(self.editor.workshop, self.step, self.lang))

    # -- headings (groups) ---------------------------------------------------------------------------------

    def action_group_note(self) -> None:
        note = self.highlighted_note
        if note is None:
            return

        def chosen(choice: GroupChoice | None) -> None:
            if choice is None:
                return
            target = choice.group
            if choice.new_title:
                group = self.attempt(lambda: self.editor.add_group(self.step.key, choice.new_title))
                if group is None:
                    return
                target = group.id
            self._change_note(lambda n: self.editor.group_note(n, target))

        self.app.push_screen(GroupPicker(self.editor.workshop.groups_in(self.step.key), note.group), chosen)

    def _rename_group(self, group: Group) -> None:
        def renamed(title: str | None) -> None:
            if title is not None and title != group.title:
                self.attempt(lambda: self.editor.rename_group(group, title))

        self.app.push_screen(TextDialog(self.app.t("groups.rename_title"), group.title, limit=LINE_LIMIT), renamed)
