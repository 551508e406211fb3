"""Changing an open workshop with undo.

The app changes a workshop only through an :class:`Editor`: each change is written at once by the
:class:`~darbnica.store.workshop.WorkshopFile` and remembered with the change that reverses it, so Ctrl+Z can put a
deleted note back, restore an edited text or a previous tag. Undo itself is a change written to disk like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from darbnica.model import Action, Group, Note, Step, Workshop
from darbnica.store.workshop import WorkshopFile

UNDO_DEPTH = 200


def parse_note(step: Step, typed: str, tag: str | None) -> tuple[str, str | None]:
    """Read a tag typed at the start of a note: "#vaj no bus stop" gives ("no bus stop", "need").

    The word after "#" may be a tag's key or label in either language, or the start of only one of them. Anything
    else ("#1 priority", "# heading", an ambiguous "#v") is kept as text and the note gets ``tag``.
    """
    if typed.startswith("#"):
        word, _, rest = typed[1:].partition(" ")
        found = step.find_tag(word)
        if found is not None and rest.strip():
            return rest, found.key
    return typed, tag


@dataclass(frozen=True)
class Undo:
    what: str
    """A locale key saying what undoing does, e.g. ``undo.note_restored``."""
    step: str | None
    """The step the change belongs to, so the app can show it; ``None`` for workshop-wide changes."""
    revert: Callable[[WorkshopFile], object]


class Editor:
    def __init__(self, file: WorkshopFile) -> None:
        self.file = file
        self._undo: list[Undo] = []

    @property
    def workshop(self) -> Workshop:
        return self.file.workshop

    def _remember(self, undo: Undo) -> None:
        self._undo.append(undo)
        del self._undo[:-UNDO_DEPTH]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Undo | None:
        """Reverse the last change; return what was undone, or ``None`` if there is nothing to undo."""
        if not self._undo:
            return None
        last = self._undo[-1]
        last.revert(self.file)  # if the disk refuses, the change stays on the stack for another try
        self._undo.pop()
        return last

    # -- notes ---------------------------------------------------------------------------------------------

    def add_note(self, step: str, text: str, tag: str | None = None) -> Note:
        note = self.file.add_note(step, text, tag)
        self._remember(Undo("undo.note_removed", step, lambda f: f.delete_note(note.id)))
        return note

    def edit_note(self, note: Note, text: str) -> Note:
        changed = self.file.edit_note(note.id, text)
        if changed.text != note.text:
            self._remember(Undo("undo.note_text", note.step, lambda f: f.edit_note(note.id, note.text)))
        return changed

    def retag_note(self, note: Note, tag: str | None) -> Note:
        changed = self.file.retag_note(note.id, tag)
        self._remember(Undo("undo.note_tag", note.step, lambda f: f.retag_note(note.id, note.tag)))
        return changed

    def delete_note(self, note: Note) -> Note:
        deleted = self.file.delete_note(note.id)
        self._remember(Undo("undo.note_restored", note.step, lambda f: f.restore_note(deleted)))
        return deleted

    def set_votes(self, note: Note, votes: int) -> Note:
        """The dots a note received; each change can be undone (one dot at a time when given one by one)."""
        changed = self.file.set_votes(note.id, votes)
        if changed.votes != note.votes:
            self._remember(Undo("undo.note_votes", note.step, lambda f: f.set_votes(note.id, note.votes)))
        return changed

    # -- groups (headings that similar notes are clustered under) --------------------------------------------

    def add_group(self, step: str, title: str) -> Group:
        group = self.file.add_group(step, title)
        self._remember(Undo("undo.group_removed", step, lambda f: f.delete_group(group.id)))
        return group

    def rename_group(self, group: Group, title: str) -> Group:
        changed = self.file.rename_group(group.id, title)
        if changed.title != group.title:
            self._remember(Undo("undo.group_renamed", group.step, lambda f: f.rename_group(group.id, group.title)))
        return changed

    def delete_group(self, group: Group) -> Group:
        members = [note.id for note in self.workshop.notes if note.group == group.id]
        deleted = self.file.delete_group(group.id)
        self._remember(Undo("undo.group_restored", group.step, lambda f: f.restore_group(deleted, members)))
        return deleted

    def group_note(self, note: Note, group: int | None) -> Note:
        """Put a note under a heading (``None``: under none)."""
        changed = self.file.group_note(note.id, group)
        if changed.group != note.group:
            self._remember(Undo("undo.note_group", note.step, lambda f: f.group_note(note.id, note.group)))
        return changed

    # -- actions -------------------------------------------------------------------------------------------

    def add_action(self, **fields: str) -> Action:
        action = self.file.add_action(**fields)
        self._remember(Undo("undo.action_removed", None, lambda f: f.delete_action(action.id)))
        return action

    def update_action(self, action: Action, **fields: str) -> Action:
        changed = self.file.update_action(action.id, **fields)
        before = {name: getattr(action, name) for name in fields}
        self._remember(Undo("undo.action_changed", None, lambda f: f.update_action(action.id, **before)))
        return changed

    def delete_action(self, action: Action) -> Action:
        deleted = self.file.delete_action(action.id)
        self._remember(Undo("undo.action_restored", None, lambda f: f.restore_action(deleted)))
        return deleted
