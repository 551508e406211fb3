"""One line on every step while share mode is on: where the room opens the workshop, and how many notes from
phones wait for the facilitator (F10 shows them); with share mode off, only while notes wait."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from darbnica.share.links import this_computer_only
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

    def on_resize(self) -> None:
        self.show()

    def show(self, _why: Any = None) -> None:
        sharing, t = self.app.sharing, self.app.t
        url, editor = sharing.url, self.app.editor
        waiting = len(sharing.room.waiting(editor.workshop)) if sharing.room is not None and editor else 0
        # Notes left from before (a crash, an earlier share) are counted with share mode off too: else the
        # facilitator sees nothing and may think they are lost.
        self.display = url is not None or waiting > 0
        self.set_class(url is None, "-not-sharing")
        badge = [f"▲ {t('queue.badge', count=waiting)}"] if waiting else []  # first: it must never be cut off
        lines = ["   ".join(badge)]
        if url is not None:
            local = this_computer_only(url)
            said = t("share.local_only" if local else "share.serving", url=url)
            # The sentence, else the address alone: a link cut off at its end cannot be typed into a phone. A link
            # no phone can open says so in a few words where the sentence does not fit.
            shares = [f"● {said}  (F6)", *([f"● {url} · {t('share.only_here')}"] if local else []), f"● {url}  (F6)"]
            lines = ["   ".join([*badge, share]) for share in [*shares, f"● {url}"]]
        room = self.content_size.width
        line = next((line for line in lines if cell_len(line) <= room), lines[-1]) if room else lines[0]
        if line != self.line:  # an update lays the whole screen out again: not at every note, for the same line
            self.line = line
            self.update(Content(line))
