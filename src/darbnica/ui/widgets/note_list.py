"""The notes of one step, newest at the bottom, shown literally (markup in a note is only text)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from darbnica.model import Group, Note, Step
from darbnica.text import display
from darbnica.ui.widgets.tags import tag_content


def note_prompt(note: Note, step: Step, lang: str, groups: dict[int, Group]) -> Content:
    parts: list[Content] = []
    tag = tag_content(step, note.tag, lang)
    if tag:
        parts += [tag, Content("  ")]
    parts.append(Content(display(note.text)))
    if note.votes:
        parts.append(Content.styled(f"  ({note.votes})", "bold"))
    if note.group is not None and note.group in groups:
        parts.append(Content.styled(f"  ⟨{display(groups[note.group].title)}⟩", "italic"))
    return Content("").join(parts)


class NoteList(OptionList):
    """Notes as a keyboard-navigable list; each option's id is the note's id."""

    # The list shows the notes; changing them is the screen's job (it owns the editor and the undo stack).
    BINDINGS = [
        Binding("e", "select", "key.edit"),
        Binding("t", "screen.retag_note", "key.retag"),
        Binding("delete", "screen.delete_note", "key.delete"),
        Binding("escape", "screen.focus_input", "key.back_to_input", show=False),
    ]

    def __init__(self, step: Step, lang: str, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.step = step
        self.lang = lang
        self.groups: dict[int, Group] = {}

    def _option(self, note: Note) -> Option:
        return Option(note_prompt(note, self.step, self.lang, self.groups), id=str(note.id))

    def show_notes(self, notes: Iterable[Note], groups: Iterable[Group] = ()) -> None:
        self.groups = {g.id: g for g in groups}
        highlighted = self.highlighted
        self.set_options(self._option(note) for note in notes)
        if self.option_count:
            self.highlighted = min(highlighted if highlighted is not None else 0, self.option_count - 1)

    def append(self, note: Note) -> None:
        self.add_option(self._option(note))
        self.highlighted = self.option_count - 1
        self.scroll_end(animate=False)

    def replace_note(self, note: Note) -> None:
        self.replace_option_prompt(str(note.id), self._option(note).prompt)

    @property
    def highlighted_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None
