"""The phones' notes waiting for the facilitator, and how phones take part in the step: on this laptop only.

No page on the network moderates anything: what the room sends waits here (on steps that approve first, the
default) until the facilitator lets it onto the wall as it is, edited (a neighbour's name taken out), under a
heading, merged into a note that says the same, or hides it (or all of them); a phone that sends abuse can be
blocked. A note let in is an ordinary note of the workshop (one Ctrl+Z puts it back here). The rows never say
which phone wrote what: the projector may be showing this screen. For the same reason the scribe's link (no
per-minute limit) is shown only when asked for, with L.

The same screen switches the step between *approve first* and *show at once*, opens and closes the dot-vote on
phones with its budget, and reveals the totals on the phones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from darbnica.editing import Editor
from darbnica.i18n import pick
from darbnica.model import Note, Step, Workshop
from darbnica.room import PhoneNote
from darbnica.rules import MAX_BUDGET
from darbnica.text import display
from darbnica.ui.screens.base import DarbnicaScreen
from darbnica.ui.screens.dialogs import GroupChoice, GroupPicker, NotePicker, TextDialog
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.share_status import ShareStatus


class PhoneQueue(DarbnicaScreen[None]):
    BINDINGS = [
        Binding("escape,f10", "app.pop_screen", "key.back"),
        Binding("a", "approve", "key.approve"),
        Binding("e", "edit", "key.edit_approve"),
        Binding("g", "under_heading", "key.under_heading"),
        Binding("m", "merge", "key.merge"),
        Binding("h,delete", "hide", "key.hide"),
        Binding("A", "approve_all", "key.approve_all"),
        Binding("H", "hide_all", "key.hide_all"),  # a flood of junk goes in one press, as a room's notes come in
        Binding("b", "block", "key.block"),
        Binding("t", "toggle_all_steps", "key.all_steps"),
        Binding("s", "toggle_show_at_once", "key.show_at_once"),
        Binding("v", "toggle_voting", "key.phone_voting"),
        Binding("plus", "budget(1)", "key.budget_more", show=False),
        Binding("minus", "budget(-1)", "key.budget_less", show=False),
        Binding("r", "toggle_reveal", "key.reveal"),
        Binding("f6", "toggle_sharing", "key.share"),
        Binding("l,L", "toggle_scribe", "key.scribe", show=False),  # the line itself says so: the footer is full
    ]

    def __init__(self, editor: Editor, step: Step) -> None:
        super().__init__()
        self.editor = editor
        self.step = step
        self.lang = editor.workshop.lang
        self.all_steps = False
        self.scribe_shown = False
        self.shown: list[PhoneNote] = []

    def compose(self) -> ComposeResult:
        yield Static(id="queue-title")
        yield Static(id="queue-room")
        with Vertical(id="queue-body"):  # takes the room left, so the share line stays at the bottom when empty
            yield OptionList(id="queue")
            yield Static(id="queue-empty")
        yield Static(id="queue-scribe")
        yield ShareStatus(id="share-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.workshop_changed.subscribe(self, lambda _editor: self.show(), immediate=True)
        self.app.sharing.room_changed.subscribe(self, lambda _event: self.show())
        self.app.sharing.changed.subscribe(self, lambda _url: self.show())
        self.show()
        self.query_one(OptionList).focus()

    # -- what is shown -----------------------------------------------------------------------------------------

    def waiting(self) -> list[PhoneNote]:
        room = self.app.sharing.room
        if room is None:
            return []
        return room.waiting(self.editor.workshop, None if self.all_steps else self.step.key)

    def show(self) -> None:
        if not self.is_attached:
            return
        t, workshop = self.app.t, self.editor.workshop
        where = t("queue.all_steps") if self.all_steps else pick(self.step.title, self.lang)
        self.query_one("#queue-title", Static).update(Content(t("queue.title", step=where)))
        self.query_one("#queue-room", Static).update(Content(self._room_line(workshop)))
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        self.shown = self.waiting()
        options.set_options(Option(self._row(note, workshop), id=note.ref) for note in self.shown)
        if self.shown:
            options.highlighted = min(highlighted or 0, len(self.shown) - 1)  # the next one, where the last was
        options.display = bool(self.shown)
        empty = self.query_one("#queue-empty", Static)
        empty.display = not self.shown
        sharing = self.app.sharing.url is not None  # the room may be open without share mode (notes from before)
        empty.update(Content(t("queue.empty" if sharing else "queue.not_sharing")))
        scribe, link = self.query_one("#queue-scribe", Static), self.app.sharing.scribe_url
        scribe.display = link is not None  # on this laptop only: the join card (F5) never shows it
        said = t("queue.scribe", url=link) if link is not None and self.scribe_shown else t("queue.scribe_hidden")
        scribe.update(Content(said))

    def _room_line(self, workshop: Workshop) -> str:
        t = self.app.t
        room = workshop.room_step(self.step.key)
        parts = [t("queue.show_at_once" if room.show_at_once else "queue.approve_first")]
        if room.voting:
            parts.append(t("queue.voting_open", count=room.budget))
            parts.append(t("queue.revealed" if room.revealed else "queue.hidden_totals"))
        else:
            parts.append(t("queue.voting_closed"))
        return f"{pick(self.step.title, self.lang)}: " + " · ".join(parts)

    def _row(self, note: PhoneNote, workshop: Workshop) -> Content:
        text = Content(display(note.text))
        if not self.all_steps:
            return text
        step = next((s for s in workshop.plan.steps if s.key == note.step), None)
        title = pick(step.title, self.lang) if step else note.step
        return Content.assemble((f"{title}: ", "bold"), text)

    @property
    def highlighted(self) -> PhoneNote | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    # -- letting notes in --------------------------------------------------------------------------------------

    def _take(
        self, notes: list[PhoneNote], *, group: int | None = None, into: Note | None = None, hidden: bool = False
    ) -> list[Note] | None:
        taken = [(n.step, n.text, n.ref) for n in notes]
        return self.attempt(lambda: self.editor.take_phone_notes(taken, group=group, into=into, hidden=hidden))

    def _with_highlighted(self, then: Callable[[PhoneNote], None]) -> None:
        note = self.highlighted
        if note is None:
            self.notify(self.app.t("queue.nothing"))
        else:
            then(note)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_approve()

    def action_approve(self) -> None:
        self._with_highlighted(lambda note: self._say(self._take([note]), "queue.approved"))

    def action_approve_all(self) -> None:
        if not self.shown:
            self.notify(self.app.t("queue.nothing"))
            return
        self._say(self._take(list(self.shown)), "queue.approved_all")

    def action_hide_all(self) -> None:
        if not self.shown:
            self.notify(self.app.t("queue.nothing"))
            return
        self._say(self._take(list(self.shown), hidden=True), "queue.hidden_all")

    def action_hide(self) -> None:
        self._with_highlighted(lambda note: self._say(self._take([note], hidden=True), "queue.hidden"))

    def action_edit(self) -> None:
        def edit(note: PhoneNote) -> None:
            def edited(text: str | None) -> None:
                if text is not None and text.strip():
                    self._say(self._take([replace(note, text=text)]), "queue.approved")

            self.app.push_screen(TextDialog(self.app.t("queue.edit_title"), note.text), edited)

        self._with_highlighted(edit)

    def action_under_heading(self) -> None:
        def pick_heading(note: PhoneNote) -> None:
            def chosen(choice: GroupChoice | None) -> None:
                if choice is None:
                    return
                group = choice.group
                if choice.new_title:
                    made = self.attempt(lambda: self.editor.add_group(note.step, choice.new_title))
                    if made is None:
                        return
                    group = made.id
                self._say(self._take([note], group=group), "queue.approved")

            self.app.push_screen(GroupPicker(self.editor.workshop.groups_in(note.step), None), chosen)

        self._with_highlighted(pick_heading)

    def action_merge(self) -> None:
        def pick_note(note: PhoneNote) -> None:
            wall = list(self.editor.workshop.shown_in(note.step))
            if not wall:
                self.notify(self.app.t("queue.nothing_to_merge"))
                return

            def chosen(note_id: int | None) -> None:
                if note_id is not None:
                    self._say(self._take([note], into=self.editor.note(note_id)), "queue.merged")

            self.app.push_screen(NotePicker(self.app.t("queue.merge_title", text=display(note.text)), wall), chosen)

        self._with_highlighted(pick_note)

    def action_block(self) -> None:
        room = self.app.sharing.room

        def block(note: PhoneNote) -> None:
            if room is not None:
                count = room.block_sender(note.ref)
                self.notify(self.app.t("queue.blocked", count=count))
                self.show()

        self._with_highlighted(block)

    def _say(self, taken: list[Note] | None, message: str) -> None:
        if taken:
            self.notify(self.app.t(message, count=len(taken)), timeout=3)

    # -- how phones take part in the step ---------------------------------------------------------------------

    def action_toggle_scribe(self) -> None:
        self.scribe_shown = not self.scribe_shown
        self.show()

    def action_toggle_all_steps(self) -> None:
        self.all_steps = not self.all_steps
        self.show()

    def _room(self, **settings: object) -> None:
        self.attempt(lambda: self.editor.set_room(self.step.key, **settings))
        self.show()  # not undoable, so not always published as a change of the wall: shown here at once

    def action_toggle_show_at_once(self) -> None:
        self._room(show_at_once=not self.editor.workshop.room_step(self.step.key).show_at_once)

    def action_toggle_voting(self) -> None:
        room = self.editor.workshop.room_step(self.step.key)
        self._room(voting=not room.voting, revealed=False if not room.voting else room.revealed)

    def action_budget(self, change: int) -> None:
        budget = self.editor.workshop.room_step(self.step.key).budget + change
        self._room(budget=max(1, min(MAX_BUDGET, budget)))

    def action_toggle_reveal(self) -> None:
        self._room(revealed=not self.editor.workshop.room_step(self.step.key).revealed)

    async def action_toggle_sharing(self) -> None:
        await self.app.sharing.toggle()
