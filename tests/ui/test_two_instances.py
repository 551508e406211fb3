"""Two real processes on one workshop: the app in a terminal, then a second app and the CLI. The second is refused
and told which process has the workshop; once the first is killed, its lock is taken over at once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from darbnica.store import Library
from tests.ui.terminal import ENTER, Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs the app in a pseudo-terminal (pty)")

QUESTION = "Kādu problēmu Jūs mēģināt atrisināt?"  # the problem step, in the workshop's language


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "darbnica", "--lang", "en", *args], capture_output=True, text=True)


def wait_for_notes(library: Library, workshop_id: str, count: int) -> list[str]:
    deadline = time.monotonic() + 20
    while len(library.read(workshop_id).notes) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return [n.text for n in library.read(workshop_id).notes]


def test_the_second_app_and_the_cli_are_refused_until_the_first_dies(library: Library, workshop_id: str, data_home):
    first = Terminal(["open", workshop_id, "--step", "problem"], data_home)
    try:
        first.wait_for(QUESTION)

        refused = cli("add", workshop_id, "problem", "no otra procesa")
        assert refused.returncode == 1
        holder = f"(process {first.pid} (darbnica open {workshop_id} --step problem)"
        assert f"is open in another darbnica {holder}" in refused.stderr

        second = Terminal(["open", workshop_id], data_home)
        try:
            second.wait_for("is open in another darbnica (process", f"{first.pid} (darbnica open")
            second.wait_for("New workshop")  # it stays, on its home screen (its key line may come a frame later)
        finally:
            assert second.close() == 0

        first.send(b"pirmais raksta", ENTER)  # the first app is not disturbed
        assert wait_for_notes(library, workshop_id, 1) == ["pirmais raksta"]
    finally:
        first.process.kill()  # SIGKILL: no clean-up, its lock record stays behind
        first.close()

    taken_over = cli("add", workshop_id, "problem", "pēc avārijas")
    assert taken_over.returncode == 0, taken_over.stderr
    assert wait_for_notes(library, workshop_id, 2) == ["pirmais raksta", "pēc avārijas"]

    third = Terminal(["open", workshop_id, "--step", "problem"], data_home)
    try:
        third.wait_for(QUESTION, "pirmais raksta", "pēc avārijas")
    finally:
        assert third.close() == 0
