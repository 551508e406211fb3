"""Where the facilitator types notes: one line, Enter adds it. Pastes are folded into one line and checked."""

from __future__ import annotations

from textual import events, getters
from textual.widgets import Input

from darbnica.model import Step
from darbnica.text import NOTE_LIMIT, clean_line
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.widgets.tags import tag_content


class NoteInput(Input):
    """An input for one note.

    A paste longer than a note can hold is refused with a message rather than cut short or dropped silently, so
    nothing the facilitator meant to keep disappears; the clipboard still has it.
    """

    app = getters.app(DarbnicaApp)

    def __init__(self, *, limit: int = NOTE_LIMIT, placeholder: str = "", id: str | None = None) -> None:  # noqa: A002
        super().__init__(placeholder=placeholder, max_length=limit, id=id, select_on_focus=False)
        self.limit = limit
        self.tag: str | None = None

    def show_tag(self, step: Step, tag: str | None, lang: str) -> None:
        """Show, on the input's border, the tag the next note gets."""
        self.tag = tag
        self.border_title = tag_content(step, tag, lang, none=self.app.t("notes.no_tag")) if step.tags else None

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
