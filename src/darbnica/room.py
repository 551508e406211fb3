"""The room on its phones: notes sent and dots given from phones, kept in a journal beside the workshop file.

A phone's note is journaled (:mod:`darbnica.journal`: appended and fsynced) before :meth:`Room.receive` returns,
so a phone is told "received" only once the note is on disk. It then waits for the facilitator, who approves it
into the workshop (through the :class:`~darbnica.editing.Editor`, with the id its phone gave it as the note's
``ref``), or it goes straight in on a step that shows phone notes at once. The journal is never changed by
approving: a received note is *waiting* exactly while the workshop has no note with its ref (and its phone is not
blocked), so after a crash, a kill or a refused write of the workshop file every received note that did not reach
the file is in the queue again, and none is doubled.

Dots from phones are journaled the same way, one line per dot given or taken back, naming the phone: the budget
of each phone on each step is kept across restarts. Those per-phone lines live only while voting on the step is
open: when it closes, the journal is rewritten with one total per note in their place, so no file says who voted
for what. The workshop keeps only totals (:attr:`~darbnica.model.Note.phone_votes`); :meth:`Room.phone_dots`
says what they should be, so whoever holds the editor can put in what a crash or an undo left out.

The phone side (:meth:`receive`, :meth:`vote`) is called from the share server's thread, the facilitator's side
from the app's loop: everything here is guarded by one lock, and listeners are called on the thread that made the
change, after the lock is released. Nothing here knows HTTP or Textual.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from darbnica.errors import DarbnicaError, InvalidInput, NotFound
from darbnica.journal import Journal, read_records
from darbnica.model import Note, Workshop
from darbnica.rules import REF_LIMIT
from darbnica.text import checked

PHONE_NOTE_LIMIT = 500
"""Characters a note from a phone may hold: half the app's limit, a few sentences typed with thumbs."""
NOTES_PER_MINUTE = 10
"""Notes one phone may send in a minute: more than anyone types, too few to flood the queue."""
WAITING_PER_PHONE = 20
"""Notes of one phone waiting for the facilitator at once."""
WAITING_IN_ROOM = 1000
"""Notes waiting for the facilitator at once, from all phones."""
VOTES_PER_SECOND = 5.0
"""Dots one phone may give or take back a second (with a burst of :data:`VOTE_BURST`)."""
VOTE_BURST = 10.0

log = logging.getLogger(__name__)

REF = re.compile(rf"[A-Za-z0-9_-]{{8,{REF_LIMIT}}}")
"""What a phone-made id looks like: random, URL-safe, long enough not to collide."""


