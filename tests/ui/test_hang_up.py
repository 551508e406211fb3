"""The terminal window is closed (SIGHUP) or the laptop shuts down (SIGTERM) while a note is half typed: the app
ends as with Ctrl+Q, keeping the half-typed note for next time and releasing the workshop."""

from __future__ import annotations

import signal
import sys

import pytest

from darbnica.editing import Editor
from darbnica.store import Library
from darbnica.store.lock import describe_owner
from tests.ui.terminal import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals, in a pseudo-terminal (pty)")


@pytest.mark.parametrize("hang_up", ["SIGHUP", "SIGTERM"])
def test_a_hang_up_keeps_the_half_typed_note(library: Library, workshop_id: str, data_home, hang_up: str) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "jau saglabāta")
    terminal = Terminal(["open", workshop_id, "--step", "problem"], data_home)
    try:
        terminal.wait_for("jau saglabāta")
        terminal.send("pusē uzrakstīta".encode())
        terminal.wait_for("pusē uzrakstīta")
        terminal.process.send_signal(getattr(signal, hang_up))
        terminal.process.wait(timeout=20)
    finally:
        terminal.close()
    workshop = library.read(workshop_id)
    assert workshop.drafts == {"problem": "pusē uzrakstīta"}
    assert [n.text for n in workshop.notes] == ["jau saglabāta"]
    assert describe_owner(library.path_of(workshop_id)) is None  # closed properly: no record of a holder left
    with library.open(workshop_id):
        pass
