"""One workshop open for writing.

:class:`WorkshopFile` is the single writer of one workshop file while it is open: it holds the workshop's lock,
checks every change, writes it at once (one atomic file replacement per change, no save command) and returns the
changed object. The interface and the CLI both change workshops only through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from darbnica.errors import InvalidInput, NotFound
from darbnica.model import RATING_RANGE, Action, Group, Note, Status, Step, StepKind, Workshop
from darbnica.store.lock import WorkshopLock
from darbnica.store.records import (
    ACTIONS,
    GROUPS,
    META,
    META_ID,
    NOTES,
    action_doc,
    action_from_doc,
    group_doc,
    group_from_doc,
    note_doc,
    note_from_doc,
    workshop_from_tables,
)
from darbnica.store.storage import AtomicJSONStorage, remove_stale_temps
from darbnica.text import LINE_LIMIT, NOTE_LIMIT, STATEMENT_LIMIT, checked

MAX_VOTES = 999
MAX_HEADCOUNT = 100_000


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def checked_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD), or empty."""
    value = value.strip()
    if not value:
        return ""
    try:
        return Date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise InvalidInput("error.bad_date", value=value)


class WorkshopFile:
    """A workshop open for writing. Use :meth:`Library.open <darbnica.store.library.Library.open>` to get one."""

    def __init__(self, path: Path, lock: WorkshopLock) -> None:
        self.path = path
        self._lock = lock
        remove_stale_temps(path)  # safe: we hold the lock, so no other writer can be mid-write
        self._db = TinyDB(path, storage=AtomicJSONStorage)
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        self._storage = storage
        self._meta = self._db.table(META, cache_size=0)
        self._notes = self._db.table(NOTES, cache_size=0)
        self._actions = self._db.table(ACTIONS, cache_size=0)
        self._groups = self._db.table(GROUPS, cache_size=0)
        self._snapshot: Workshop | None = None
        self._snapshot = self.workshop  # check the whole file now, not at the first change

    # -- reading ---------------------------------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        """The workshop as it is on disk now."""
        if self._snapshot is None:
            tables = self._storage.read()
            assert tables is not None, "a workshop file is created before it is opened"
            self._snapshot = workshop_from_tables(tables, self.path)
        return self._snapshot

    @property
    def id(self) -> str:
        return self.workshop.id

    def close(self) -> None:
        self._db.close()
        self._lock.release()

    def __enter__(self) -> WorkshopFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing helpers ---------------------------------------------------------------------------------------

    def _write(self, table: Table, change: Callable[[Table], Any]) -> Any:
        # Every change is one TinyDB call, so one atomic file replacement. If the disk refuses, WriteFailed
        # propagates, the file and the kept state are as before, and the caller keeps what the user typed.
        # TinyDB alters the kept tables before it writes them: if it stops on the way, they are read again.
        try:
            result = change(table)
        except BaseException:
            self._storage.forget()
            raise
        self._snapshot = None
        return result

    def _doc(self, table: Table, doc_id: int, what: str) -> Document:
        doc = table.get(doc_id=doc_id)
        if doc is None:
            raise NotFound("error.no_item", what=what, id=doc_id)
        assert isinstance(doc, Document)
        return doc

    def _update_meta(self, changes: Mapping[str, Any]) -> Workshop:
        self._write(self._meta, lambda t: t.update(dict(changes), doc_ids=[int(META_ID)]))
        return self.workshop

    def step(self, key: str) -> Step:
        return self.workshop.plan.step(key)

    def _note_step(self, key: str) -> Step:
        step = self.step(key)
        if not step.takes_notes:
            raise InvalidInput("error.step_takes_no_notes", step=key)
        return step

    def _check_tag(self, step: Step, tag: str | None) -> str | None:
        if tag is None or tag == "":
            return None
        if step.tag(tag) is None:
            known = ", ".join(t.key for t in step.tags) or "-"
            raise InvalidInput("error.no_tag", tag=tag, step=step.key, known=known)
        return tag

    # -- notes -------------------------------------------------------------------------------------------------

    def _note_doc(self, step: Step, text: str, tag: str | None, author: str | None) -> dict[str, Any]:
        return {
            "step": step.key,
            "text": checked(text, NOTE_LIMIT, field="note"),
            "tag": self._check_tag(step, tag),
            "author": checked(author, LINE_LIMIT, field="author") if author else None,
            "votes": 0,
            "group": None,
            "created": now(),
        }

    def add_note(self, step: str, text: str, tag: str | None = None, author: str | None = None) -> Note:
        doc = self._note_doc(self._note_step(step), text, tag, author)
        before = self._snapshot
        doc_id = self._write(self._notes, lambda t: t.insert(doc))
        note = note_from_doc(str(doc_id), doc, self.path)
        if before is not None and (not before.notes or before.notes[-1].id < note.id):
            # The new note sorts last, so the workshop as the file now has it is the one before plus this note.
            # Rebuilding it from every note instead was most of the time a note took in a long workshop.
            self._snapshot = replace(before, notes=(*before.notes, note))
        return note

    def add_notes(self, step: str, texts: Sequence[str], tag: str | None = None) -> list[Note]:
        """Add several notes in one write (a stack of paper stickies typed up): all of them, or none."""
        target = self._note_step(step)
        docs = [self._note_doc(target, text, tag, None) for text in texts]
        doc_ids = self._write(self._notes, lambda t: t.insert_multiple(docs))
        return [note_from_doc(str(i), doc, self.path) for i, doc in zip(doc_ids, docs, strict=True)]

    def _change_note(self, note_id: int, changes: dict[str, Any]) -> Note:
        self._doc(self._notes, note_id, "note")
        self._write(self._notes, lambda t: t.update(changes, doc_ids=[note_id]))
        return note_from_doc(str(note_id), self._doc(self._notes, note_id, "note"), self.path)

    def edit_note(self, note_id: int, text: str) -> Note:
        return self._change_note(note_id, {"text": checked(text, NOTE_LIMIT, field="note")})

    def retag_note(self, note_id: int, tag: str | None) -> Note:
        doc = self._doc(self._notes, note_id, "note")
        return self._change_note(note_id, {"tag": self._check_tag(self.step(doc["step"]), tag)})

    def set_votes(self, note_id: int, votes: int) -> Note:
        if not 0 <= votes <= MAX_VOTES:
            raise InvalidInput("error.bad_number", value=votes, low=0, high=MAX_VOTES)
        return self._change_note(note_id, {"votes": votes})

    def group_note(self, note_id: int, group_id: int | None) -> Note:
        if group_id is not None:
            self._doc(self._groups, group_id, "group")
        return self._change_note(note_id, {"group": group_id})

    def delete_note(self, note_id: int) -> Note:
        """Remove a note and return it, so it can be put back with :meth:`restore_note`."""
        note = note_from_doc(str(note_id), self._doc(self._notes, note_id, "note"), self.path)
        self._write(self._notes, lambda t: t.remove(doc_ids=[note_id]))
        return note

    def restore_note(self, note: Note) -> Note:
        """Put a deleted note back with its id, so it returns to its place in the list."""
        self._write(self._notes, lambda t: t.insert(Document(note_doc(note), doc_id=note.id)))
        return note

    # -- groups --------------------------------------------------------------------------------------------

    def add_group(self, step: str, title: str) -> Group:
        doc = {"step": self._note_step(step).key, "title": checked(title, LINE_LIMIT, field="group")}
        doc_id = self._write(self._groups, lambda t: t.insert(doc))
        return group_from_doc(str(doc_id), doc, self.path)

    def rename_group(self, group_id: int, title: str) -> Group:
        self._doc(self._groups, group_id, "group")
        title = checked(title, LINE_LIMIT, field="group")
        self._write(self._groups, lambda t: t.update({"title": title}, doc_ids=[group_id]))
        return group_from_doc(str(group_id), self._doc(self._groups, group_id, "group"), self.path)

    def delete_group(self, group_id: int) -> Group:
        """Remove a heading; its notes stay, ungrouped."""
        group = group_from_doc(str(group_id), self._doc(self._groups, group_id, "group"), self.path)
        members = [note.id for note in self.workshop.notes if note.group == group_id]
        if members:
            self._write(self._notes, lambda t: t.update({"group": None}, doc_ids=members))
        self._write(self._groups, lambda t: t.remove(doc_ids=[group_id]))
        return group

    def restore_group(self, group: Group, members: list[int]) -> Group:
        """Put a deleted heading back with its id, and its notes under it again (undoing :meth:`delete_group`)."""
        self._write(self._groups, lambda t: t.insert(Document(group_doc(group), doc_id=group.id)))
        present = [note.id for note in self.workshop.notes if note.id in members]
        if present:
            self._write(self._notes, lambda t: t.update({"group": group.id}, doc_ids=present))
        return group

    # -- actions (responsibilities) ----------------------------------------------------------------------------

    def _action_fields(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "what":
                out[name] = checked(value, LINE_LIMIT, field="what")
            elif name in ("who", "first_step"):
                out[name] = checked(value, LINE_LIMIT, field=name, required=False)
            elif name == "due":
                out[name] = checked_date(value)
            elif name == "status":
                try:
                    out[name] = Status(value).value
                except ValueError:
                    raise InvalidInput(
                        "error.bad_status", value=value, known=", ".join(s.value for s in Status)
                    ) from None
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
        fields = dict(what=what, who=who, due=due, first_step=first_step, status=status, origin=origin)
        doc = {**self._action_fields(fields), "created": now(), "updated": now()}
        doc_id = self._write(self._actions, lambda t: t.insert(doc))
        return action_from_doc(str(doc_id), doc, self.path)

    def update_action(self, action_id: int, **fields: Any) -> Action:
        self._doc(self._actions, action_id, "action")
        changes = {**self._action_fields(fields), "updated": now()}
        self._write(self._actions, lambda t: t.update(changes, doc_ids=[action_id]))
        return action_from_doc(str(action_id), self._doc(self._actions, action_id, "action"), self.path)

    def delete_action(self, action_id: int) -> Action:
        action = action_from_doc(str(action_id), self._doc(self._actions, action_id, "action"), self.path)
        self._write(self._actions, lambda t: t.remove(doc_ids=[action_id]))
        return action

    def restore_action(self, action: Action) -> Action:
        self._write(self._actions, lambda t: t.insert(Document(action_doc(action), doc_id=action.id)))
        return action

    # -- the workshop's own fields ----------------------------------------------------------------------------

    def set_details(
        self,
        *,
        title: str | None = None,
        place: str | None = None,
        date: str | None = None,
        facilitator: str | None = None,
    ) -> Workshop:
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = checked(title, LINE_LIMIT, field="title")
        if place is not None:
            changes["place"] = checked(place, LINE_LIMIT, field="place", required=False)
        if date is not None:
            changes["date"] = checked_date(date)
        if facilitator is not None:
            changes["facilitator"] = checked(facilitator, LINE_LIMIT, field="facilitator", required=False)
        return self._update_meta(changes)

    def go_to(self, step: str) -> Workshop:
        """Remember the step the room is on, so the workshop reopens there."""
        return self._update_meta({"current_step": self.step(step).key})

    def set_engagement(self, level: str | None) -> Workshop:
        known = [choice.key for step in self.workshop.plan.steps for choice in step.levels]
        if level is not None and level not in known:
            raise InvalidInput("error.bad_level", value=level, known=", ".join(known) or "-")
        return self._update_meta({"engagement": level})

    def set_headcount(self, group: str, count: int) -> Workshop:
        """Set how many people of ``group`` are in the room; 0 removes the line."""
        group = checked(group, LINE_LIMIT, field="group")
        if not 0 <= count <= MAX_HEADCOUNT:
            raise InvalidInput("error.bad_number", value=count, low=0, high=MAX_HEADCOUNT)
        rows = [{"group": h.group, "count": h.count} for h in self.workshop.headcounts if h.group != group]
        if count:
            position = next((i for i, h in enumerate(self.workshop.headcounts) if h.group == group), len(rows))
            rows.insert(position, {"group": group, "count": count})
        return self._update_meta({"headcounts": rows})

    def set_vision(self, statement: str) -> Workshop:
        return self._update_meta(
            {"vision": checked(statement, STATEMENT_LIMIT, field="vision", required=False, multiline=True)}
        )

    def set_vision_check(self, index: int, met: bool) -> Workshop:
        vision = next((s for s in self.workshop.plan.steps if s.kind is StepKind.VISION), None)
        if vision is None or not 0 <= index < len(vision.checks):
            raise InvalidInput("error.no_check", index=index)
        checks = set(self.workshop.vision_checks)
        checks.add(index) if met else checks.discard(index)
        return self._update_meta({"vision_checks": sorted(checks)})

    def set_rating(self, principle: str, rating: int | None) -> Workshop:
        step = next((s for s in self.workshop.plan.steps if s.tag(principle) and s.kind is StepKind.PRINCIPLES), None)
        if step is None:
            raise InvalidInput("error.no_principle", value=principle)
        if rating is not None and rating not in RATING_RANGE:
            raise InvalidInput("error.bad_number", value=rating, low=RATING_RANGE.start, high=RATING_RANGE.stop - 1)
        ratings = dict(self.workshop.ratings)
        if rating is None:
            ratings.pop(principle, None)
        else:
            ratings[principle] = rating
        return self._update_meta({"ratings": ratings})

    def set_step_seconds(self, step: str, seconds: int) -> Workshop:
        seconds_by_step = {**self.workshop.step_seconds, self.step(step).key: max(0, int(seconds))}
        return self._update_meta({"step_seconds": seconds_by_step})

    def set_draft(self, step: str, text: str) -> Workshop:
        """Keep text typed but not yet added, so closing the app does not lose it."""
        drafts = dict(self.workshop.drafts)
        text = text[:NOTE_LIMIT]
        if text.strip():
            drafts[self.step(step).key] = text
        elif drafts.pop(step, None) is None:
            return self.workshop  # nothing to write
        return self._update_meta({"drafts": drafts})
