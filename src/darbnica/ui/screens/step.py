"""What every step screen shares: the header, the question, the hints, moving between steps, undo and redo.

A step screen shows the open workshop as the editor has it and changes it only through the editor. It does not
redraw itself after its own changes: every change, whoever made it (a key here, undo, a phone, another program's
notes kept after its lock was broken), reaches :meth:`StepScreen.show_workshop` through the app's
``workshop_changed`` signal, and each screen draws what it shows from the new workshop there.

A step's screen is kept while the workshop is open (``ui/kept_steps.py``): put away when another step is shown, it
only notes that the workshop changed, and catches up in :meth:`StepScreen.shown_again` when its step comes back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input

from darbnica.editing import Editor, Undo
from darbnica.followup import carried_vision
from darbnica.i18n import pick
from darbnica.model import Step, StepKind, Workshop
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.dialogs import StepPicker
from darbnica.ui.screens.qr import QRScreen
from darbnica.ui.widgets.carried_vision import CarriedVision
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.save_status import SaveStatus
from darbnica.ui.widgets.share_status import ShareStatus
from darbnica.ui.widgets.step_header import Hints, Question, StepHeader
from darbnica.ui.widgets.step_timer import StepTimer

T = TypeVar("T")


def draft_fields(draft: str, names: Sequence[str], plain: str | None = None) -> dict[str, str]:
    """The fields ``names`` of a form from its kept draft (the fields as JSON). A draft of any other shape is what
    was typed in the field ``plain`` (a draft kept before the form had more than that field), or nothing."""
    if not draft.strip():
        return {}
    try:
        fields = json.loads(draft)
    except ValueError:
        fields = None
    if not isinstance(fields, dict):
        return {plain: draft} if plain else {}
    return {name: value for name, value in fields.items() if name in names and isinstance(value, str)}


class StepScreen(DarbnicaScreen[None]):
    BINDINGS = [
        # Priority, so they work while typing in an input (which has no use for these keys).
        Binding("pagedown", "next_step", "key.next_step", priority=True),
        Binding("pageup", "previous_step", "key.previous_step", priority=True),
        Binding("ctrl+z", "undo", "key.undo"),
        Binding("ctrl+y", "redo", "key.redo", show=False),
        Binding("f2", "toggle_hints", "key.hints"),
        # Priority, and opened after the keys typed before it (as Ctrl+E): a step's number typed right behind it
        # goes to the list of steps, not into the note being typed.
        Binding("ctrl+g", "pick_step", "key.steps", priority=True),
        # The summary (issue 3): the QR code full-screen, share mode, export. Ctrl+E is a priority binding
        # because inputs would otherwise take it (as "end of line", which the End key also does).
        Binding("f5", "show_qr", "key.qr"),
        Binding("f6", "toggle_sharing", "key.share"),
        Binding("f10", "phone_queue", "key.phones"),
        Binding("ctrl+e", "export", "key.export", priority=True),
        # Priority: on a step screen the cursor is nearly always in an input, which would take Ctrl+W to delete a
        # word, and the key would never close anything. Closing loses nothing (unsent text is kept as a draft).
        Binding("ctrl+w", "close_workshop", "key.close", show=False, priority=True),
        Binding("f3", "projector_view", "key.projector"),
        Binding("f7", "timer_toggle", "key.timer"),
        Binding("f8", "timer_minute", "key.timer_minute", show=False),
        Binding("f9", "timer_reset", "key.timer_reset", show=False),
        # Priority, like the step keys: it works while the vision is being typed.
        Binding("ctrl+b", "big_vision", "key.big_vision", priority=True),
    ]

    def __init__(self, editor: Editor, step: Step) -> None:
        super().__init__()
        self.editor = editor
        self.step = step
        self.lang = editor.workshop.lang  # what the room sees is in the workshop's language
        self._behind = False
        """Put away, it missed a change of the workshop (or of its saving) and shows it when shown again."""
        self._look: tuple[str, frozenset[str]] | None = None
        """The app's theme and classes (projector view, hints) when it was put away."""

    def compose(self) -> ComposeResult:
        yield StepHeader(self.editor.workshop, self.step, self.lang)
        with Horizontal(id="top"):
            question = Question(self.step, self.lang, beside_timer=True)
            yield question
            yield StepTimer(self.app.step_clock(self.step), question=question.text)
        yield Hints(self.step, self.lang)
        yield CarriedVision(self.editor.workshop, self.step.key, self.app.t("vision.statement"))
        with Vertical(id="body"):
            yield from self.compose_body()
        yield SaveStatus(id="save-status")
        yield ShareStatus(id="share-status")
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "big_vision":
            return self.shows_vision  # elsewhere the key does nothing, and is not offered
        return True

    @property
    def shows_vision(self) -> bool:
        """Whether this step shows the vision statement: the vision step, or a follow-up's first step."""
        return self.step.kind is StepKind.VISION or bool(carried_vision(self.editor.workshop, self.step.key))

    def on_mount(self) -> None:
        # Textual calls this after a step's own on_mount (it calls the handler of every class a screen is made
        # from, so a subclass must not call it too: each change would be drawn once for every subscription).
        # Immediate: a change shows in the same moment it is made, before the next frame is drawn.
        self.app.workshop_changed.subscribe(self, self._changed, immediate=True)

    def _changed(self, editor: Editor) -> None:
        if editor is not self.editor or not self.is_mounted:
            return
        if self in self.app.screen_stack:  # shown, or under a dialog that lets it show through
            self.show_workshop(editor.workshop)
        else:  # kept, put away: a note added on another step must not redraw every step's list
            self._behind = True

    def put_away(self) -> None:
        """Another step is shown in its place; this screen is kept for when its step comes back. Its timer stops
        ticking (its clock is paused: the next step's runs)."""
        self.timer.ticking(False)
        self._look = (self.app.theme, frozenset(self.app.classes))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Called before Textual's own handler of the event (a subclass's handler comes first). Textual applies the
        # whole stylesheet again to every widget of a screen it shows again: 12 of the 20 ms of a PgDn to a kept
        # step at 1,000 notes. A screen put away misses only what changes on the app itself while it is away (the
        # theme, the projector view, the hints: set on the app, applied to the screens on the stack); a change to
        # its own widgets is applied at once, shown or not. So the stylesheet is applied again only after those.
        if self._look is not None:
            event.refresh_styles = self._look != (self.app.theme, frozenset(self.app.classes))
            self._look = None

    def shown_again(self) -> None:
        """Its step is shown again: show the workshop as it is now if it changed meanwhile, the timer as it is
        now, and put the cursor where a new screen would have it."""
        if self._behind:
            self._behind = False
            self.show_workshop(self.editor.workshop)
        self.timer.ticking(True)
        first = self.first_field()
        if first is not None:
            self.set_focus(first)  # at once: keys typed after the PgDn are on their way to it

    def first_field(self) -> Widget | None:
        """Where the cursor is when the step is shown (made or shown again): where typing starts on it."""
        return None

    def show_workshop(self, workshop: Workshop) -> None:
        """Show the workshop as it is now (after any change, from anywhere); subclasses show their part."""
        self.query_one(StepHeader).show(workshop)
        self.query_one(CarriedVision).show(workshop)

    # -- for subclasses -----------------------------------------------------------------------------------------

    def leave(self) -> bool:
        """Keep what is typed on this step but not entered (a draft), before the app shows another; ``False`` if
        something typed here cannot be kept as it stands (it is marked), so the step must stay."""
        return True

    def restore_fields(self, names: Sequence[str], plain: str | None = None) -> None:
        """Fill the form's fields ``names`` (the ids of its inputs) in again from the step's draft."""
        for name, typed in draft_fields(self.editor.workshop.drafts.get(self.step.key, ""), names, plain).items():
            self.query_one(f"#{name}", Input).value = typed

    def keep_fields(self, names: Sequence[str]) -> None:
        """Keep the form's fields ``names`` as the step's draft, as they are; none if all of them are blank."""
        typed = {name: self.query_one(f"#{name}", Input).value for name in names}
        kept = any(value.strip() for value in typed.values())
        self.editor.set_draft(self.step.key, json.dumps(typed, ensure_ascii=False) if kept else "")

    # -- actions -----------------------------------------------------------------------------------------------

    def action_next_step(self) -> None:
        self.app.step_by(1)

    def action_previous_step(self) -> None:
        self.app.step_by(-1)

    def action_toggle_hints(self) -> None:
        self.app.show_hints = not self.app.show_hints

    def action_big_vision(self) -> None:
        """The vision statement alone, in letters as large as the screen allows (Esc or Ctrl+B goes back)."""
        from darbnica.ui.screens.big_view import BigTextScreen

        vision = self.editor.workshop.vision
        if not vision.strip():
            self.notify(self.app.t("vision.none_yet"))
            return
        self.app.after_typing(lambda: self.app.push_screen(BigTextScreen(self.app.t("vision.statement"), vision)))

    def action_projector_view(self) -> None:
        self.app.projector_view = not self.app.projector_view

    # -- the step timer ----------------------------------------------------------------------------------------

    @property
    def timer(self) -> StepTimer:
        return self.query_one(StepTimer)

    def on_step_timer_minute_passed(self) -> None:
        self.app.record_time(self.step.key)

    def action_timer_toggle(self) -> None:
        self.timer.clock.toggle()
        self.app.record_time(self.step.key)
        self.timer.show()

    def action_timer_minute(self) -> None:
        self.timer.clock.add_minute()
        self.timer.show()

    def action_timer_reset(self) -> None:
        self.timer.clock.reset(self.step.minutes)
        self.app.record_time(self.step.key)
        self.timer.show()

    def action_pick_step(self) -> None:
        def chosen(key: str | None) -> None:
            if key and key != self.step.key:
                self.app.go_to_step(key)

        def pick() -> None:
            if self.app.screen is self:  # not twice for Ctrl+G Ctrl+G, nor over a screen a key before put on top
                self.app.push_screen(StepPicker(self.editor.workshop.plan, self.step.key, self.lang), chosen)

        self.app.after_typing(pick)

    # -- undo and redo -----------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._say(self.attempt(self.editor.undo), nothing="undo.nothing", possible=self.editor.can_undo)

    def action_redo(self) -> None:
        self._say(self.attempt(self.editor.redo), nothing="redo.nothing", possible=self.editor.can_redo)

    def _say(self, done: Undo | None, *, nothing: str, possible: bool) -> None:
        if done is None:
            if not possible:
                self.notify(self.app.t(nothing))
            return
        message = self.app.t(done.what)
        if done.step and done.step != self.step.key:
            title = pick(self.editor.workshop.plan.step(done.step).title, self.lang)
            message = self.app.t("undo.on_step", what=message, step=title)
        self.notify(message)

    # -- leaving, the summary ----------------------------------------------------------------------------------

    def action_close_workshop(self) -> None:
        self.app.after_typing(self._close)

    def _close(self) -> None:
        self.app.close_workshop()  # it says why, if it has to stay open

    def action_show_qr(self) -> None:
        self.app.push_screen(QRScreen())

    async def action_toggle_sharing(self) -> None:
        await self.app.sharing.toggle()

    # The phones' queue and the export dialog are loaded when first asked for: many workshops use neither.

    def action_phone_queue(self) -> None:
        from darbnica.ui.screens.queue import PhoneQueue

        self.app.push_screen(PhoneQueue(self.editor, self.step))

    def action_export(self) -> None:
        from darbnica.ui.screens.export import export_open_workshop

        self.app.after_typing(lambda: export_open_workshop(self.app))
