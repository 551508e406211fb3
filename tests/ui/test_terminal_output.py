"""Escape sequences typed by hand into a workshop file, bypassing the cleaning of typed text, never reach the real
terminal: the app runs in a pseudo-terminal, every byte the Textual driver writes is kept, and a terminal emulator
shows what a facilitator would see. Each place text is shown gets its own marker: the header, the step bar, a note,
a tag, a head-count group, the context inputs, the vision, a task and the home screen's list."""

from __future__ import annotations

import json
import sys
import time

import pytest

from darbnica.editing import Editor
from darbnica.store import Library
from tests.ui.terminal import ENTER, PAGE_DOWN, Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs the app in a pseudo-terminal (pty)")


def hostile(marker: str) -> str:
    """Clear the screen, jump to the top left, set the window title, turn red: each followed by the marker (but the
    title's, which is the sequence's own and goes with it)."""
    return f"\x1b[2J\x1b[1;1H{marker}\x1b]0;{marker}\x07-\x1b[31m{marker}"


MARKERS = ["TITLE", "STEPBAR", "NOTE", "TAG", "GROUP", "VISION", "TASK"]


def test_hand_edited_escapes_are_shown_as_text_not_obeyed(library: Library, workshop_id: str, data_home) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "placeholder", tag="need")
        file.add_action("placeholder")
        file.set_headcount("placeholder", 3)
    path = library.path_of(workshop_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["meta"]["1"]
    meta["title"] = "Tūja " + hostile("TITLE")
    meta["vision"] = "Zaļš " + hostile("VISION")
    meta["headcounts"] = [{"group": "g " + hostile("GROUP"), "count": 3}]
    meta["current_step"] = "context"
    steps = meta["plan"]["steps"]
    steps[1]["title"]["lv"] = "Problēma " + hostile("STEPBAR")
    steps[1]["tags"][0]["label"]["lv"] = "vajadzība " + hostile("TAG")
    data["notes"]["1"]["text"] = "doma " + hostile("NOTE")
    data["actions"]["1"]["what"] = "darbs " + hostile("TASK")
    path.write_text(json.dumps(data), encoding="utf-8")

    # Each step is recognised by the start of its first hint: plain text, where the question may be drawn in
    # block letters on a screen this size.
    hints = [step.hints["lv"][0][:24] for step in library.read(workshop_id).plan.steps]
    terminal = Terminal([], data_home, size=(160, 45))
    try:
        terminal.wait_for("TITLE-TITLE")  # the home screen's list
        terminal.send(ENTER)  # review it (read only) …
        terminal.wait_for("TITLE-TITLE")
        terminal.send(b"e")  # … then continue it, at the context step
        seen = {marker: False for marker in MARKERS}
        for hint in hints:  # every step, from the context step on
            terminal.wait_for(hint)
            # The step's lists may be drawn a frame after its hints: look for a moment, not once.
            for _ in range(10):
                for marker in MARKERS:
                    seen[marker] = seen[marker] or terminal.shows(f"{marker}-{marker}")
                time.sleep(0.1)
            terminal.send(PAGE_DOWN)
    finally:
        assert terminal.close() == 0
    output = bytes(terminal.output)
    for marker in MARKERS:
        for sequence in (f"\x1b[1;1H{marker}", f"\x1b]0;{marker}", f"\x1b[31m{marker}"):
            assert sequence.encode() not in output, f"{sequence!r} reached the terminal"
    assert seen == dict.fromkeys(MARKERS, True)  # and the text around each was shown, where it belongs
