"""Where the facilitator types notes: one line, Enter adds it; the tag the next note gets is on the border."""

from __future__ import annotations

from textual import events

from darbnica.model import Step
from darbnica.ui.widgets.tags import tag_content
from darbnica.ui.widgets.text_input import TextInput


class NoteInput(TextInput):
    """The note field of a step (see :class:`TextInput` for the order of keys and pastes)."""

    tag: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        # The screen's Ctrl+T, run from the field's own queue, in the order typed (see in_order.py): left to the
        # screen's binding, Ctrl+T, a note and Enter typed together saved the note with the old tag. (Handled here,
        # not bound here: the key line keeps the screen's key where it is.)
        if event.key == "ctrl+t" and self.app.focused is self and self.screen is self.app.screen:
            event.stop()
            event.prevent_default()
            await self.app.run_action("screen.cycle_tag", self)
            return
        await super()._on_key(event)

    def show_tag(self, step: Step, tag: str | None, lang: str) -> None:
        """Show, on the input's border, the tag the next note gets."""
        self.tag = tag
        self.border_title = tag_content(step, tag, lang, none=self.app.t("notes.no_tag")) if step.tags else None
