"""Seeing what a Textual app puts on the screen, and when, without changing the app.

A benchmark process runs the app with :class:`FrameSink` as its driver: a headless driver that still asks Textual
to render every frame to terminal output (``is_headless`` is false), the way a real terminal run does, and then
throws the bytes away after noting the time and looking for expected text in them. "On screen" therefore means:
the frame that contains it has been rendered and handed to the terminal. Keys are sent through the driver, as a
terminal's input would be.

:func:`instrumented` makes a subclass of any app class that uses the sink and runs a scenario as Textual's
auto-pilot; the app itself knows nothing of it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot  # loaded by App.run_async anyway, for its auto-pilot

SIZE = (160, 45)
"""The terminal size: a projector at a readable font size."""
QUIET = 0.3
"""Seconds without a new frame after which an app counts as idle."""
TIMEOUT = 60.0
"""Seconds to wait for something to appear before the scenario fails."""


class Timeout(RuntimeError):
    pass


class FrameSink(HeadlessDriver):
    """A driver that makes the app render each frame as for a terminal, notes when, and drops the bytes."""

    latest: FrameSink | None = None
    """The driver of the app running in this process (one at a time)."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self.frames = 0
        self.last_frame = time.monotonic()
        self.wanted: str | None = None
        self.wanted_when: Callable[[], bool] = lambda: True
        self.settled: Callable[[], bool] = lambda: True
        self.text_drawn = False
        self.seen_at: float | None = None
        self._appeared = asyncio.Event()
        FrameSink.latest = self

    @property
    def is_headless(self) -> bool:
        return False  # so that Textual renders frames to terminal output and writes them here

    def write(self, data: str) -> None:
        now = time.monotonic()
        self.frames += 1
        self.last_frame = now
        if self.wanted is None or self.seen_at is not None:
            return
        if not self.text_drawn and self.wanted in data and self.wanted_when():
            self.text_drawn = True
        # A frame draws only what changed: the one that finally says "saved" need not hold the text again.
        if self.text_drawn and self.settled():
            self.seen_at = now
            self._appeared.set()

    def expect(
        self, text: str, when: Callable[[], bool] = lambda: True, settled: Callable[[], bool] = lambda: True
    ) -> None:
        """Watch the frames from now on for ``text`` in a frame drawn once ``when()`` holds, and then for the
        first frame (that one or a later one) drawn once ``settled()`` holds.

        ``when`` tells the text where it is meant to be from the same text elsewhere: a note typed in the input
        is the same text as the note added to the list. ``settled`` waits for what the frame must also show, such
        as the note being saved.
        """
        self.wanted = text
        self.wanted_when = when
        self.settled = settled
        self.text_drawn = False
        self.seen_at = None
        self._appeared.clear()

    def press(self, key: str, character: str | None = None) -> float:
        """Send a key as a terminal would; return when it was sent."""
        sent = time.monotonic()
        self.send_message(events.Key(key, character))
        return sent

    async def seen(self, timeout: float = TIMEOUT) -> float:
        """When the expected text was first on screen (waiting for it if need be)."""
        try:
            await asyncio.wait_for(self._appeared.wait(), timeout)
        except TimeoutError:
            raise Timeout(f"{self.wanted!r} did not appear on screen within {timeout} s") from None
        assert self.seen_at is not None
        return self.seen_at

    async def until(self, condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        """Wait until ``condition()`` holds and a frame has been drawn."""
        deadline = time.monotonic() + timeout
        while not (self.frames and condition()):
            if time.monotonic() > deadline:
                raise Timeout(f"the app did not reach {condition.__name__} within {timeout} s")
            await asyncio.sleep(0.005)

    async def quiet(self, app: App[Any], quiet: float = QUIET, timeout: float = TIMEOUT) -> float:
        """Wait until no frame has come for ``quiet`` seconds (counting from now, so that what was just sent has
        time to arrive) and no worker runs; return the last frame's time."""
        start = time.monotonic()
        deadline = start + timeout
        while time.monotonic() - max(self.last_frame, start) < quiet or any(w.is_running for w in app.workers):
            if time.monotonic() > deadline:
                raise Timeout(f"the app did not go idle within {timeout} s")
            await asyncio.sleep(0.02)
        return self.last_frame


def sink() -> FrameSink:
    assert FrameSink.latest is not None, "no app is running with the frame sink"
    return FrameSink.latest


AppType = TypeVar("AppType", bound=App[Any])
Scenario = Callable[[Pilot[Any]], Awaitable[None]]


def instrumented(app_class: type[AppType], scenario: Scenario) -> type[AppType]:
    """A subclass of ``app_class`` that renders to a :class:`FrameSink` and runs ``scenario`` once it is ready.

    The scenario gets Textual's :class:`~textual.pilot.Pilot` and should end by exiting the app.
    """

    class Instrumented(app_class):  # type: ignore[valid-type,misc]
        def get_driver_class(self) -> type[Driver]:
            return FrameSink

        def run(self, *args: Any, **options: Any) -> Any:
            return super().run(*args, **{**options, "size": SIZE, "auto_pilot": scenario})

    Instrumented.__name__ = f"Instrumented{app_class.__name__}"
    Instrumented.__module__ = app_class.__module__  # Textual finds CSS_PATH next to the module of the class
    return Instrumented
