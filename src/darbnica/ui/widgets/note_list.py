"""The notes of one step, shown literally (markup in a note is only text).

In order, notes are clustered under their headings (groups) first, then the notes under no heading, newest at the
bottom, so the note just added is always in view. Ranked, every note is listed by the dots it received.

The list is drawn from the workshop each time it changes (:meth:`NoteList.show`). A note added at the end, the
common case while the room talks, only adds its own line: making every line again costs about 10 ms a note in a
step of 200. Notes the disk refused to take are marked "not saved" until it takes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from darbnica.model import Group, Note, Step
from darbnica.rules import dots, ranked
from darbnica.text import display
from darbnica.ui.widgets.in_order import KeysInOrder
from darbnica.ui.widgets.tags import tag_content

GROUP_PREFIX = "g"


def votes_content(votes: int) -> Content:
    """The dots a note received, as a number after a dot: the room reads it from afar."""
    # One word: wrapped at a space between them, the number stood alone on the next line, read as a line of its own
    # (a no-break space is broken at too).
    return Content.styled(f"●{votes}", "bold $text-accent") if votes else Content("")


def note_prompt(note: Note, step: Step, lang: str, *, indent: str = "", rank: int | None = None) -> Content:
    parts: list[Content] = [Content(indent)]
    if rank is not None:
        parts += [Content.styled(f"{rank:>2}. ", "bold"), votes_content(dots(note)) or Content("● 0"), Content("  ")]
    tag = tag_content(step, note.tag, lang)
    if tag:
        parts += [tag, Content(" ")]
    parts.append(Content(display(note.text)))
    if dots(note) and rank is None:
        parts += [Content("  "), votes_content(dots(note))]
    return Content("").join(parts)


class NoteList(KeysInOrder, OptionList):
    """Notes and headings as a keyboard-navigable list: a note's option id is its id, a heading's "g" + its id."""

    HELP_HEADING = "help.notes_list"
    # The list shows the notes; changing them is the screen's job (it owns the editor and the undo stack).
    BINDINGS = [
        # The screen's action, not the list's select: the dialog is then on top before the next key is looked at,
        # and keys typed behind e go into it (a selection is a message, handled after them).
        Binding("e", "screen.edit_item", "key.edit"),
        Binding("enter", "screen.edit_item", "key.edit", show=False),
        Binding("t", "screen.retag_note", "key.retag"),
        Binding("delete", "screen.delete_item", "key.delete"),
        Binding("plus,equals_sign", "screen.add_dot", "key.add_dot", key_display="+"),
        Binding("minus", "screen.remove_dot", "key.remove_dot", key_display="−"),
        Binding("v", "screen.enter_votes", "key.votes"),
        Binding("r", "screen.toggle_ranked", "key.ranked"),
        Binding("g", "screen.group_note", "key.group"),
        Binding("p", "screen.show_top", "key.top"),
        Binding("escape", "screen.focus_input", "key.back_to_input", show=False),
    ]

    def __init__(
        self,
        step: Step,
        lang: str,
        *,
        not_saved: str,
        from_phone: str,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.step = step
        self.lang = lang
        self.not_saved = not_saved
        """The words that mark a note the disk refused."""
        self.from_phone = from_phone
        """The words that mark a note the room sent from a phone (never which phone)."""
        self.ranked = False
        self.spaced = False
        """A blank line after each note, on a screen tall enough to spare it: easier to read from the back."""
        self.notes: tuple[Note, ...] = ()
        self.groups: tuple[Group, ...] = ()
        self.unsaved: frozenset[int] = frozenset()

    async def _on_key(self, event: events.Key) -> None:
        # Typing, not a command: a letter the list has no use for goes to the note field, and the focus with it
        # (the keys behind it follow there in order), so a note typed with the focus on the list is not lost.
        note_input = getattr(self.screen, "note_input", None)
        if note_input is not None and self.pass_typing(event, note_input):
            return
        await super()._on_key(event)

    def _option(self, note: Note, *, indent: str = "", rank: int | None = None) -> Option:
        prompt = note_prompt(note, self.step, self.lang, indent=indent, rank=rank)
        if note.source == "phone":
            prompt = Content.assemble(prompt, "  ", (f"· {self.from_phone}", "dim"))
        if note.id in self.unsaved:
            prompt = Content.assemble(prompt, "  ", (f"⚠ {self.not_saved}", "bold $text-error"))
        return Option(prompt + "\n" if self.spaced else prompt, id=str(note.id))

    def _note_options(self) -> list[Option]:
        if self.ranked:
            return [self._option(note, rank=rank) for rank, note in enumerate(ranked(self.notes), 1)]
        options = []
        known = {group.id for group in self.groups}
        for group in self.groups:
            members = [note for note in self.notes if note.group == group.id]
            heading = Content.styled(f"▸ {display(group.title)}  ({len(members)})", "bold underline $text-secondary")
            options.append(Option(heading, id=f"{GROUP_PREFIX}{group.id}"))
            options += [self._option(note, indent="    ") for note in members]
        options += [self._option(note) for note in self.notes if note.group not in known]
        return options

    wheeled = False
    """The list was scrolled with the mouse wheel since its highlight last moved: a resize leaves it there."""

    def on_resize(self) -> None:
        # The list is filled (and scrolled to its newest note) before the screen is laid out; once its height is
        # known the highlighted note may lie below it: scrolled to again, after its lines are wrapped to the width.
        if not self.wheeled:
            self.call_after_refresh(self.scroll_to_highlight)

    def on_mouse_scroll_down(self) -> None:
        self.wheeled = True

    def on_mouse_scroll_up(self) -> None:
        self.wheeled = True

    def watch_highlighted(self, highlighted: int | None) -> None:
        self.wheeled = False
        super().watch_highlighted(highlighted)

    def space_out(self, spaced: bool) -> None:
        if spaced != self.spaced:
            self.spaced = spaced
            self._redraw(keep=self.highlighted_option_id)

    @property
    def highlighted_option_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def show(
        self,
        notes: Iterable[Note],
        groups: Iterable[Group] = (),
        *,
        unsaved: frozenset[int] = frozenset(),
        newest: bool = False,
    ) -> None:
        """Show these notes. The highlighted note stays highlighted; if it is gone, the note now in its place is
        (the one after it, or the one before at the end). With ``newest``, a note just added is highlighted."""
        notes, groups = tuple(notes), tuple(groups)
        added = notes[-1] if len(notes) == len(self.notes) + 1 and notes[:-1] == self.notes else None
        plain = added is not None and added.group is None and not (added.votes or added.phone_votes)
        if added is not None and plain and (groups, unsaved) == (self.groups, self.unsaved) and added.id not in unsaved:
            # A note typed has no dots and no heading and is the newest, so it goes last in either order. (A phone's
            # note let in under a heading, or with dots, is drawn in its place below.)
            self.notes = notes
            self.add_option(self._option(added, rank=len(notes) if self.ranked else None))
            if newest or self.highlighted is None:
                self.highlighted = self.option_count - 1
                self.scroll_to_highlight()
            return
        if (notes, groups, unsaved) == (self.notes, self.groups, self.unsaved):
            return
        came = newest and bool({note.id for note in notes} - {note.id for note in self.notes})
        self.notes, self.groups, self.unsaved = notes, groups, unsaved
        # Notes that came together (phones' notes let in at once, an undone delete) while nobody moves through the
        # list: the newest is highlighted and in view, as a note typed is.
        keep = None if came else self.highlighted_option_id
        self._redraw(keep=keep)

    def _redraw(self, *, keep: str | None) -> None:
        place = self.highlighted
        self.set_options(self._note_options())
        if not self.option_count:
            return
        try:
            self.highlighted = self.get_option_index(keep) if keep is not None else self.option_count - 1
        except OptionDoesNotExist:  # the highlighted note is gone (deleted): the one in its place now
            self.highlighted = min(place or 0, self.option_count - 1)
        self.scroll_to_highlight()

    def toggle_ranked(self) -> None:
        self.ranked = not self.ranked
        self._redraw(keep=self.highlighted_option_id)

    def select_note(self, note_id: int) -> None:
        self.highlighted = self.get_option_index(str(note_id))
        self.scroll_to_highlight()

    @property
    def highlighted_id(self) -> int | None:
        """The highlighted note's id (``None`` on a heading)."""
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith(GROUP_PREFIX):
            return None
        return int(option.id)

    @property
    def highlighted_group(self) -> int | None:
        """The highlighted heading's group id (``None`` on a note)."""
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith(GROUP_PREFIX):
            return None
        return int(option.id[len(GROUP_PREFIX) :])
