"""Where the facilitator types notes: one line, Enter adds it; the tag the next note gets is on the border."""

from __future__ import annotations

from textual.binding import Binding

from darbnica.model import Step
from darbnica.ui.widgets.tags import tag_content
from darbnica.ui.widgets.text_input import TextInput


class NoteInput(TextInput):
    """The note field of a step (see :class:`TextInput` for the order of keys and pastes)."""

    # The screen's key, bound here too so that it runs from the field's own queue, in the order typed (see
    # in_order.py): bound on the screen only, Ctrl+T, a note and Enter typed together saved the note with the old tag.
    BINDINGS = [Binding("ctrl+t", "screen.cycle_tag", "key.tag")]

    tag: str | None = None

    def show_tag(self, step: Step, tag: str | None, lang: str) -> None:
        """Show, on the input's border, the tag the next note gets."""
        self.tag = tag
        self.border_title = tag_content(step, tag, lang, none=self.app.t("notes.no_tag")) if step.tags else None
