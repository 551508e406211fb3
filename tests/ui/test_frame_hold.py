"""The frame after Enter waits a moment for the writer (``ui/frame_hold.py``), never for the disk: on a disk
whose fsync takes seconds, the note is on the facilitator's screen, saying "saving", long before the file has it.
Run in a pseudo-terminal, where what is drawn is what the terminal shows."""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from darbnica.store import Library
from darbnica.ui import frame_hold
from tests.ui.conftest import settle, type_into
from tests.ui.terminal import ENTER, Terminal
from tests.ui.test_kept_steps import HeldDisk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs the app in a pseudo-terminal (pty)")


def test_on_a_slow_disk_the_note_is_drawn_saving_before_it_is_on_disk(
    library: Library, workshop_id: str, data_home
) -> None:
    app = Terminal(["open", workshop_id, "--step", "problem"], data_home, size=(120, 36), fsync_delay=3.0)
    try:
        app.wait_for("Type a note and press Enter")
        app.send(b"Nav autobusa", ENTER, pause=0.05)
        # Held frames used to wait for the writer's report: the note was drawn only once the file had it.
        app.wait_for("Nav autobusa", "saving", timeout=2.5)
        assert library.read(workshop_id).notes == ()  # drawn before the disk had it, and said so
        app.send(b"x", pause=0.05)  # a key during the save is drawn at once too
        app.wait_for("saving", timeout=2.5)
        assert library.read(workshop_id).notes == ()
    finally:
        app.process.kill()
        app.close()


async def test_a_held_frame_is_drawn_when_the_hold_ends_though_the_disk_is_still_busy(
    app_factory, library: Library, workshop_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hold ends by itself, the writer still busy: the screen draws (the note, "saving") without waiting for
    the writer's report."""
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        drawn: list[float] = []
        display = app._display

        def counting(screen: Any, renderable: Any) -> None:
            drawn.append(time.monotonic())
            display(screen, renderable)

        held: list[float] = []
        hold = app.frame_hold.until_saved

        def holding() -> None:
            held.append(time.monotonic())
            hold()

        monkeypatch.setattr(app, "_display", counting)
        monkeypatch.setattr(app.frame_hold, "until_saved", holding)
        disk = HeldDisk(monkeypatch)
        disk.held = True
        await type_into(pilot, "#note-input", "Nav autobusa")
        await pilot.pause(frame_hold.HOLD_SECONDS * 10)
        assert library.read(workshop_id).notes == ()  # the disk still has it
        (entered,) = held
        assert [t for t in drawn if t > entered]  # drawn meanwhile, saving
        disk.held = False
        await settle(pilot)
