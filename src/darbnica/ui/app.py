"""The Textual app: owns the open workshop and moves between screens.

The app holds at most one open workshop: an :class:`~darbnica.editing.Editor`, which holds the workshop's lock and
saves on a writer thread of its own. Screens change the workshop only through the editor; the editor tells the
app of every change (whoever made it: a key, undo, a phone), and the app publishes it on :attr:`workshop_changed`,
which every screen and widget that shows the workshop listens to. The app also opens and closes the workshop,
switches step screens, says what the disk refused, and keeps the view state (projector view, hints) as reactive
attributes that set CSS classes.
Screens and widgets reach the app typed through ``ui/access.py``, never by importing this module, so it imports
them at the top (import-linter holds the layers: app, screens, widgets).
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.notifications import Notify, SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, NotOwner
from darbnica.i18n import LANGS, pick, translator
from darbnica.model import Step
from darbnica.paths import Paths
from darbnica.plan import load_plans
from darbnica.saving import SaveInBackground
from darbnica.settings import Settings, remember
from darbnica.store import Library
from darbnica.timing import Clock, StepClock
from darbnica.ui.frame_hold import FrameHold
from darbnica.ui.kept_steps import KeptSteps
from darbnica.ui.keys import key_text
from darbnica.ui.layout import TALL_SCREEN
from darbnica.ui.screens.help import HelpScreen
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.screens.steps import screen_for_step
from darbnica.ui.sharing import Sharing
from darbnica.ui.themes import DEFAULT_THEME, TAG_VARIABLES, load_themes
from darbnica.ui.widgets.in_order import once_on_top

# Tag colours for a theme that is not darbnica's own (Textual's built-in ones, before ours is applied).
FALLBACK_TAG_COLOURS = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00")


PROJECTOR_TOAST_SECONDS = 4.0
"""The longest a message stays over the projector view."""
MOST_TOASTS = 3
"""Messages shown at once in the facilitator's view: more stacked up over the notes and the key line."""


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

    projector_view = var(False)
    """Only what the room should see: no hints, no timer controls, no key line (the class ``-projector``)."""
    show_hints = var(True)
    """The facilitator's hints on the step screens (the class ``-no-hints`` when hidden)."""

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
        self.frame_hold = FrameHold(self)
        """Holds the frame after a note is entered until the writer has it on disk (see ``frame_hold.py``)."""
        self.workshop_changed: Signal[Editor] = Signal(self, "workshop")
        """Published with the editor after every change to the open workshop, and whenever saving succeeds or the
        disk refuses it."""
        self._save_refused: DarbnicaError | None = None
        self.clock = clock
        self.timers: dict[str, StepClock] = {}
        self.kept_steps = KeptSteps(self)
        """The open workshop's step screens, each made when first shown and shown again after (kept_steps.py)."""
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

    def _report_all(self, problems: list[DarbnicaError]) -> None:
        """What was wrong with the settings, plans and themes at start: each on its own, or where there are more
        than the screen shows at once, all in one message (one at a time, the first would give way unread)."""
        if len(problems) <= MOST_TOASTS:
            for problem in problems:
                self.report(problem)
            return
        lines = [self.t("error.several", count=len(problems)), *(f"• {self.message(p)}" for p in problems)]
        self.notify("\n".join(lines), severity="error", timeout=12 + 4 * len(problems))

    # -- view state ----------------------------------------------------------------------------------------

    def watch_projector_view(self, projector: bool) -> None:
        self.set_class(projector, "-projector")
        if projector:
            self.clear_notifications()  # the room sees the step, not what was said to the facilitator before

    def watch_show_hints(self, shown: bool) -> None:
        self.set_class(not shown, "-no-hints")

    def after_typing(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the focused widget has handled the keys already typed into it.

        A priority key (PgDn, Ctrl+W, Ctrl+Q) is handled by the app the moment it arrives, ahead of keys typed
        before it that the focused field has not handled yet: moving to another step at once would leave them
        behind. Scheduled on the field itself, the move comes after them. And if the screen on top was switched to
        a moment ago (PgUp, PgUp in one burst) and is not composed yet, the callback waits until it is: the second
        move must start from a screen that is there, its fields and timer to be read.
        """
        (self if self.focused is None else self.focused).call_later(once_on_top, self, callback)

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the library itself (or the follow view), not a blank screen it is pushed over: a
        # blank one would be drawn, and the keys in the footer made twice more as it gives way, at every start.
        workshop, _ = self._start
        if self._follow and workshop:
            from darbnica.ui.screens.follow import FollowScreen  # with the summary it draws: this view only

            return FollowScreen(workshop)
        return HomeScreen()

    def on_mount(self) -> None:
        self._report_all(self._problems)
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
        self.after_typing(self._quit)

    async def _quit(self) -> None:
        # Changes the disk refused would be lost by quitting: the first Ctrl+Q says so and stays, a second one quits.
        if self.close_workshop(force=self._quit_anyway):
            await self.sharing.stop()
            self.exit()
        else:
            self._quit_anyway = True
            self.notify(self.t("step.quit_again"), severity="warning", timeout=12)

    async def on_unmount(self) -> None:
        await self.sharing.stop()  # however the app ends, the summary is no longer served
        self.sharing.leave()  # and the phones' journal is closed
        if self.editor is not None:  # however the app ends, what was typed is written (as far as the disk lets it)
            editor, self.editor = self.editor, None
            editor.close()

    # -- the open workshop -------------------------------------------------------------------------------------

    def open_workshop(self, ref: str, step: str | None = None) -> bool:
        """Open a workshop for writing and show its current (or the given) step."""
        if not self.close_workshop():
            return False
        try:
            file = self.library.open(ref)
        except NotOwner:
            self._review_foreign(ref)
            return False
        except DarbnicaError as error:
            self.report(error)
            return False
        self.editor = editor = Editor(file, SaveInBackground(file, self._deliver_from_writer()))
        editor.listen(self._workshop_changed)
        self._save_refused = None
        workshop = editor.workshop
        key = step or workshop.current_step
        if key not in {s.key for s in workshop.plan.steps}:
            key = workshop.plan.steps[0].key
        editor.go_to(key)  # reopened later, it opens where the room is now
        self.sharing.enter()  # what phones sent before a crash waits in the queue at once, share mode on or off
        self.push_screen(self._step_screen(key)[0])
        return True

    def _review_foreign(self, ref: str) -> None:
        """Another laptop's workshop opens read only, in review, with how to take it over (it is written there)."""
        from darbnica.ui.screens.review import ReviewScreen

        try:
            workshop = self.library.read(ref)
        except DarbnicaError as error:
            self.report(error)
            return
        if not (isinstance(self.screen, ReviewScreen) and self.screen.workshop.id == workshop.id):
            self.push_screen(ReviewScreen(workshop))
        self.notify(self.t("library.read_only_foreign", title=workshop.title, device=workshop.device), timeout=12)

    def _deliver_from_writer(self) -> Callable[[Callable[[], None]], None]:
        """How the writer thread hands its results to the app: as a message to the app, never waited for (the
        writer must not wait on the app, which may itself be waiting for the writer to finish, at closing)."""
        loop = asyncio.get_running_loop()

        def deliver(callback: Callable[[], None]) -> None:
            try:
                # On the loop, then through the app's own queue: the callback runs as the app's other handlers do.
                loop.call_soon_threadsafe(self.call_later, callback)
            except RuntimeError:
                pass  # the loop has closed (the app ended); the writer was flushed before that

        return deliver

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.frame_hold.release()  # a key is drawn at once, whatever is being saved
        await super().on_event(event)

    def _workshop_changed(self, editor: Editor) -> None:
        """The open workshop changed, or a write finished or was refused: tell every screen, and the facilitator
        what they did not cause themselves."""
        if editor is not self.editor:
            return
        for notice in editor.notices:
            self.notify(self.message(notice), severity="warning", timeout=15)
        editor.notices.clear()
        refused = editor.save_error
        if refused is not None and (self._save_refused is None or refused.key != self._save_refused.key):
            self.report(refused)  # once, not at every retry
        elif refused is None and self._save_refused is not None:
            self.notify(self.t("step.saved"))
            self._quit_anyway = False
        self._save_refused = refused
        self.workshop_changed.publish(editor)
        if editor.on_disk or refused is not None:
            self.frame_hold.release()  # the note is on disk (or refused): one frame shows it so

    def _step_screen(self, key: str) -> tuple[StepScreen, bool]:
        """The step's screen, kept from when it was last shown (``True``) or made now."""
        editor = self.editor
        assert editor is not None
        return self.kept_steps.get(key, lambda: screen_for_step(editor, key))

    def go_to_step(self, key: str) -> None:
        """Leave the current step (keeping any unsent text) and show another, once the keys typed before are in.

        If the step timer was running, the next step's timer starts: the workshop is under way.
        """
        self.after_typing(lambda: self._go_to_step(key))

    def step_by(self, offset: int) -> None:
        """Go to the next (``1``) or previous (``-1``) step, counted from the step the workshop is on once the keys
        typed before are in: PgUp pressed three times before the first move is drawn goes back three steps (counted
        from the screen the key arrived on, each went to the same step)."""
        self.after_typing(lambda: self._step_by(offset))

    def _step_by(self, offset: int) -> None:
        if self.editor is None:
            return
        plan = self.editor.workshop.plan
        index = plan.index(self.editor.workshop.current_step) + offset
        if not 0 <= index < len(plan.steps):
            self.notify(self.t("step.last" if offset > 0 else "step.first"))
            return
        self._go_to_step(plan.steps[index].key)

    def _go_to_step(self, key: str) -> None:
        if self.editor is None:
            return
        if not self._leave_step():
            self.notify(self.t("step.held"), severity="warning", timeout=12)
            return
        running = self._stop_timers()
        self.editor.go_to(key)
        if running:
            self.step_clock(self.editor.workshop.plan.step(key)).start()
        leaving = self.screen
        screen, kept = self._step_screen(key)
        self.switch_screen(screen)
        if isinstance(leaving, StepScreen) and leaving is not screen:
            self.kept_steps.put_away(leaving)
        if kept:
            screen.shown_again()  # the stack holds it already: caught up before its first frame is drawn

    def _leave_step(self) -> bool:
        """Keep what the step on screen holds typed but not entered; ``False`` if some of it cannot be kept."""
        return all([screen.leave() for screen in self.screen_stack if isinstance(screen, StepScreen)])

    def close_workshop(self, *, force: bool = False) -> bool:
        """Keep unsent text, write everything, release the workshop, return to the home screen.

        Returns ``False`` and stays, saying why, if something typed cannot be kept as it stands or the disk
        refuses what is not on disk yet (unless ``force``). Nothing is lost by staying: it is all on screen, and
        saving is tried again.
        """
        if self.editor is None:
            return True
        held = not self._leave_step()
        if held and not force:
            self.notify(self.t("step.held"), severity="warning", timeout=12)
            return False
        self._stop_timers()
        if not self.editor.flush() and not force:
            self.notify(self.t("step.unsaved_stays"), severity="warning", timeout=12)
            return False
        self.sharing.leave()  # share mode serves only the open workshop, and the room is the open workshop's
        editor, self.editor = self.editor, None
        editor.close()
        self.timers.clear()
        self._quit_anyway = False
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.kept_steps.drop()  # another workshop's steps will be other screens
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list(only=[editor.workshop.id])  # the rest of the folder is looked at right after
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
        self.editor.set_step_seconds(key, self.timers[key].elapsed)

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
        self.remember("theme", name)

    def remember(self, name: str, value: str) -> None:
        """Keep the facilitator's choice of language or theme in the settings, for the next start; a file that
        cannot take it is said once, and the choice holds until the app quits."""
        if getattr(self.settings, name) == value:
            return
        try:
            remember(self.paths, name, value)
        except DarbnicaError as error:
            if self.is_running:
                self.report(error)
            else:
                self._problems.append(error)
        # Asked once a session, whatever the disk said.
        self.settings = replace(self.settings, lang=value) if name == "lang" else replace(self.settings, theme=value)

    def use_language(self, lang: str) -> None:
        """Switch the interface language at once: every screen is built again in it, nothing typed is lost."""
        self._leave_step()
        shown = [screen.step.key for screen in self.screen_stack if isinstance(screen, StepScreen)]
        self.lang = lang
        self.t = translator(lang)
        self.remember("lang", lang)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.kept_steps.drop()  # their words are the old language's: each is made again when shown
        self.screen.refresh(recompose=True)  # the library (or the follow view) at the bottom, in the new language
        if self.editor is not None and shown:
            self.push_screen(self._step_screen(shown[-1])[0])

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages carry titles, notes and file names people typed, and Textual
        would read "[/]" in them as markup (and end the app). One override, so no caller can forget it.

        In projector view the room is looking: a new message takes the place of the one before (six stacked over
        the notes hid them), and it goes sooner; otherwise the newest three are shown. What stays wrong (a refused
        save) stays in the save line."""
        if self.projector_view:
            timeout = min(timeout or self.NOTIFICATION_TIMEOUT, PROJECTOR_TOAST_SECONDS)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _on_notify(self, event: Notify) -> None:
        """A message arrives: make room for it (see :meth:`notify`). Textual's own handler, which runs after this
        one (handlers run down the classes), adds it; messages sent together arrive one by one here. The same
        message shown already gives way to it too (PgUp pressed again on the first step said so three times over,
        hiding the fields)."""
        new = event.notification
        for same in [n for n in self._notifications if (n.message, n.severity) == (new.message, new.severity)]:
            self._unnotify(same, refresh=False)
        shown = list(self._notifications)
        keep = 0 if self.projector_view else MOST_TOASTS - 1
        for oldest in shown[: max(0, len(shown) - keep)]:
            self._unnotify(oldest, refresh=False)

    def get_key_display(self, binding: Binding) -> str:
        return key_text(binding)  # as the key help and the README write it

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The palette reads a command's title and help as markup: plan and theme texts are escaped into it.
        for title, help_text, callback, discover in self._commands(screen):
            yield SystemCommand(escape(title), escape(help_text), callback, discover)

    def _commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
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
            yield SystemCommand(t("command.phones"), t("command.phones_help"), screen.action_phone_queue)
            yield SystemCommand(t("command.new_link"), t("command.new_link_help"), self.sharing.new_link)
            yield SystemCommand(t("command.export"), t("command.export_help"), screen.action_export)
            if screen.shows_vision:
                yield SystemCommand(t("command.big_vision"), t("command.big_vision_help"), screen.action_big_vision)
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
