"""The Textual app: owns the open workshop and moves between screens.

The app holds at most one open workshop (an :class:`~darbnica.editing.Editor`, which holds the workshop's lock).
Screens read from it and change it; the app opens and closes it, switches step screens, and reports errors.
Screens are imported where they are used, so that they can import this module for typed access to the app.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS, pick, translator
from darbnica.model import Step
from darbnica.paths import Paths
from darbnica.plan import load_plans
from darbnica.settings import Settings
from darbnica.store import Library
from darbnica.timing import Clock, StepClock
from darbnica.ui.sharing import Sharing
from darbnica.ui.themes import DEFAULT_THEME, TAG_VARIABLES, load_themes

if TYPE_CHECKING:
    from darbnica.ui.screens.step import StepScreen

TALL_SCREEN = 34
"""Rows from which a screen counts as tall: the notes get a blank line between them."""

# Tag colours for a theme that is not darbnica's own (Textual's built-in ones, before ours is applied).
FALLBACK_TAG_COLOURS = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00")


class DarbnicaApp(App[None]):
    CSS_PATH = "darbnica.tcss"
    TITLE = "darbnica"
    # Classes for the stylesheet: a small screen stacks and tightens, a tall one spaces the notes out.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL_SCREEN, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
        Binding("f4", "next_theme", "key.theme", show=False),
    ]

    def __init__(
        self,
        paths: Paths,
        *,
        lang: str,
        settings: Settings | None = None,
        workshop: str | None = None,
        step: str | None = None,
        theme: str | None = None,
        clock: Clock = time.monotonic,
        follow: bool = False,
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
        self.projector_view = False
        """Only what the room should see: no hints, no timer controls, no key line."""
        self.clock = clock
        self.timers: dict[str, StepClock] = {}
        self._start = (workshop, step)
        self.sharing = Sharing(self)
        self._quit_anyway = False
        self._follow = follow
        self.themes = load_themes(paths)
        self._problems = [*self.settings.problems, *self.plans.problems, *self.themes.problems]
        for loaded in self.themes.themes.values():
            self.register_theme(loaded)
        wanted = theme or self.settings.theme or DEFAULT_THEME
        if wanted not in self.themes.themes:
            known = ", ".join(self.themes.themes)
            self._problems.append(DarbnicaError("error.no_theme", theme=wanted, known=known))
            wanted = DEFAULT_THEME
        if wanted in self.themes.themes:
            self.theme = wanted

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(zip(TAG_VARIABLES, FALLBACK_TAG_COLOURS, strict=True))

    # -- messages to the user ----------------------------------------------------------------------------------

    def message(self, error: DarbnicaError) -> str:
        return self.t(error.key, **error.params)

    def report(self, error: DarbnicaError) -> None:
        self.notify(self.message(error), severity="error", timeout=12)

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the library itself (or the follow view), not a blank screen it is pushed over: a
        # blank one would be drawn, and the keys in the footer made twice more as it gives way, at every start.
        workshop, _ = self._start
        if self._follow and workshop:
            from darbnica.ui.screens.follow import FollowScreen

            return FollowScreen(workshop)
        from darbnica.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        for problem in self._problems:
            self.report(problem)
        workshop, step = self._start
        if self._follow and workshop:
            return
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
            await self.sharing.stop()
            self.exit()
        else:
            self._quit_anyway = True
            self.notify(self.t("step.quit_again"), severity="warning", timeout=12)

    async def on_unmount(self) -> None:
        await self.sharing.stop()  # however the app ends, the summary is no longer served

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
        """Leave the current step (keeping any unsent text) and show another.

        If the step timer was running, the next step's timer starts: the workshop is under way.
        """
        if self.editor is None:
            return
        if not self._leave_step():
            self.notify(self.t("step.unsaved_stays"), severity="warning", timeout=12)
            return
        running = self._stop_timers()
        try:
            self.editor.file.go_to(key)
        except DarbnicaError as error:
            self.report(error)
        if running:
            self.step_clock(self.editor.workshop.plan.step(key)).start()
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
        self._stop_timers()
        if self.sharing.server is not None:
            self.run_worker(self.sharing.stop())  # share mode serves only the open workshop
        self.editor.file.close()
        self.editor = None
        self.timers.clear()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()
        return True

    # -- step timers -------------------------------------------------------------------------------------------

    def step_clock(self, step: Step) -> StepClock:
        """The timer of one step of the open workshop; it starts from the time the step already took."""
        if step.key not in self.timers:
            spent = self.editor.workshop.step_seconds.get(step.key, 0) if self.editor else 0
            self.timers[step.key] = StepClock(step.minutes, self.clock, spent)
        return self.timers[step.key]

    def record_time(self, key: str) -> None:
        """Write the time a step has taken so far, if it changed (the summary reports it)."""
        if self.editor is None or key not in self.timers:
            return
        seconds = self.timers[key].elapsed
        if self.editor.workshop.step_seconds.get(key, 0) != seconds:
            try:
                self.editor.file.set_step_seconds(key, seconds)
            except DarbnicaError as error:
                self.report(error)

    def _stop_timers(self) -> bool:
        """Pause every step timer and record its time; say whether one was running."""
        running = False
        for key, step_clock in self.timers.items():
            running = running or step_clock.running
            step_clock.pause()
            self.record_time(key)
        return running

    # -- themes, language, help, the command palette -----------------------------------------------------------

    def action_next_theme(self) -> None:
        names = list(self.themes.themes)
        if not names:
            return
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.use_theme(names[index % len(names)])

    def use_theme(self, name: str) -> None:
        self.theme = name
        self.notify(self.t("theme.changed", name=self.themes.title(name, self.lang)), timeout=3)

    def use_language(self, lang: str) -> None:
        """Switch the interface language at once: every screen is built again in it, nothing typed is lost."""
        from darbnica.ui.screens.step import StepScreen

        self._leave_step()
        shown = [screen.step.key for screen in self.screen_stack if isinstance(screen, StepScreen)]
        self.lang = lang
        self.t = translator(lang)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.screen.refresh(recompose=True)  # the library (or the follow view) at the bottom, in the new language
        if self.editor is not None and shown:
            self.push_screen(self._step_screen(shown[-1]))

    def action_help(self) -> None:
        from darbnica.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from darbnica.ui.screens.step import StepScreen

        t = self.t
        if isinstance(screen, StepScreen):
            plan = screen.editor.workshop.plan
            for number, step in enumerate(plan.steps, 1):
                title = f"{number} {pick(step.title, screen.lang)}"
                yield SystemCommand(t("command.go_to", step=title), pick(step.question, screen.lang), self._go(step))
            yield SystemCommand(t("command.timer_toggle"), t("command.timer_help"), screen.action_timer_toggle)
            yield SystemCommand(t("command.timer_minute"), t("command.timer_help"), screen.action_timer_minute)
            yield SystemCommand(t("command.timer_reset"), t("command.timer_help"), screen.action_timer_reset)
            yield SystemCommand(t("command.projector"), t("command.projector_help"), screen.action_projector_view)
            yield SystemCommand(t("command.qr"), t("command.qr_help"), screen.action_show_qr)
            yield SystemCommand(t("command.share"), t("command.share_help"), screen.action_toggle_sharing)
            yield SystemCommand(t("command.export"), t("command.export_help"), screen.action_export)
        for name in self.themes.themes:
            title = self.themes.title(name, self.lang)
            help_text = t("command.theme_help")
            yield SystemCommand(t("command.theme", name=title), help_text, lambda name=name: self.use_theme(name))
        for lang in LANGS:
            name, help_text = t(f"lang.{lang}"), t("command.language_help")
            yield SystemCommand(t("command.language", name=name), help_text, lambda lang=lang: self.use_language(lang))
        yield SystemCommand(t("command.help"), t("command.help_help"), self.action_help)
        yield SystemCommand(t("command.quit"), t("command.quit_help"), self.action_quit)

    def _go(self, step: Step) -> Callable[[], None]:
        return lambda: self.go_to_step(step.key)

    def action_command_palette(self) -> None:
        """Textual's palette, its search field's placeholder in the interface language (Textual's is English)."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=self.t("command.placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C (which copies in a text field) does not quit: say what does, in the interface language."""
        self.notify(self.t("command.quit_key", keys="Ctrl+Q"), timeout=5)


make_app: type[DarbnicaApp] = DarbnicaApp
"""The app the command line makes; a name of its own so that the benchmarks can put an instrumented subclass in
its place."""
