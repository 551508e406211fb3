"""Keys take effect in the order they were typed, whatever the load.

Textual types a printable key into the focused widget from that widget's own queue of events, but runs a bound
key (Enter, Backspace, the arrows, Tab, a list's letter keys) only after the key has travelled up to the app. When
keys arrive together (a paste without bracketed paste, typing over SSH, a moment of stall), the keys behind a bound
key are therefore handled before it: "alpha⏎bravo" became "alphabravo", "what⇥who" went into one field. A widget
with :class:`KeysInOrder` runs its own bindings, and Tab, from its own queue, in order. Keys that reach it after
the focus has moved on (they were sent to it while it had the focus) are passed on, in the order they came, to the
widget that has the focus now, on this screen or on one a key before them put on top.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.widget import Widget

# A plain mixin at run time: Textual inherits a widget's default CSS and component classes through the first of its
# bases that is a widget, so the mixin must not be one. Type checkers see the widget it is mixed into.
if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object


@cache
def _own_keys(widget_class: type[Widget]) -> dict[str, list[Binding]]:
    """The keys a widget class binds, a subclass's binding of a key replacing its base's (as Textual merges them)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(widget_class.__mro__):
        keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return keys


class KeysInOrder(_Mixin):
    """Mix in before a focusable widget class: ``class NoteList(KeysInOrder, OptionList)``."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self and focused.screen is self.screen:
            # Typed while this widget had the focus, but the focus has moved on since (Tab, Enter): it goes there.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if self.screen is not self.app.screen:
            # Typed while this widget had the focus, but a key before it put another screen on top (e on a note:
            # its dialog) or took this one away: it is for that screen, once it is there, as if typed now.
            event.stop()
            event.prevent_default()
            key = events.Key(event.key, event.character)
            self.call_later(once_on_top, self.app, lambda: self.app.post_message(key))  # as if typed now
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        for binding in _own_keys(type(self)).get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)  # a letter is typed; any other key goes on to the screen's bindings

    def pass_typing(self, event: events.Key, field: Widget) -> bool:
        """For a list that has no use for letters: a printable key that is none of the keys bound here (the list's,
        the screen's, the app's) goes to ``field``, and the focus with it, so the keys typed behind it follow there
        in order. Returns whether it went; what is typed with the focus on the list is then not lost."""
        if self.app.focused is not self or not event.is_printable or event.key in self.screen.active_bindings:
            return False
        event.stop()
        event.prevent_default()
        self.screen.set_focus(field)
        field.post_message(events.Key(event.key, event.character))
        return True


async def once_on_top(app: App[Any], callback: Callable[[], object]) -> None:
    """Run ``callback`` (awaited if it is a coroutine) once the screen on top of ``app`` is mounted: one switched to
    or pushed a moment ago (by a key before, in the same burst) must be there, its fields to take keys or be read."""
    if not app.screen.is_mounted:
        app.screen.call_later(once_on_top, app, callback)  # the screen's composing and mounting come first in its queue
        return
    result = callback()
    if inspect.isawaitable(result):
        await result
