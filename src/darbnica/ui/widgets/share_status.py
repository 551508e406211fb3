"""One line on every step while share mode is on: where the room opens the workshop, and how many notes from
phones wait for the facilitator (F10 shows them); with share mode off, only while notes wait."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from darbnica.ui.access import InDarbnica


class ShareStatus(InDarbnica, Static):
    line = ""
    """The line as last shown."""

    def on_mount(self) -> None:
        sharing = self.app.sharing
        sharing.changed.subscribe(self, self.show)
        sharing.room_changed.subscribe(self, self.show)
        self.app.workshop_changed.subscribe(self, self.show)  # a note let in waits no more
        self.show()

    def show(self, _why: Any = None) -> None:
        sharing, t = self.app.sharing, self.app.t
        url, editor = sharing.url, self.app.editor
        waiting = len(sharing.room.waiting(editor.workshop)) if sharing.room is not None and editor else 0
        # Notes left from before (a crash, an earlier share) are counted with share mode off too: else the
        # facilitator sees nothing and may think they are lost.
        self.display = url is not None or waiting > 0
        self.set_class(url is None, "-not-sharing")
        parts = []
        if waiting:  # first: at 80 columns the address may be cut off, the notes waiting must not
            parts.append(f"▲ {t('queue.badge', count=waiting)}")
        if url is not None:
            local = url.startswith(("http://127.", "http://localhost", "http://[::1]"))
            parts.append(f"● {t('share.local_only' if local else 'share.serving', url=url)}  (F6)")
        line = "   ".join(parts)
        if line != self.line:  # an update lays the whole screen out again: not at every note, for the same line
            self.line = line
            self.update(Content(line))
