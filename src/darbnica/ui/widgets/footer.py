"""The key footer: every key that works where the cursor is, on as many lines as the width needs, made again only
when the keys it shows (or the lines they fall on) have changed.

Textual's :class:`~textual.widgets.Footer` is one line that scrolls sideways: at 160 columns it cut the step
screen's keys at "F7 Taimeris", and the note list's g and p never showed at all. Here the keys wrap onto the next
line, in their order, so every key on the line is one the room's facilitator can read.

Textual's footer also throws its keys away and makes them again whenever its screen says its bindings may have
changed: on every change of focus, and every time a dialog on top of the screen closes. Each key is a widget,
styled and laid out afresh, so a footer of a dozen keys costs tens of milliseconds each time, and most of those
times it shows exactly the keys it already shows (closing the export dialog did it three times).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer

KEY_GAP = 3
"""Cells a key takes besides its key and its words: one before and one after the key, one after the words."""
PALETTE_EXTRA = 2
"""The palette key, at the end of the last line, also has a rule before it and a cell after it."""


def key_width(key: Widget) -> int:
    """The cells one of Textual's footer keys takes on the key line (its class is not public: read by name)."""
    extra = PALETTE_EXTRA if key.has_class("-command-palette") else 0
    words = f"{getattr(key, 'key_display', '')}{getattr(key, 'description', '')}"
    return cell_len(words) + KEY_GAP + extra


def lines_of(widths: Iterable[int], width: int) -> list[int]:
    """How many keys go on each line of ``width`` cells, in their order; a key wider than a line has one alone."""
    counts: list[int] = []
    used = 0
    for key in widths:
        if counts and used + key <= width:
            counts[-1] += 1
            used += key
        else:
            counts.append(1)
            used = key
    return counts


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` whose keys wrap onto more lines, kept while the keys to show are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: object = None
        """What the keys on display were made from; ``None`` while there are none."""

    def _width(self) -> int:
        return self.app.size.width  # the footer is docked across the whole screen

    def _keys(self) -> list[Widget]:
        return list(super().compose())  # one widget a key: no binding here is in a group

    def shown(self) -> object:
        """Everything the keys are made from: any change here means other keys, or keys on other lines."""
        bindings = tuple(
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return bindings, self.show_command_palette, self._width()

    def compose(self) -> ComposeResult:
        shown = self.shown()
        keys = self._keys()
        self._shown = shown if keys else None  # the footer makes no keys until its screen's bindings are ready
        for line in self._lines(keys):
            with HorizontalGroup(classes="key-line"):
                yield from line

    def _lines(self, keys: list[Widget]) -> Iterator[list[Widget]]:
        start = 0
        for count in lines_of((key_width(key) for key in keys), self._width()):
            yield keys[start : start + count]
            start += count

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and self._shown == self.shown():
            return
        await super().recompose()

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self._shown != self.shown():
            self.call_after_refresh(self.recompose)
