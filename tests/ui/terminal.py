"""A real darbnica process in a pseudo-terminal, and a terminal emulator (pyte) reading what it writes.

Pilot tests run the app with a headless driver that writes nothing; these show what the real Textual driver
sends to a terminal, byte for byte, and what a terminal would show from it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pyte

# Textual asks for the kitty keyboard protocol with CSI > 1 u (and leaves it with CSI < u); pyte does not know the
# sequence and would print its final "u". Only these are dropped before the emulator sees the output.
_KITTY_KEYBOARD = re.compile(rb"\x1b\[[<>=?]\d*u")
_KITTY_UNFINISHED = re.compile(rb"\x1b(\[([<>=?]\d*)?)?\Z")
"""The start of such a sequence at the end of what was read so far: held back until the rest arrives."""

_BORDERS = re.compile("[\u2500-\u259f]")

PAGE_DOWN = b"\x1b[6~"
PAGE_UP = b"\x1b[5~"
CTRL_Q = b"\x11"
ENTER = b"\r"
TAB = b"\t"
BACKSPACE = b"\x7f"
DOWN = b"\x1b[B"
UP = b"\x1b[A"
END = b"\x1b[F"


class Terminal:
    def __init__(
        self,
        args: Sequence[str],
        data_dir: Path,
        size: tuple[int, int] = (100, 30),
        *,
        fsync_delay: float = 0.0,
    ) -> None:
        """Start ``darbnica *args``; with ``fsync_delay``, on a disk whose every fsync takes that long."""
        self.columns, self.lines = size
        env = {
            **os.environ,
            "DARBNICA_HOME": str(data_dir),
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LANG": "en_GB.UTF-8",
            "DARBNICA_TEST_FSYNC_DELAY": str(fsync_delay),
        }
        env.pop("LC_ALL", None)
        # The terminal's size is the pseudo-terminal's: sizes in the environment (a test runner's worker may set
        # them) would win over it.
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        command = ["-m", "darbnica"] if not fsync_delay else ["-c", "import tests.slow_disk as s; s.run()"]
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, *command, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self._master = master
        self.output = bytearray()
        # One emulator fed as the output grows: feeding it everything again at each look made a test that looks
        # often quadratic in the output, minutes long on a loaded machine.
        self._screen = pyte.Screen(self.columns, self.lines)
        self._stream = pyte.ByteStream(self._screen)
        self._fed = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self._master], [], [], 0.1)
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # the other end closed: the process is gone
                return
            if not chunk:
                return
            self.output += chunk

    @property
    def pid(self) -> int:
        return self.process.pid

    def screen(self) -> list[str]:
        """The lines a terminal of this size shows now."""
        new = bytes(self.output[self._fed :])
        unfinished = _KITTY_UNFINISHED.search(new)
        if unfinished:
            new = new[: unfinished.start()]
        self._fed += len(new)
        self._stream.feed(_KITTY_KEYBOARD.sub(b"", new))
        return list(self._screen.display)

    def shows(self, *texts: str) -> bool:
        """Whether all ``texts`` are on screen. A text may wrap from one line to the next (as in a notification):
        the lines are joined, without box-drawing and block characters (borders), spaces collapsed."""
        flat = re.sub(r"\s+", " ", _BORDERS.sub(" ", " ".join(self.screen())))
        return all(text in flat for text in texts)

    def wait_for(self, *texts: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.shows(*texts):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{texts} not shown; the screen:\n" + "\n".join(self.screen()))
            time.sleep(0.1)

    def type(self, text: bytes, every: float) -> None:
        """Type ``text`` one byte at a time, ``every`` seconds apart (a person typing fast)."""
        for byte in text:
            os.write(self._master, bytes([byte]))
            time.sleep(every)

    def burst(self, keys: bytes) -> None:
        """Everything at once, in one write: a paste without bracketed paste, keys batched by SSH or a stall."""
        os.write(self._master, keys)

    def send(self, *keys: bytes, pause: float = 0.3) -> None:
        for key in keys:
            os.write(self._master, key)
            time.sleep(pause)

    def close(self) -> int | None:
        """Quit (Ctrl+Q), and kill the process if it does not end; return its exit code if it quit itself."""
        if self.process.poll() is None:
            self.send(CTRL_Q)
        try:
            code: int | None = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = None
        self._reader.join(timeout=5)
        os.close(self._master)
        return code
