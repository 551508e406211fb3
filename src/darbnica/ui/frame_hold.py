"""A note drawn once, saved: the frame after Enter waits a moment for the writer, and never for a key.

Adding a note changes the screen at once (the input empties, the note is listed "saving") and hands the workshop
to the writer thread. Drawn at once, that frame holds the interpreter's lock while the writer needs it between
the system calls of its write, so the write finishes only after the frame, and a second frame shows the note
saved: two frames, the second one waiting for the first. Held instead, for at most :data:`HOLD_SECONDS`, the
writer writes alone (a few milliseconds on a laptop's disk) and one frame shows the note saved. Nothing waits
for the disk: keys are handled as they come while the frame is held, and a key, a paste or a click draws at once
(what was typed is on screen in the same time as when nothing is being saved). On a slow disk (a USB stick) the
hold ends first, and the note is drawn "saving" as before.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.timer import Timer

HOLD_SECONDS = 0.03
"""The longest a frame waits for the writer: less than a person sees, more than a laptop's disk needs."""


class FrameHold:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._held: tuple[ExitStack, Timer] | None = None

    def until_saved(self) -> None:
        """Draw nothing until :meth:`release` (the writer reported, a key came) or :data:`HOLD_SECONDS`."""
        if self._held is not None:
            return
        frames = ExitStack()
        frames.enter_context(self.app.batch_update())
        self._held = (frames, self.app.set_timer(HOLD_SECONDS, self.release))

    def release(self) -> None:
        """Draw what changed meanwhile (nothing happens if no frame is held)."""
        held, self._held = self._held, None
        if held is not None:
            frames, timer = held
            timer.stop()
            frames.close()
            # The screen skipped its frames while held: it draws what waits at its next idle moment, which on a
            # slow disk would otherwise be the writer's report.
            self.app.screen.check_idle()
