"""One line on a step screen while the disk refuses what was typed: what is wrong, and that nothing is lost.

Everything typed stays on screen and in memory, and the writer tries again every few seconds and at each new
change; the line goes away when the disk takes it all (and the app says "saved").
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from darbnica.editing import Editor
from darbnica.ui.access import InDarbnica


class SaveStatus(InDarbnica, Static):
    def on_mount(self) -> None:
        self.app.workshop_changed.subscribe(self, self.show, immediate=True)
        if self.app.editor is not None:
            self.show(self.app.editor)

    def show(self, editor: Editor) -> None:
        refused = editor.save_error
        self.display = refused is not None
        if refused is not None:
            self.update(Content(f"⚠ {self.app.message(refused)}  {self.app.t('step.kept_retrying')}"))
