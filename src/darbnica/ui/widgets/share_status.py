"""One line on every step while share mode is on, saying where the room can open the summary."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from darbnica.ui.access import InDarbnica


class ShareStatus(InDarbnica, Static):
    def on_mount(self) -> None:
        self.app.sharing.changed.subscribe(self, self.show)
        self.show(self.app.sharing.url)

    def show(self, url: str | None) -> None:
        self.display = url is not None
        if url is not None:
            local = url.startswith(("http://127.", "http://localhost", "http://[::1]"))
            self.update(Content(f"● {self.app.t('share.local_only' if local else 'share.serving', url=url)}  (F6)"))
