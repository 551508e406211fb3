"""The Textual app: owns the open workshop and moves between screens.

The app holds at most one open workshop (an :class:`~darbnica.editing.Editor`, which holds the workshop's lock).
Screens read from it and change it; the app opens and closes it, switches step screens, and reports errors.
Screens are imported where they are used, so that they can import this module for typed access to the app.
"""

from __future__ import annotations

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
from darbnica.ui.sharing import Sharing

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
        self.sharing = Sharing(self)

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

    async def action_quit(self) -> None:
        await self.sharing.stop()
        self.close_workshop()
        self.exit()

    async def on_unmount(self) -> None:
        await self.sharing.stop()  # however the app ends, the summary is no longer served

    # -- the open workshop -------------------------------------------------------------------------------------

    def open_workshop(self, ref: str, step: str | None = None) -> bool:
        """Open a workshop for writing and show its current (or the given) step."""
        self.close_workshop()
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
        self._leave_step()
        try:
            self.editor.file.go_to(key)
        except DarbnicaError as error:
            self.report(error)
        self.switch_screen(self._step_screen(key))

    def _leave_step(self) -> None:
        from darbnica.ui.screens.step import StepScreen

        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.save_draft()

    def close_workshop(self) -> None:
        """Keep unsent text, release the workshop, return to the home screen."""
        if self.editor is None:
            return
        from darbnica.ui.screens.home import HomeScreen

        self._leave_step()
        if self.sharing.server is not None:
            self.run_worker(self.sharing.stop())  # share mode serves only the open workshop
        self.editor.file.close()
        self.editor = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()


def make_app(
    paths: Paths,
    *,
    lang: str,
    settings: Settings | None = None,
    workshop: str | None = None,
    step: str | None = None,
) -> DarbnicaApp:
    return DarbnicaApp(paths, lang=lang, settings=settings, workshop=workshop, step=step)
