"""Every change to an open workshop, with undo and redo: the one road from a key (or a phone, or the command line)
to the disk.

An :class:`Editor` holds the workshop as it is now. Each of its methods checks what it is given, builds a
:mod:`~darbnica.changes` change, applies it, remembers the change that reverses it, tells whoever listens (the
app's screens, the phone server) and hands the new workshop to its saver. The command line and the tests save each
change before it counts (:class:`~darbnica.saving.SaveNow`: a refused write raises and changes nothing); the app
saves on a thread of its own (:class:`~darbnica.saving.SaveInBackground`), so a key never waits for the disk, and
shows what is not on disk yet as saving.

Undo makes no sense for six kinds of change, which therefore never enter the history: moving to another step,
the step timer's record of the time spent, the half-typed note kept as a draft, notes another program added to
the file while this one's lock was broken (adopted so that they are not lost), dots given from phones (the
facilitator's Ctrl+Z must not take back what the room gave), and how phones take part in a step (its own keys
switch it back). Everything else can be undone and redone, notes from phones included.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from darbnica.changes import Batch, Change, Drop, Put, Set, next_id
from darbnica.errors import DarbnicaError, InvalidInput, WriteFailed, no_item
from darbnica.i18n import LANGS, pick
from darbnica.model import RATING_RANGE, Action, Group, Headcount, Note, RoomStep, Status, Step, StepKind, Workshop
from darbnica.rules import MAX_BUDGET, MAX_HEADCOUNT, MAX_VOTES, REF_LIMIT, checked_date, checked_number
from darbnica.saving import SaveNow
from darbnica.store.library import Library
from darbnica.store.workshop import ForeignChange, WorkshopFile
from darbnica.text import LINE_LIMIT, NOTE_LIMIT, STATEMENT_LIMIT, checked
from darbnica.timing import now

UNDO_DEPTH = 200

T = TypeVar("T", Note, Group, Action)


class Saver(Protocol):
    """Where an editor's changes go (see :mod:`darbnica.saving`)."""

    @property
    def saved(self) -> Workshop:
        """The workshop as the file holds it now."""

    @property
    def error(self) -> DarbnicaError | None:
        """Why the newest change is not on disk, while the disk refuses it."""

    def attach(self, reported: Callable[[], None], adopt: Callable[[Workshop, Workshop], None]) -> None:
        """Be told of finished and refused writes, and of another program's change found in the file."""

    def save(self, workshop: Workshop) -> None: ...

    def flush(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class _Adopted(Change):
    """The workshop with another program's additions in it (not undoable: undoing would lose them again)."""

    workshop: Workshop

    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        return self.workshop, _Adopted(workshop)


@dataclass(frozen=True)
class Undo:
    """One step of the history: the change that goes back (or, on the redo list, forward again)."""

    what: str
    """A locale key saying what applying :attr:`change` does, e.g. ``undo.note_restored``."""
    step: str | None
    """The step the change belongs to, so the app can name it; ``None`` for workshop-wide changes."""
    change: Change
    again: str
    """The locale key for the opposite direction (what redoing says after an undo, and the other way round)."""
    merge: Hashable = None
    """Changes with the same merge key in a row (typing into one field) are one step of the history."""


Listener = Callable[["Editor"], None]


class Editor:
    def __init__(self, file: WorkshopFile, saver: Saver | None = None) -> None:
        self._file = file
        self._workshop: Workshop = file.workshop
        self._saver: Saver = saver or SaveNow(file)
        self._undo: list[Undo] = []
        self._redo: list[Undo] = []
        self._listeners: list[Listener] = []
        self.version = 0
        """Counts the changes made: what a listener compares to tell that something new happened."""
        self.notices: list[DarbnicaError] = []
        """Things the facilitator should be told that no key press caused (the app shows and clears them)."""
        self._saver.attach(self._tell, self._adopt)

    @classmethod
    def open(cls, library: Library, ref: str, *, wait: float = 0.0) -> Editor:
        """An editor that saves each change at once, for a workshop that is not open in the app (the command
        line, the library's own changes): use it in a ``with`` block, which releases the workshop."""
        return cls(library.open(ref, wait=wait))

    def __enter__(self) -> Editor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what is there -----------------------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        """The workshop as it is now (what the screens show), saved or about to be."""
        return self._workshop

    @property
    def path(self) -> Path:
        """The file this editor's changes are written to."""
        return self._file.path

    @property
    def saved(self) -> Workshop:
        """The workshop as the file holds it."""
        return self._saver.saved

    @property
    def on_disk(self) -> bool:
        """Whether the file holds the workshop as it is now (nothing waits to be written, and we were told so)."""
        return self._saver.saved is self._workshop

    @property
    def save_error(self) -> DarbnicaError | None:
        """Why the newest changes are not on disk yet, while the disk refuses them; ``None`` otherwise."""
        return self._saver.error

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def step(self, key: str) -> Step:
        return self._workshop.plan.step(key)

    def note(self, note_id: int) -> Note:
        return self._find(self._workshop.notes, note_id, "note")

    def group(self, group_id: int) -> Group:
        return self._find(self._workshop.groups, group_id, "group")

    def action(self, action_id: int) -> Action:
        return self._find(self._workshop.actions, action_id, "action")

    @staticmethod
    def _find(items: Sequence[T], item_id: int, what: str) -> T:
        found = next((item for item in items if item.id == item_id), None)
        if found is None:
            raise no_item(what, item_id)
        return found

    # -- listening, saving, closing ----------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change and whenever saving succeeds or fails; returns how to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _tell(self) -> None:
        for listener in list(self._listeners):
            listener(self)

    def _adopt(self, theirs: Workshop, base: Workshop) -> None:
        """The saver found that another program replaced the file (see
        :class:`~darbnica.store.workshop.ForeignChange`): keep what it added, and save again."""
        workshop, kept = self._with_theirs(self._workshop, theirs, base)
        self._commit(_Adopted(workshop), None)
        self.notices.append(DarbnicaError("error.foreign_change", workshop=theirs.id, count=kept))
        self._tell()

    @staticmethod
    def _with_theirs(workshop: Workshop, theirs: Workshop, base: Workshop) -> tuple[Workshop, int]:
        """``workshop`` with every note, group and action ``theirs`` has that ``base`` (what this editor last
        wrote) did not: what another program added while this one's lock was broken, under a new id where ours
        took its id. Everything else stays as this editor has it. Returns it and how many items were kept."""
        kept = 0
        for table in ("groups", "notes", "actions"):
            known = {item.id for item in getattr(base, table)}
            for item in getattr(theirs, table):
                if item.id in known:
                    continue
                ours = getattr(workshop, table)
                if any(mine.id == item.id for mine in ours):
                    item = replace(item, id=next_id(ours))
                workshop, _ = Put(item).apply(workshop)
                kept += 1
        return workshop, kept

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every change is on disk; ``False`` if the disk still refuses some (they stay in memory)."""
        return self._saver.flush(timeout)

    def close(self) -> None:
        """Write what is left (as far as the disk lets it), stop saving, release the workshop."""
        self._saver.flush(10.0)
        self._saver.close()
        self._file.close()
        self._listeners.clear()

    # -- the history -------------------------------------------------------------------------------------

    def _commit(self, change: Change, undo: Undo | None) -> Workshop:
        """Apply ``change``, save it, remember ``undo`` (unless ``None``: not undoable), tell the listeners."""
        workshop, inverse = change.apply(self._workshop)
        try:
            self._saver.save(workshop)  # SaveNow raises here if the disk refuses: nothing below happens
        except ForeignChange as foreign:  # (saving at once) another program wrote first: keep it, with this change
            workshop, kept = self._with_theirs(workshop, foreign.theirs, foreign.base)
            self._saver.save(workshop)
            self.notices.append(DarbnicaError("error.foreign_change", workshop=workshop.id, count=kept))
        self._workshop = workshop
        self.version += 1
        if undo is not None:
            self._remember(replace(undo, change=inverse))
        self._tell()
        return workshop

    def _remember(self, entry: Undo) -> None:
        self._redo.clear()
        top = self._undo[-1] if self._undo else None
        if entry.merge is not None and top is not None and top.merge == entry.merge:
            return  # typing on in the same field: undoing goes back to before the typing began
        self._undo.append(entry)
        del self._undo[:-UNDO_DEPTH]

    def _do(self, change: Change, undo: str, redo: str, step: str | None, merge: Hashable = None) -> Workshop:
        return self._commit(change, Undo(undo, step, change, again=redo, merge=merge))

    def undo(self) -> Undo | None:
        """Reverse the last change; return what was undone, or ``None`` if there is nothing to undo."""
        return self._step_back(self._undo, self._redo)

    def redo(self) -> Undo | None:
        """Make the last undone change again; return it, or ``None`` if there is nothing to redo."""
        return self._step_back(self._redo, self._undo)

    def _step_back(self, source: list[Undo], target: list[Undo]) -> Undo | None:
        if not source:
            return None
        entry = source[-1]
        try:
            workshop, inverse = entry.change.apply(self._workshop)
            self._saver.save(workshop)
        except WriteFailed:
            raise  # the disk refused it (saving at once): it stays in the history for another try
        except DarbnicaError:
            source.pop()  # what it would put back was changed since in a way it cannot follow: let it go
            raise
        source.pop()
        self._workshop = workshop
        self.version += 1
        target.append(Undo(entry.again, entry.step, inverse, again=entry.what))
        self._tell()
        return entry

    # -- checks ------------------------------------------------------------------------------------------

    def _note_step(self, key: str) -> Step:
        step = self.step(key)
        if not step.takes_notes:
            raise InvalidInput("error.step_takes_no_notes", step=step.title)
        return step

    @staticmethod
    def _tag(step: Step, tag: str | None) -> str | None:
        if tag is None or tag == "":
            return None
        if step.tag(tag) is None:
            # Said as the room says them, in the reader's language (a tag's key is not a word anyone sees).
            known = {lang: ", ".join(f"#{pick(t.label, lang)}" for t in step.tags) or "-" for lang in LANGS}
            raise InvalidInput("error.no_tag", tag=tag, step=step.title, known=known)
        return tag

    def _new_note(self, note_id: int, step: Step, text: str, tag: str | None, author: str | None) -> Note:
        return Note(
            id=note_id,
            step=step.key,
            text=checked(text, NOTE_LIMIT, field="note"),
            tag=self._tag(step, tag),
            author=checked(author, LINE_LIMIT, field="author") if author else None,
            created=now(),
        )

    # -- notes ---------------------------------------------------------------------------------------------

    def add_note(
        self,
        step: str,
        text: str,
        tag: str | None = None,
        author: str | None = None,
    ) -> Note:
        """Add a note typed here (a phone's note comes in by :meth:`take_phone_notes`)."""
        note = self._new_note(next_id(self._workshop.notes), self._note_step(step), text, tag, author)
        self._do(Put(note), "undo.note_removed", "redo.note_added", note.step)
        return note

    def take_phone_notes(
        self,
        notes: Sequence[tuple[str, str, str]],
        *,
        group: int | None = None,
        into: Note | None = None,
        hidden: bool = False,
    ) -> list[Note]:
        """Notes from phones, each ``(step, text, ref)``, into the workshop as one change that one Ctrl+Z takes back
        (back into the phones' queue): approved (under ``group``, if given), merged ``into`` a note of the same
        step, or ``hidden``. A ref the workshop holds already is not added again: a note sent again after a Wi-Fi
        blip, or approved twice, the room sees once."""
        if group is not None:
            self.group(group)
        target = self.note(into.id) if into is not None else None
        known = {note.ref: note for note in self._workshop.notes if note.ref is not None}
        added: list[Note] = []
        fresh: list[Note] = []
        next_note = next_id(self._workshop.notes)
        for step, text, ref in notes:
            if ref in known:
                added.append(known[ref])
                continue
            note = self._new_note(next_note, self._note_step(step), text, None, None)
            if target is not None and target.step != note.step:
                raise InvalidInput("error.merge_itself")
            note = replace(
                note,
                source="phone",
                ref=checked(ref, REF_LIMIT, field="ref"),
                group=group,
                hidden=hidden or target is not None,
                merged_into=target.id if target is not None else None,
            )
            known[ref] = note
            added.append(note)
            fresh.append(note)
            next_note += 1
        if fresh:
            undo = "undo.note_removed" if len(fresh) == 1 else "undo.notes_removed"
            redo = "redo.note_added" if len(fresh) == 1 else "redo.notes_added"
            self._do(Batch(tuple(Put(note) for note in fresh)), undo, redo, fresh[0].step)
        return added

    def hide_note(self, note: Note, hidden: bool = True) -> Note:
        """Take a note off the wall (it stays in the file, out of the summary), or put it back."""
        return self._change_note(note, "undo.note_hidden", "redo.note_hidden", hidden=hidden)

    def merge_note(self, note: Note, into: Note) -> Note:
        """``note`` says what ``into`` says: it is kept, hidden, and counted with it (merging a phone's note)."""
        target = self.note(into.id)
        if target.id == note.id or target.step != self.note(note.id).step:
            raise InvalidInput("error.merge_itself")
        return self._change_note(note, "undo.note_merged", "redo.note_merged", hidden=True, merged_into=target.id)

    def add_notes(self, step: str, texts: Sequence[str], tag: str | None = None) -> list[Note]:
        """Add several notes as one change (a stack of paper stickies typed up): all of them, or none."""
        target = self._note_step(step)
        first = next_id(self._workshop.notes)
        notes = [self._new_note(first + n, target, text, tag, None) for n, text in enumerate(texts)]
        self._do(Batch(tuple(Put(note) for note in notes)), "undo.notes_removed", "redo.notes_added", target.key)
        return notes

    def _change_note(self, note: Note, undo: str, redo: str, **fields: Any) -> Note:
        current = self.note(note.id)
        changed = replace(current, **fields)
        if changed != current:
            self._do(Put(changed), undo, redo, current.step)
        return changed

    def edit_note(self, note: Note, text: str) -> Note:
        return self._change_note(note, "undo.note_text", "redo.note_text", text=checked(text, NOTE_LIMIT, field="note"))

    def retag_note(self, note: Note, tag: str | None) -> Note:
        current = self.note(note.id)
        return self._change_note(current, "undo.note_tag", "redo.note_tag", tag=self._tag(self.step(current.step), tag))

    def set_votes(self, note: Note, votes: int) -> Note:
        """The dots a note received; each change can be undone (one dot at a time when given one by one)."""
        return self._change_note(note, "undo.note_votes", "redo.note_votes", votes=checked_number(votes, MAX_VOTES))

    def group_note(self, note: Note, group: int | None) -> Note:
        """Put a note under a heading (``None``: under none)."""
        if group is not None:
            self.group(group)
        return self._change_note(note, "undo.note_group", "redo.note_group", group=group)

    def delete_note(self, note: Note) -> Note:
        current = self.note(note.id)
        self._do(Drop(Note, current.id), "undo.note_restored", "redo.note_deleted", current.step)
        return current

    # -- groups (headings that similar notes are clustered under) --------------------------------------------

    def add_group(self, step: str, title: str) -> Group:
        target = self._note_step(step)
        group = Group(next_id(self._workshop.groups), target.key, checked(title, LINE_LIMIT, field="group"))
        self._do(Put(group), "undo.group_removed", "redo.group_added", group.step)
        return group

    def rename_group(self, group: Group, title: str) -> Group:
        current = self.group(group.id)
        changed = replace(current, title=checked(title, LINE_LIMIT, field="group"))
        if changed != current:
            self._do(Put(changed), "undo.group_renamed", "redo.group_renamed", current.step)
        return changed

    def delete_group(self, group: Group) -> Group:
        """Remove a heading; its notes stay, under no heading (undo puts them back under it)."""
        current = self.group(group.id)
        members = [Put(replace(n, group=None)) for n in self._workshop.notes if n.group == current.id]
        self._do(Batch((*members, Drop(Group, current.id))), "undo.group_restored", "redo.group_deleted", current.step)
        return current

    # -- actions (responsibilities) ----------------------------------------------------------------------------

    @staticmethod
    def _action_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "what":
                out[name] = checked(value, LINE_LIMIT, field="what")
            elif name in ("who", "first_step", "due"):
                # "by when" as people say it ("līdz Jāņiem", "rudenī", a date): kept as typed (see rules.due_date)
                out[name] = checked(value, LINE_LIMIT, field=name, required=False)
            elif name == "status":
                try:
                    out[name] = Status(value)
                except ValueError:
                    known = ", ".join(s.value for s in Status)
                    raise InvalidInput("error.bad_status", value=value, known=known) from None
            elif name == "origin":
                out[name] = value
            else:
                raise TypeError(f"not an action field: {name}")
        return out

    def add_action(
        self,
        what: str,
        who: str = "",
        due: str = "",
        first_step: str = "",
        status: Status | str = Status.PLANNED,
        origin: str | None = None,
    ) -> Action:
        fields = self._action_fields(dict(what=what, who=who, due=due, first_step=first_step, status=status))
        stamp = now()
        action = Action(id=next_id(self._workshop.actions), origin=origin, created=stamp, updated=stamp, **fields)
        self._do(Put(action), "undo.action_removed", "redo.action_added", None)
        return action

    def update_action(self, action: Action, **fields: Any) -> Action:
        current = self.action(action.id)
        changed = replace(current, **self._action_fields(fields))
        if changed == current:
            return current
        changed = replace(changed, updated=now())
        self._do(Put(changed), "undo.action_changed", "redo.action_changed", None)
        return changed

    def delete_action(self, action: Action) -> Action:
        current = self.action(action.id)
        self._do(Drop(Action, current.id), "undo.action_restored", "redo.action_deleted", None)
        return current

    # -- the workshop's own fields ----------------------------------------------------------------------------

    def _set(self, values: Mapping[str, Any], undo: str, redo: str, step: str | None, merge: Hashable) -> Workshop:
        if all(getattr(self._workshop, name) == value for name, value in values.items()):
            return self._workshop  # nothing to write, nothing to undo
        return self._do(Set(values), undo, redo, step, merge)

    def set_details(
        self,
        *,
        title: str | None = None,
        place: str | None = None,
        date: str | None = None,
        facilitator: str | None = None,
    ) -> Workshop:
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = checked(title, LINE_LIMIT, field="title")
        if place is not None:
            values["place"] = checked(place, LINE_LIMIT, field="place", required=False)
        if date is not None:
            values["date"] = checked_date(date)
        if facilitator is not None:
            values["facilitator"] = checked(facilitator, LINE_LIMIT, field="facilitator", required=False)
        # Typing into one field is one step of the history, however many keys it took.
        return self._set(values, "undo.details", "redo.details", None, ("details", *sorted(values)))

    def set_engagement(self, level: str | None) -> Workshop:
        known = [choice.key for step in self._workshop.plan.steps for choice in step.levels]
        if level is not None and level not in known:
            raise InvalidInput("error.bad_level", value=level, known=", ".join(known) or "-")
        return self._set({"engagement": level}, "undo.engagement", "redo.engagement", None, None)

    def set_headcount(self, group: str, count: int) -> Workshop:
        """Set how many people of ``group`` are in the room; 0 removes the line."""
        group = checked(group, LINE_LIMIT, field="group")
        count = checked_number(count, MAX_HEADCOUNT)
        headcounts = self._workshop.headcounts
        rows = [h for h in headcounts if h.group != group]
        if count:
            position = next((i for i, h in enumerate(headcounts) if h.group == group), len(rows))
            rows.insert(position, Headcount(group, count))
        return self._set({"headcounts": tuple(rows)}, "undo.headcount", "redo.headcount", None, ("headcount", group))

    def set_vision(self, statement: str) -> Workshop:
        vision = checked(statement, STATEMENT_LIMIT, field="vision", required=False, multiline=True)
        return self._set({"vision": vision}, "undo.vision", "redo.vision", self._vision_step_key(), "vision")

    def _vision_step_key(self) -> str | None:
        return next((s.key for s in self._workshop.plan.steps if s.kind is StepKind.VISION), None)

    def set_vision_check(self, index: int, met: bool) -> Workshop:
        vision = next((s for s in self._workshop.plan.steps if s.kind is StepKind.VISION), None)
        if vision is None or not 0 <= index < len(vision.checks):
            raise InvalidInput("error.no_check", index=index)
        checks = set(self._workshop.vision_checks)
        checks.add(index) if met else checks.discard(index)
        values = {"vision_checks": tuple(sorted(checks))}
        return self._set(values, "undo.vision_check", "redo.vision_check", vision.key, None)

    def set_rating(self, principle: str, rating: int | None) -> Workshop:
        steps = self._workshop.plan.steps
        step = next((s for s in steps if s.kind is StepKind.PRINCIPLES and s.tag(principle)), None)
        if step is None:
            raise InvalidInput("error.no_principle", value=principle)
        if rating is not None and rating not in RATING_RANGE:
            raise InvalidInput("error.bad_number", value=rating, low=RATING_RANGE.start, high=RATING_RANGE.stop - 1)
        ratings = dict(self._workshop.ratings)
        if rating is None:
            ratings.pop(principle, None)
        else:
            ratings[principle] = rating
        return self._set({"ratings": ratings}, "undo.rating", "redo.rating", step.key, None)

    # -- not undoable (see the module's docstring) ------------------------------------------------------------

    def add_phone_dots(self, note: Note, dots: int) -> Note:
        """Dots from phones (the server keeps each phone to its budget): only the total is kept."""
        current = self.note(note.id)
        total = checked_number(current.phone_votes + dots, MAX_VOTES)
        changed = replace(current, phone_votes=total)
        self._commit(Put(changed), None)
        return changed

    def set_room(self, step: str, **settings: Any) -> RoomStep:
        """How phones take part in ``step``: ``show_at_once``, ``voting``, ``budget`` (1–12), ``revealed``."""
        key = self._note_step(step).key
        current = self._workshop.room_step(key)
        changed = replace(current, **settings)
        checked_number(changed.budget, MAX_BUDGET, low=1)
        if changed != current:
            self._commit(Set({"room": {**self._workshop.room, key: changed}}), None)
        return changed

    def go_to(self, step: str) -> Workshop:
        """Remember the step the room is on, so the workshop reopens there."""
        key = self.step(step).key
        if key == self._workshop.current_step:
            return self._workshop
        return self._commit(Set({"current_step": key}), None)

    def set_step_seconds(self, step: str, seconds: int) -> Workshop:
        seconds_by_step = {**self._workshop.step_seconds, self.step(step).key: max(0, int(seconds))}
        if seconds_by_step == self._workshop.step_seconds:
            return self._workshop
        return self._commit(Set({"step_seconds": seconds_by_step}), None)

    def set_draft(self, step: str, text: str) -> Workshop:
        """Keep text typed but not yet added, so closing the app does not lose it."""
        drafts = dict(self._workshop.drafts)
        text = text[:NOTE_LIMIT]
        if text.strip():
            drafts[self.step(step).key] = text
        else:
            drafts.pop(step, None)
        if drafts == self._workshop.drafts:
            return self._workshop  # nothing to write
        return self._commit(Set({"drafts": drafts}), None)
