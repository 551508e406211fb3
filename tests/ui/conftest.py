from __future__ import annotations

import pytest
from textual.widgets import Input

from darbnica.paths import Paths
from darbnica.ui.app import DarbnicaApp


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    # A blinking cursor makes screens differ from one moment to the next.
    monkeypatch.setattr(Input, "cursor_blink", False)


class FakeClock:
    """A clock the test moves by hand: timer tests never sleep."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app_factory(paths: Paths, clock: FakeClock):
    def make(
        workshop: str | None = None, step: str | None = None, lang: str = "en", theme: str | None = None
    ) -> DarbnicaApp:
        return DarbnicaApp(paths, lang=lang, workshop=workshop, step=step, theme=theme, clock=clock)

    return make


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Wait until ``condition()`` holds, as the app goes on working (bounded in time): a test waits for the state it
    needs, not for a guessed number of milliseconds."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never came true: {condition}")


async def settle(pilot, seconds: float = 10.0) -> None:
    """Wait until the writer has written every change of the open workshop or the disk has refused it (and the app
    has been told), bounded in time."""
    app = pilot.app
    for _ in range(int(seconds / 0.01)):
        editor = app.editor
        if editor is None or editor.on_disk or editor.save_error is not None:
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the workshop was neither written nor refused")


def messages(app: DarbnicaApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_into(pilot, selector: str, text: str, submit: bool = True) -> None:
    """Put ``text`` into the input ``selector`` (as a paste would) and press Enter, unless ``submit`` is false."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    if submit:
        await pilot.press("enter")
    await pilot.pause()
