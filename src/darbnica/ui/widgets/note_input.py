"""Where the facilitator types notes: one line, Enter adds it; the tag the next note gets is on the border."""

from __future__ import annotations

from darbnica.model import Step
from darbnica.ui.widgets.tags import tag_content
from darbnica.ui.widgets.text_input import TextInput


class NoteInput(TextInput):
    """The note field of a step (see :class:`TextInput` for the order of keys and pastes)."""

    tag: str | None = None

    def show_tag(self, step: Step, tag: str | None, lang: str) -> None:
        """Show, on the input's border, the tag the next note gets."""
        self.tag = tag
        self.border_title = tag_content(step, tag, lang, none=self.app.t("notes.no_tag")) if step.tags else None
