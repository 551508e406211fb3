"""The library's list of workshops: a :class:`LongTable` with the keys that act on the highlighted workshop."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message

from darbnica.ui.widgets.long_table import LongTable


class LibraryTable(LongTable):
    """The workshops, one a row; the keys act on the highlighted one (the screen does the work)."""

    HELP_HEADING = "help.library_list"

    # In the order of use, so the ones that fit in a narrow footer are the ones needed most.
    BINDINGS = [
        Binding("enter", "select_cursor", "key.review"),
        Binding("slash", "screen.focus_filter", "key.filter", key_display="/"),
        Binding("e", "screen.resume", "key.resume"),
        Binding("n", "screen.new_workshop", "key.new_workshop"),
        Binding("f", "screen.follow_up", "key.follow_up"),
        Binding("a", "screen.responsibilities", "key.responsibilities"),
        Binding("o", "screen.sort", "key.sort"),
        Binding("d", "screen.details", "key.details"),
        Binding("c", "screen.duplicate", "key.duplicate"),
        Binding("delete", "screen.delete", "key.delete"),
        Binding("t", "screen.trash", "key.trash"),
        Binding("escape", "screen.focus_filter", "key.filter", show=False),
    ]
    ACTION_KEYS = frozenset(binding.key for binding in BINDINGS if isinstance(binding, Binding))

    def on_key(self, event: events.Key) -> None:
        """A letter that is not one of the list's keys starts a search, as if typed in the filter."""
        if event.is_printable and event.character and event.key not in self.ACTION_KEYS:
            event.stop()
            event.prevent_default()
            self.screen.post_message(LibraryTable.Typed(event.character))

    @dataclass
    class Typed(Message):
        """A character typed while the list had the focus, for the filter."""

        character: str

    class Resized(Message):
        """The list has a new size: its columns are fitted to its width."""

    def on_resize(self) -> None:
        self.post_message(LibraryTable.Resized())