class RoomRefused(DarbnicaError):
    """What the room does not take from a phone now, said in the phone's language; ``retry_after`` (seconds) when
    it would take it later."""

    def __init__(self, key: str, retry_after: float | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.retry_after = retry_after


class TooFast(RoomRefused):
    """A limit on how much a phone (or the room) sends; the phone may try again after ``retry_after``."""


class Blocked(RoomRefused):
    """The facilitator blocked this phone."""


@dataclass(frozen=True)
class PhoneNote:
    ref: str
    """The id its phone made for it: the same note sent again (after a Wi-Fi blip) has the same ref."""
    phone: str
    """The random id of the phone's cookie. Never shown on the projector; the interface handles refs only."""
    step: str
    """The step the phone showed when the note was sent: where it belongs, wherever the room is now."""
    text: str
    received: str
    """When it was received (ISO 8601, local time with its offset)."""


@dataclass(frozen=True)
class NoteReceived:
    note: PhoneNote


@dataclass(frozen=True)
class DotsChanged:
    step: str
    note: int
    """The id of the workshop's note."""
    total: int
    """All the dots phones have given it now (what its ``phone_votes`` should be)."""


@dataclass(frozen=True)
class SenderBlocked:
    refs: tuple[str, ...]
    """The notes that left the queue with their phone."""


@dataclass(frozen=True)
class JournalRefused:
    """The disk refused a phone's note or dot: the phone was told to send it again, and the laptop must know."""

    error: DarbnicaError


RoomEvent = NoteReceived | DotsChanged | SenderBlocked | JournalRefused


@dataclass(frozen=True)
class Ballot:
    """What one phone has given on one step."""

    given: Mapping[int, int]
    """Note id → dots this phone gave it."""
    budget: int
    voting: bool

    @property
    def left(self) -> int:
        return max(0, self.budget - sum(self.given.values())) if self.voting else 0


def note_key(note: Note) -> tuple[int, str]:
    """Which note dots were given to: its id and what tells it from a note given that id after a crash (the ref
    of a phone's note, the creation time of a typed one)."""
    return note.id, note.ref or note.created


@dataclass
class _Phone:
    notes: list[str] = field(default_factory=list)
    """Refs of its notes (in flight ones too), oldest first."""
    sent: deque[float] = field(default_factory=deque)
    """When it sent its notes of the last minute (monotonic seconds)."""
    tokens: float = VOTE_BURST
    """The vote bucket: a vote takes one, they come back at :data:`VOTES_PER_SECOND`."""
    refilled: float = 0.0


Listener = Callable[[RoomEvent], None]


class Room:
    """The phones of one workshop, with its journal at ``path`` (:meth:`~darbnica.store.Library.journal_of`),
    until :meth:`close`."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._journal = Journal(path)
        self._notes: dict[str, PhoneNote] = {}
        """Every received note by ref, in the order received."""
        self._flying: dict[str, tuple[str, threading.Event]] = {}
        """Refs being journaled now → their phone and what is set once that is done (either way)."""
        self._phones: dict[str, _Phone] = defaultdict(_Phone)
        self._blocked: set[str] = set()
        self._given: dict[tuple[str, str], dict[tuple[int, str], int]] = {}
        """(phone, step) → note key → dots that phone gave it, while voting on the step is open."""
        self._totals: dict[tuple[int, str], int] = defaultdict(int)
        """Note key → all the dots phones gave it (closed votes included)."""
        self._workshop: Workshop | None = None
        self._refs: tuple[Workshop | None, frozenset[str]] = (None, frozenset())
        self.version = 0
        """Counts the changes: the server tells phones something new happened by it."""
        for record in self._journal.records:
            self._replay(record)

    @property
    def path(self) -> Path:
        return self._journal.path

    def close(self) -> None:
        self._journal.close()
        self._listeners.clear()

    # -- reading the journal ---------------------------------------------------------------------------------

    def _replay(self, record: dict[str, Any]) -> None:
        try:
            kind = record["t"]
            if kind == "note":
                note = _phone_note(record)
                if note.ref not in self._notes:
                    self._phones[note.phone].notes.append(note.ref)
                # A ref is written again only if its first line was never acknowledged (the disk refused the
                # fsync, and the phone sent it again): the later line is the one the phone was told about.
                self._notes[note.ref] = note
            elif kind == "dot":
                key = (int(record["note"]), str(record["key"]))
                self._count(str(record["phone"]), str(record["step"]), key, int(record["n"]))
            elif kind == "total":
                self._totals[(int(record["note"]), str(record["key"]))] += int(record["n"])
            elif kind == "block":
                self._blocked.add(str(record["phone"]))
        except (KeyError, TypeError, ValueError):
            pass  # a line this version does not understand: kept in the file, not acted on

    def _count(self, phone: str, step: str, key: tuple[int, str], change: int) -> None:
        given = self._given.setdefault((phone, step), {})
        given[key] = given.get(key, 0) + change
        if not given[key]:
            del given[key]
        self._totals[key] += change

    # -- the workshop as it is now -------------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop | None:
        """The workshop as the facilitator has it now (given by :meth:`update`)."""
        return self._workshop

    def update(self, workshop: Workshop) -> None:
        """The workshop changed (or the room just opened): phones see it so, and a vote that closed leaves only
        its totals in the journal."""
        with self._lock:
            self._workshop = workshop
            self.version += 1
            closed = {step for (_, step) in self._given if not workshop.room_step(step).voting}
        for step in sorted(closed):
            try:
                self._fold(step)
            except DarbnicaError as error:  # the per-phone lines stay until the next change folds them
                log.warning("could not fold the dots of %s in %s: %s", step, self.path, error)

    def _fold(self, step: str) -> None:
        """Rewrite the journal with one total per note in place of each phone's dots on ``step``."""
        with self._lock:
            folded: dict[tuple[int, str], int] = defaultdict(int)
            for (phone, given_step), given in list(self._given.items()):
                if given_step == step:
                    for key, dots in given.items():
                        folded[key] += dots
                    del self._given[(phone, given_step)]

            def fold(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
                kept = [r for r in records if not (r.get("t") == "dot" and r.get("step") == step)]
                kept += [
                    {"t": "total", "step": step, "note": key[0], "key": key[1], "n": n} for key, n in folded.items()
                ]
                return kept

            self._journal.rewrite_with(fold)

    def _refs_in(self, workshop: Workshop) -> frozenset[str]:
        if self._refs[0] is not workshop:
            self._refs = (workshop, frozenset(note.ref for note in workshop.notes if note.ref is not None))
        return self._refs[1]

    # -- the facilitator's side ------------------------------------------------------------------------------

    def waiting(self, workshop: Workshop, step: str | None = None) -> list[PhoneNote]:
        """The received notes ``workshop`` does not have yet (of ``step``, or all), oldest first; a blocked
        phone's are left out."""
        with self._lock:
            return self._waiting(workshop, step)

    def _waiting(self, workshop: Workshop | None, step: str | None = None) -> list[PhoneNote]:
        refs = self._refs_in(workshop) if workshop is not None else frozenset()
        return [
            note
            for note in self._notes.values()
            if note.ref not in refs and note.phone not in self._blocked and (step is None or note.step == step)
        ]

    def note(self, ref: str) -> PhoneNote:
        with self._lock:
            found = self._notes.get(ref)
        if found is None:
            raise NotFound("room.no_phone_note", ref=ref)
        return found

    def block_sender(self, ref: str) -> int:
        """Block the phone that sent note ``ref``: it sends nothing more, and its waiting notes leave the queue
        (they stay in the journal). Returns how many left it."""
        phone = self.note(ref).phone
        with self._lock:
            if phone in self._blocked:
                return 0
        self._journal.append({"t": "block", "phone": phone})
        with self._lock:
            gone = tuple(note.ref for note in self._waiting(self._workshop) if note.phone == phone)
            self._blocked.add(phone)
            self.version += 1
        self._tell(SenderBlocked(gone))
        return len(gone)

    def phone_dots(self, workshop: Workshop) -> dict[int, int]:
        """Note id → what its ``phone_votes`` should be, for the notes of ``workshop`` phones gave dots to."""
        with self._lock:
            return {note.id: self._totals[note_key(note)] for note in workshop.notes if note_key(note) in self._totals}

    # -- the phone side --------------------------------------------------------------------------------------

    def receive(self, phone: str, ref: str, step: str, text: str, *, exempt: bool = False) -> PhoneNote:
        """Journal a note from ``phone`` for ``step`` and return it once it is on disk. The same ``ref`` again
        returns the note received first. Raises :class:`RoomRefused` (a limit, a blocked phone),
        :class:`~darbnica.errors.InvalidInput` (empty, too long, a step that takes no notes) or
        :class:`~darbnica.errors.WriteFailed` (the disk refused: nothing was received). ``exempt``: the scribe,
        who types for the people without phones, is not held to the per-phone limits."""
        if not REF.fullmatch(ref):
            raise InvalidInput("room.bad_ref")
        cleaned = checked(text, PHONE_NOTE_LIMIT, field="note")
        while True:
            with self._lock:
                known = self._notes.get(ref)
                flying = self._flying.get(ref)
                if known is None and flying is None:
                    self._admit(phone, step, exempt)
                    done = threading.Event()
                    self._flying[ref] = (phone, done)
                    self._phones[phone].notes.append(ref)
                    break
            if known is not None:
                if known.phone != phone:
                    raise InvalidInput("room.bad_ref")
                return known
            assert flying is not None
            flying[1].wait()  # the same note, sent twice at once: the first one's outcome is the answer
        note = PhoneNote(ref, phone, step, cleaned, datetime.now().astimezone().isoformat(timespec="milliseconds"))
        try:
            self._journal.append({"t": "note", **note.__dict__})
        except BaseException as error:
            with self._lock:
                del self._flying[ref]
                self._phones[phone].notes.remove(ref)
            done.set()
            self._refused(error)
            raise
        with self._lock:
            del self._flying[ref]
            self._notes[ref] = note
            self.version += 1
        done.set()
        self._tell(NoteReceived(note))
        return note

    def _admit(self, phone: str, step: str, exempt: bool) -> None:
        """Refuse a note that would break a limit (with the lock held)."""
        if phone in self._blocked:
            raise Blocked("room.blocked")
        workshop = self._workshop
        if workshop is None:
            raise NotFound("error.no_workshop", ref="-")
        if step not in {s.key for s in workshop.plan.steps if s.takes_notes}:
            named = next((s.title for s in workshop.plan.steps if s.key == step), step)
            raise InvalidInput("error.step_takes_no_notes", step=named)
        waiting = self._waiting(workshop)
        if len(waiting) + len(self._flying) >= WAITING_IN_ROOM:
            raise TooFast("room.queue_full", retry_after=30)
        if exempt:
            return
        mine = self._phones[phone]
        if sum(1 for note in waiting if note.phone == phone) >= WAITING_PER_PHONE:
            raise TooFast("room.too_many_waiting", retry_after=30, limit=WAITING_PER_PHONE)
        now = self._clock()
        while mine.sent and now - mine.sent[0] >= 60:
            mine.sent.popleft()
        if len(mine.sent) >= NOTES_PER_MINUTE:
            raise TooFast("room.too_fast", retry_after=60 - (now - mine.sent[0]), limit=NOTES_PER_MINUTE)
        mine.sent.append(now)

    def mine(self, phone: str, workshop: Workshop, step: str) -> tuple[int, int]:
        """How many of ``phone``'s notes on ``step`` wait, and how many are on the wall: shown there, or merged into
        a note that is (its idea is on the wall, and a phone told "none" would think it lost)."""
        with self._lock:
            refs = set(self._phones[phone].notes) if phone in self._phones else set()
            waiting = sum(1 for note in self._waiting(workshop, step) if note.ref in refs)
        wall = {note.id for note in workshop.shown_in(step)}
        shown = sum(
            1 for note in workshop.notes_in(step) if note.ref in refs and (note.id in wall or note.merged_into in wall)
        )
        return waiting, shown

    def ballot(self, phone: str, step: str) -> Ballot:
        with self._lock:
            return self._ballot(phone, step)

    def _ballot(self, phone: str, step: str) -> Ballot:
        workshop = self._workshop
        settings = workshop.room_step(step) if workshop is not None else None
        given = self._given.get((phone, step), {})
        return Ballot(
            given={key[0]: dots for key, dots in given.items()},
            budget=settings.budget if settings else 0,
            voting=bool(settings and settings.voting),
        )

    def vote(self, phone: str, step: str, note: int, change: int) -> Ballot:
        """Give one dot to note ``note`` of ``step`` (``change`` 1) or take one back (-1), within the phone's
        budget for the step; on disk before it returns. Returns what the phone has given now."""
        if change not in (1, -1):
            raise InvalidInput("room.bad_vote")
        with self._lock:
            if phone in self._blocked:
                raise Blocked("room.blocked")
            workshop = self._workshop
            settings = workshop.room_step(step) if workshop is not None else None
            if workshop is None or settings is None or not settings.voting:
                raise RoomRefused("room.voting_closed")
            target = next((n for n in workshop.shown_in(step) if n.id == note), None)
            if target is None:
                raise NotFound("room.no_note")
            self._take_vote_token(phone)
            key = note_key(target)
            ballot = self._ballot(phone, step)
            if change > 0 and ballot.left <= 0:
                raise RoomRefused("room.no_dots_left", budget=settings.budget)
            if change < 0 and not self._given.get((phone, step), {}).get(key):
                raise RoomRefused("room.nothing_to_take_back")
            self._count(phone, step, key, change)
        record = {"t": "dot", "phone": phone, "step": step, "note": key[0], "key": key[1], "n": change}
        try:
            self._journal.append(record)
        except BaseException as error:
            with self._lock:
                self._count(phone, step, key, -change)
            self._refused(error)
            raise
        with self._lock:
            total = self._totals[key]
            self.version += 1
            ballot = self._ballot(phone, step)
        self._tell(DotsChanged(step, note, total))
        return ballot

    def _take_vote_token(self, phone: str) -> None:
        mine, now = self._phones[phone], self._clock()
        mine.tokens = min(VOTE_BURST, mine.tokens + (now - mine.refilled) * VOTES_PER_SECOND)
        mine.refilled = now
        if mine.tokens < 1:
            raise TooFast("room.votes_too_fast", retry_after=(1 - mine.tokens) / VOTES_PER_SECOND)
        mine.tokens -= 1

    # -- listening -------------------------------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change, on the thread that made it; returns how to stop."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, DarbnicaError):  # (the disk's refusal, said as the store says it)
            self._tell(JournalRefused(error))

    def _tell(self, event: RoomEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)


def _phone_note(record: dict[str, Any]) -> PhoneNote:
    """The note a journal line holds; ValueError for a ref the room would not take now (one a version that took
    longer refs journaled could never go into the workshop file)."""
    note = PhoneNote(*(str(record[name]) for name in ("ref", "phone", "step", "text", "received")))
    if not REF.fullmatch(note.ref):
        raise ValueError(note.ref)
    return note


def unapproved(path: Path, workshop: Workshop) -> list[tuple[PhoneNote, bool]]:
    """The received notes in the journal at ``path`` that ``workshop`` does not have, oldest first, each with
    whether its phone was blocked. Read without taking the journal (the app may hold it): for an export."""
    records, _ = read_records(path)
    notes: dict[str, PhoneNote] = {}
    blocked: set[str] = set()
    for record in records:
        try:
            if record.get("t") == "note":
                note = _phone_note(record)
                notes[note.ref] = note
            elif record.get("t") == "block":
                blocked.add(str(record["phone"]))
        except (KeyError, TypeError, ValueError):
            pass  # as the room itself reads it
    refs = {note.ref for note in workshop.notes if note.ref is not None}
    return [(note, note.phone in blocked) for note in notes.values() if note.ref not in refs]
