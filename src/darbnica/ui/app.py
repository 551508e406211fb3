"""The Textual app: owns the open workshop and moves between screens.

The app holds at most one open workshop (an :class:`~darbnica.editing.Editor`, which holds the workshop's lock).
Screens read from it and change it; the app opens and closes it, switches step screens, and reports errors.
Screens are imported where they are used, so that they can import this module for typed access to the app.
"""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError
from darbnica.i18n import translator
from darbnica.paths import Paths
from darbnica.plan import load_plans
from darbnica.settings import Settings
from darbnica.store import Library

if TYPE_CHECKING:
    from darbnica.ui.screens.step import StepScreen


class DarbnicaApp(App[None]):
    CSS_PATH = "darbnica.tcss"
    TITLE = "darbnica"
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True)]

    def __init__(
        self,
        paths: Paths,
        *,
        lang: str,
        settings: Settings | None = None,
        workshop: str | None = None,
        step: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings or Settings()
        self.lang = lang
        self.t = translator(lang)
        self.library = Library(paths)
        self.plans = load_plans(paths)
        self.editor: Editor | None = None
        self.show_hints = True
        self._start = (workshop, step)
        self._quit_anyway = False

    # -- messages to the user ----------------------------------------------------------------------------------

    def message(self, error: DarbnicaError) -> str:
        return self.t(error.key, **error.params)

    def report(self, error: DarbnicaError) -> None:
        self.notify(self.message(error), severity="error", timeout=12)

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        from darbnica.ui.screens.home import HomeScreen

        for problem in (*self.settings.problems, *self.plans.problems):
            self.report(problem)
        self.push_screen(HomeScreen())
        workshop, step = self._start
        if workshop:
            self.open_workshop(workshop, step)
        if not self.is_headless and hasattr(signal, "SIGHUP"):
            # Closing the terminal window (SIGHUP) or shutting the laptop down (SIGTERM) would end Python at once,
            # throwing away the half-typed note; end like Ctrl+Q instead, keeping it.
            for hang_up in (signal.SIGHUP, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(hang_up, self._hang_up)

    def _hang_up(self) -> None:
        self.close_workshop(force=True)
        self.exit()

    async def action_quit(self) -> None:
        # Text the disk refused would be lost by quitting: the first Ctrl+Q says so and stays, a second one quits.
        if self.close_workshop(force=self._quit_anyway):
            self.exit()
        else:
            self._quit_anyway = True
            self.notify(self.t("step.quit_again"), severity="warning", timeout=12)

    # -- the open workshop -------------------------------------------------------------------------------------

    def open_workshop(self, ref: str, step: str | None = None) -> bool:
        """Open a workshop for writing and show its current (or the given) step."""
        if not self.close_workshop():
            return False
        try:
            self.editor = Editor(self.library.open(ref))
        except DarbnicaError as error:
            self.report(error)
            return False
        workshop = self.editor.workshop
        key = step or workshop.current_step
        if key not in {s.key for s in workshop.plan.steps}:
            key = workshop.plan.steps[0].key
        self.push_screen(self._step_screen(key))
        return True

    def _step_screen(self, key: str) -> StepScreen:
        from darbnica.ui.screens.steps import screen_for_step

        assert self.editor is not None
        return screen_for_step(self.editor, key)

    def go_to_step(self, key: str) -> None:
        """Leave the current step (keeping any unsent text) and show another."""
        if self.editor is None:
            return
        if not self._leave_step():
            self.notify(self.t("step.unsaved_stays"), severity="warning", timeout=12)
            return
        try:
            self.editor.file.go_to(key)
        except DarbnicaError as error:
            self.report(error)
        self.switch_screen(self._step_screen(key))

    def _leave_step(self) -> bool:
        """Save what the step on screen holds unsaved; ``False`` if the disk still refuses some of it."""
        from darbnica.ui.screens.step import StepScreen

        return all(screen.leave() for screen in self.screen_stack if isinstance(screen, StepScreen))

    def close_workshop(self, *, force: bool = False) -> bool:
        """Keep unsent text, release the workshop, return to the home screen.

        Returns ``False`` and stays if something typed could not be saved (unless ``force``): the caller says so.
        """
        if self.editor is None:
            return True
        from darbnica.ui.screens.home import HomeScreen

        if not self._leave_step() and not force:
            return False
        self.editor.file.close()
        self.editor = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()
        return True


def make_app(
    paths: Paths,
    *,
    lang: str,
    settings: Settings | None = None,
    workshop: str | None = None,
    step: str | None = None,
) -> DarbnicaApp:
    return DarbnicaApp(paths, lang=lang, settings=settings, workshop=workshop, step=step)
