"""Every text field of the app: its keys take effect in the order they were typed, whatever the load.

Textual types a printable key into an :class:`~textual.widgets.Input` from the input's own queue of events, but runs
a bound key (Enter, Backspace, the arrows, Tab) only after the key has travelled up to the app. When keys arrive
together (a paste without bracketed paste, typing over SSH, a moment of stall) the letters after Enter are
therefore typed before Enter is handled: "alpha⏎bravo" became "alphabravo". Here the input's own keys, Enter and
Tab are handled in the input's queue, in order, and Enter hands the text to its owner in the same step that
clears it. Keys that were already on their way to this input when the focus moved on (after Tab, or an Enter that
closed a dialog) are passed on to the widget that has the focus now, in the order they came.

A paste is folded into one line and checked against the limit: a paste longer than the field holds is refused
with a message rather than cut short or dropped silently (the clipboard still has it).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, getters
from textual.binding import BindingsMap, NoBinding
from textual.widgets import Input

from darbnica.text import NOTE_LIMIT, clean_line
from darbnica.ui.app import DarbnicaApp

_OWN_KEYS = BindingsMap(Input.BINDINGS)
"""The keys an input binds for itself (cursor moves, deleting): run in order with the letters around them."""

Entered = Callable[[str], bool]
"""Called with the text when Enter is pressed; returns whether it was taken (then the field is cleared)."""


class TextInput(Input):
    app = getters.app(DarbnicaApp)

    def __init__(
        self,
        value: str = "",
        *,
        limit: int = NOTE_LIMIT,
        placeholder: str = "",
        entered: Entered | None = None,
        type: str = "text",  # noqa: A002
        name: str | None = None,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        # No field selects its text when it gets the focus: the first key typed must not replace a title.
        super().__init__(
            value,
            placeholder=placeholder,
            max_length=limit,
            type=type,  # type: ignore[arg-type]
            name=name,
            id=id,
            classes=classes,
            select_on_focus=False,
        )
        self.limit = limit
        self.entered = entered
        """Who takes the text at Enter; without one, Enter posts :class:`Input.Submitted` as usual."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self and focused.screen is self.app.screen:
            # Typed while this field had the focus, but it has moved on since (Tab, Enter): it belongs there.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        try:
            bindings = _OWN_KEYS.get_bindings_for_key(event.key)
        except NoBinding:
            await super()._on_key(event)  # a letter is typed here; other keys go on to the screen's bindings
            return
        event.stop()
        event.prevent_default()
        for binding in bindings:
            await self.run_action(binding.action)

    async def action_submit(self) -> None:
        if self.entered is None:
            await super().action_submit()
        elif self.entered(self.value):
            self.clear()

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # replaces Input's paste, which keeps only the first line
        event.stop()
        text = clean_line(event.text)
        selection = self.selection
        kept = len(self.value) - abs(selection.end - selection.start)
        if kept + len(text) > self.limit:
            self.app.notify(
                self.app.t("notes.paste_refused", length=len(text), limit=self.limit),
                severity="warning",
                timeout=10,
            )
            return
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *sorted(selection))
