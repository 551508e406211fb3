"""The open workshop's step screens, kept while it is open: a step switch shows a kept screen again.

Making a step's screen (composing it, laying out and drawing the block-letter question, the timer, the hints, the
keys and a thousand notes wrapped to the width) took most of the 50 ms of a PgDn; showing a kept one again is a
re-show. A screen is made the first time its step is shown and installed in the app (Textual leaves an installed
screen alive when another takes its place); a kept screen that is not shown does not follow every change (that
would slow the note add by the number of steps): it notes that the workshop changed and catches up when it is
shown again (:meth:`~darbnica.ui.screens.step.StepScreen.shown_again`).

They are dropped, all of them, when the workshop is closed or the interface language changes (their words are
the old language's); there are never more than :data:`MOST_KEPT`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from darbnica.ui.screens.step import StepScreen

MOST_KEPT = 7
"""The most step screens kept at once (a plan's steps: the workshop's plan has seven); past it, the one shown
longest ago is dropped and made again when its step is shown next."""


class KeptSteps:
    def __init__(self, app: App[None]) -> None:
        self.app = app
        self._screens: dict[str, StepScreen] = {}  # by step key, the one shown longest ago first
        self._hidden: set[StepScreen] = set()
        """Kept screens put away by a step switch (not in the screen stack, alive only because installed)."""

    def __len__(self) -> int:
        return len(self._screens)

    def get(self, key: str, make: Callable[[], StepScreen]) -> tuple[StepScreen, bool]:
        """The screen of step ``key`` and whether it was kept (``False``: made now, and kept from now on)."""
        screen = self._screens.pop(key, None)
        kept = screen is not None
        if screen is None:
            screen = make()
            self.app.install_screen(screen, f"darbnica-step-{key}")
        self._screens[key] = screen  # the newest shown, last
        self._hidden.discard(screen)
        self._trim()
        return screen, kept

    def put_away(self, screen: StepScreen) -> None:
        """``screen`` is no longer shown (another step's screen took its place) but stays kept."""
        if screen in self._screens.values():
            self._hidden.add(screen)
            screen.put_away()

    def _trim(self) -> None:
        for key, screen in list(self._screens.items()):
            if len(self._screens) <= MOST_KEPT:
                return
            if screen in self._hidden:
                del self._screens[key]
                self._forget(screen)

    def drop(self) -> None:
        """Keep none: each screen goes once it is off the screen stack (call this after popping them)."""
        screens, self._screens = list(self._screens.values()), {}
        for screen in screens:
            self._forget(screen)

    def _forget(self, screen: StepScreen) -> None:
        self.app.uninstall_screen(screen)
        if screen in self._hidden:
            self._hidden.discard(screen)
            screen.remove()  # nothing else would: it is on no stack
        # Otherwise it was popped just now: Textual removes it as it replaces it, now that it is not installed.
