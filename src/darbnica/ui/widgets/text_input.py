"""Every text field of the app: keys in the order typed (see :mod:`.in_order`), Enter handed to the field's owner.

Enter hands the text to its owner in the same step that clears the field, before the next key is handled, so a
note typed in a burst of keys is exactly what was typed before its Enter. A paste is folded into one line and
checked against the limit: a paste longer than the field holds is refused with a message rather than cut short or
dropped silently (the clipboard still has it). Keys typed into a full field are not added, and the field says so
once, rather than only ringing the bell for each (a thousand keys held down ring unseen). No field selects its
text when it gets the focus: the first key typed must not replace a title.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from darbnica.text import NOTE_LIMIT, clean_line
from darbnica.ui.access import InDarbnica
from darbnica.ui.widgets.in_order import KeysInOrder

Entered = Callable[[str], bool]
"""Called with the text when Enter is pressed; returns whether it was taken (then the field is cleared)."""


class TextInput(InDarbnica, KeysInOrder, Input):
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
        disabled: bool = False,
    ) -> None:
        # Before Input's own set-up, which sets the value and so calls watch_value below.
        self.limit = limit
        self._told_full = False
        """Whether the field has said it is full since it last filled up: said once each time it fills."""
        super().__init__(
            value,
            placeholder=placeholder,
            max_length=limit,
            type=type,  # type: ignore[arg-type]
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            select_on_focus=False,
            valid_empty=type == "integer",  # an empty count is no count, not a mistake (text has no validators)
        )
        self.entered = entered
        """Who takes the text at Enter; without one, Enter posts :class:`Input.Submitted` as usual."""

    async def action_submit(self) -> None:
        if self.entered is None:
            await super().action_submit()
        elif self.entered(self.value):
            self.clear()

    def restricted(self) -> None:
        if len(self.value) < self.limit:
            super().restricted()  # a key the field's type refuses (a letter in a number): the bell, as Textual does
        elif not self._told_full:
            self._told_full = True
            self.app.notify(self.app.t("notes.field_full", limit=self.limit), severity="warning", timeout=10)

    def watch_value(self, value: str) -> None:
        if len(value) < self.limit:
            self._told_full = False  # emptied by Enter, or shortened: the next time it fills, it says so again

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
