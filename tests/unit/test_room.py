"""The room's core: notes and dots from phones journaled before they are acknowledged, found again after a
restart, held to their limits, and the queue the facilitator sees."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.errors import InvalidInput, WriteFailed
from darbnica.room import (
    NOTES_PER_MINUTE,
    PHONE_NOTE_LIMIT,
    WAITING_PER_PHONE,
    Blocked,
    DotsChanged,
    NoteReceived,
    Room,
    RoomEvent,
    RoomRefused,
    SenderBlocked,
    TooFast,
)
from darbnica.store import Library


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(library: Library, workshop_id: str) -> Path:
    return library.journal_of(workshop_id)


@pytest.fixture
def room(journal: Path, opened: Editor, clock: Clock) -> Iterator[Room]:
    room = Room(journal, clock=clock)
    room.update(opened.workshop)
    yield room
    room.close()


def reopen(room: Room, editor: Editor) -> Room:
    room.close()
    again = Room(room.path)
    again.update(editor.workshop)
    return again


def ref(n: int) -> str:
    return f"phone-note-{n:04d}"


def test_a_note_is_in_the_journal_before_it_is_acknowledged(room: Room, opened: Editor) -> None:
    note = room.receive("phone-a", ref(1), "problem", "Nav  autobusa\x1b[31m svētdienās\u202e")
    assert note.text == "Nav autobusa svētdienās"  # cleaned as typed text is: no escape sequence, no bidi override
    assert note.step == "problem" and note.received
    assert '"ref":"phone-note-0001"' in room.path.read_text(encoding="utf-8")
    assert room.waiting(opened.workshop) == [note]


def test_restart_finds_every_acknowledged_note_and_a_replay_is_not_doubled(room: Room, opened: Editor) -> None:
    sent = [room.receive(f"phone-{n % 3}", ref(n), "problem", f"Piezīme {n}") for n in range(12)]
    assert room.receive("phone-0", ref(0), "problem", "Piezīme 0 again") == sent[0]  # a Wi-Fi blip: sent twice
    opened.take_phone_notes([("problem", sent[4].text, sent[4].ref)])  # approved
    again = reopen(room, opened)
    try:
        waiting = again.waiting(opened.workshop)
        assert [n.ref for n in waiting] == [n.ref for n in sent if n.ref != ref(4)]  # oldest first
        assert waiting[0] == sent[0]  # exactly as received
        assert again.receive("phone-0", ref(0), "problem", "x") == sent[0]  # still known after the restart
    finally:
        again.close()


def test_a_torn_last_line_is_left_out_and_cut_off(room: Room, opened: Editor) -> None:
    kept = room.receive("phone-a", ref(1), "problem", "Vesela")
    room.close()
    with room.path.open("ab") as journal:
        journal.write(b'{"t":"note","ref":"phone-note-0002","phone":"phone-a","step":"pro')  # killed mid-write
    again = Room(room.path)
    again.update(opened.workshop)
    try:
        assert again.waiting(opened.workshop) == [kept]
        newer = again.receive("phone-a", ref(3), "problem", "Pēc avārijas")
    finally:
        again.close()
    third = Room(room.path)
    try:
        assert third.waiting(opened.workshop) == [kept, newer]  # the new line did not join the torn one
    finally:
        third.close()


def test_a_note_is_filed_under_the_step_the_phone_showed(room: Room, opened: Editor) -> None:
    opened.go_to("future")
    room.update(opened.workshop)
    note = room.receive("phone-a", ref(1), "problem", "Sent while the phone still showed the problems")
    assert note.step == "problem"
    assert room.waiting(opened.workshop, "problem") == [note] and room.waiting(opened.workshop, "future") == []
    with pytest.raises(InvalidInput):
        room.receive("phone-a", ref(2), "responsibilities", "not a notes step")
    with pytest.raises(InvalidInput):
        room.receive("phone-a", ref(3), "no-such-step", "x")


def test_text_limits(room: Room) -> None:
    with pytest.raises(InvalidInput) as empty:
        room.receive("phone-a", ref(1), "problem", " \x07 ")
    assert empty.value.key == "error.empty"
    with pytest.raises(InvalidInput) as long:
        room.receive("phone-a", ref(2), "problem", "ā" * (PHONE_NOTE_LIMIT + 1))
    assert long.value.key == "error.too_long"
    assert room.receive("phone-a", ref(3), "problem", "ā" * PHONE_NOTE_LIMIT).text == "ā" * PHONE_NOTE_LIMIT
    with pytest.raises(InvalidInput):
        room.receive("phone-a", "short", "problem", "a ref the phone did not make")


def test_notes_per_minute_and_waiting_per_phone(room: Room, opened: Editor, clock: Clock) -> None:
    for n in range(NOTES_PER_MINUTE):
        room.receive("phone-a", ref(n), "problem", f"n{n}")
    with pytest.raises(TooFast) as fast:
        room.receive("phone-a", ref(100), "problem", "one too many")
    assert fast.value.key == "room.too_fast" and fast.value.retry_after is not None and fast.value.retry_after > 0
    room.receive("phone-b", ref(101), "problem", "another phone is not held back")
    room.receive("scribe", ref(102), "problem", "the scribe is exempt", exempt=True)
    clock.now += 61
    for n in range(NOTES_PER_MINUTE, WAITING_PER_PHONE):
        clock.now += 61
        room.receive("phone-a", ref(n), "problem", f"n{n}")
    clock.now += 61
    with pytest.raises(TooFast) as waiting:
        room.receive("phone-a", ref(200), "problem", "too many waiting")
    assert waiting.value.key == "room.too_many_waiting"
    first = room.waiting(opened.workshop)[0]
    opened.take_phone_notes([("problem", first.text, first.ref)])  # one approved: room for one more
    room.update(opened.workshop)
    room.receive("phone-a", ref(200), "problem", "now it fits")


def test_block_sender_takes_its_waiting_notes_out_and_is_journaled(room: Room, opened: Editor) -> None:
    events: list[RoomEvent] = []
    room.listen(events.append)
    a1 = room.receive("phone-a", ref(1), "problem", "a1")
    b1 = room.receive("phone-b", ref(2), "problem", "b1")
    a2 = room.receive("phone-a", ref(3), "future", "a2")
    opened.take_phone_notes([("problem", a1.text, a1.ref)])
    room.update(opened.workshop)
    assert room.block_sender(a2.ref) == 1  # a1 is on the wall already: only a2 left the queue
    assert events[-1] == SenderBlocked((a2.ref,))
    assert room.waiting(opened.workshop) == [b1]
    with pytest.raises(Blocked):
        room.receive("phone-a", ref(4), "problem", "after the block")
    again = reopen(room, opened)
    try:
        assert again.waiting(opened.workshop) == [b1]
        with pytest.raises(Blocked):
            again.receive("phone-a", ref(5), "problem", "still blocked after a restart")
    finally:
        again.close()


def test_listeners_hear_each_change_on_the_thread_that_made_it(room: Room) -> None:
    heard: list[tuple[RoomEvent, str]] = []
    stop = room.listen(lambda event: heard.append((event, threading.current_thread().name)))
    thread = threading.Thread(target=room.receive, args=("phone-a", ref(1), "problem", "x"), name="server")
    thread.start()
    thread.join()
    assert len(heard) == 1 and isinstance(heard[0][0], NoteReceived) and heard[0][1] == "server"
    stop()
    room.receive("phone-a", ref(2), "problem", "y")
    assert len(heard) == 1


def test_concurrent_notes_share_fsyncs_and_are_all_on_disk(room: Room, opened: Editor) -> None:
    def send(n: int) -> None:
        room.receive(f"phone-{n}", ref(n), "problem", f"n{n}")

    threads = [threading.Thread(target=send, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    again = reopen(room, opened)
    try:
        assert sorted(n.ref for n in again.waiting(opened.workshop)) == [ref(n) for n in range(40)]
    finally:
        again.close()


def test_a_refused_write_acknowledges_nothing(room: Room, opened: Editor, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("darbnica.journal.os.fsync", full)
    with pytest.raises(WriteFailed):
        room.receive("phone-a", ref(1), "problem", "lost to a full disk, and the phone is told so")
    monkeypatch.undo()
    assert room.waiting(opened.workshop) == []
    assert room.receive("phone-a", ref(1), "problem", "sent again").text == "sent again"
    again = reopen(room, opened)
    try:
        assert [n.text for n in again.waiting(opened.workshop)] == ["sent again"]  # what the phone was told
    finally:
        again.close()


def test_votes_keep_each_phone_to_its_budget_and_take_back(room: Room, opened: Editor) -> None:
    one = opened.add_note("problem", "Autobuss")
    two = opened.add_note("problem", "Slidotava")
    room.update(opened.workshop)
    with pytest.raises(RoomRefused) as closed:
        room.vote("phone-a", "problem", one.id, 1)
    assert closed.value.key == "room.voting_closed"
    opened.set_room("problem", voting=True, budget=2)
    room.update(opened.workshop)
    events: list[RoomEvent] = []
    room.listen(events.append)
    assert room.vote("phone-a", "problem", one.id, 1).left == 1
    assert room.vote("phone-a", "problem", one.id, 1).left == 0
    with pytest.raises(RoomRefused) as spent:
        room.vote("phone-a", "problem", two.id, 1)
    assert spent.value.key == "room.no_dots_left"
    with pytest.raises(RoomRefused):
        room.vote("phone-a", "problem", two.id, -1)  # gave it nothing
    ballot = room.vote("phone-a", "problem", one.id, -1)
    assert ballot.left == 1 and dict(ballot.given) == {one.id: 1}
    room.vote("phone-b", "problem", one.id, 1)
    assert events[-1] == DotsChanged("problem", one.id, 2)
    assert room.phone_dots(opened.workshop) == {one.id: 2}
    again = reopen(room, opened)
    try:
        assert again.ballot("phone-a", "problem").left == 1  # the budget holds across a restart
        assert again.phone_dots(opened.workshop) == {one.id: 2}
    finally:
        again.close()


def test_closing_the_vote_leaves_only_totals_in_the_journal(room: Room, opened: Editor) -> None:
    one = opened.add_note("problem", "Autobuss")
    opened.set_room("problem", voting=True, budget=3)
    room.update(opened.workshop)
    room.receive("phone-secret", ref(1), "problem", "a note keeps its phone (for blocking)")
    for phone in ("phone-x", "phone-y", "phone-z"):
        room.vote(phone, "problem", one.id, 1)
    assert "phone-y" in room.path.read_text(encoding="utf-8")
    opened.set_room("problem", voting=False)
    room.update(opened.workshop)
    text = room.path.read_text(encoding="utf-8")
    assert "phone-x" not in text and "phone-y" not in text and "phone-z" not in text  # never who voted
    assert room.phone_dots(opened.workshop) == {one.id: 3}
    again = reopen(room, opened)
    try:
        assert again.phone_dots(opened.workshop) == {one.id: 3}
        assert len(again.waiting(opened.workshop)) == 1
    finally:
        again.close()


def test_dots_never_land_on_another_note_given_the_same_id(room: Room, opened: Editor) -> None:
    one = opened.take_phone_notes([("problem", "Autobuss", ref(50))])[0]
    opened.set_room("problem", voting=True)
    room.update(opened.workshop)
    room.vote("phone-a", "problem", one.id, 1)
    opened.delete_note(one)
    other = opened.take_phone_notes([("problem", "Cita piezīme", ref(51))])[0]  # the same id, another note
    assert other.id == one.id
    assert room.phone_dots(opened.workshop) == {}


def test_the_journal_travels_with_the_workshop_to_the_trash(
    room: Room, opened: Editor, library: Library, workshop_id: str
) -> None:
    room.receive("phone-a", ref(1), "problem", "kept in the trash too")
    room.close()
    opened.close()
    library.delete(workshop_id)
    assert not library.journal_of(workshop_id).exists()
    assert library.ids() == []
    library.restore(workshop_id)
    assert library.journal_of(workshop_id).exists()
    assert [e.id for e in library.listing().entries] == [workshop_id]  # the journal is not taken for a workshop
    library.delete(workshop_id)
    library.empty_trash()
    assert list(library.trash.folder.iterdir()) == []


def test_a_ref_longer_than_the_workshop_file_holds_is_refused_and_the_workshop_stays_readable(
    room: Room, opened: Editor, library: Library, workshop_id: str
) -> None:
    from darbnica.rules import REF_LIMIT

    # Taken once (64 characters), it went into the workshop file, whose reader then moved the file aside as corrupt.
    with pytest.raises(InvalidInput):
        room.receive("phone-a", "A" * (REF_LIMIT + 1), "problem", "Parasta piezīme")
    longest = room.receive("phone-a", "B" * REF_LIMIT, "problem", "Vēl viena piezīme")
    opened.take_phone_notes([(longest.step, longest.text, longest.ref)])
    opened.flush()
    assert [note.ref for note in library.read(workshop_id).notes] == ["B" * REF_LIMIT]


def test_a_journal_line_with_a_ref_too_long_is_left_where_it_is(room: Room, opened: Editor) -> None:
    import json

    room.receive("phone-a", ref(1), "problem", "Pirmā")
    room.close()
    record = {"t": "note", "ref": "C" * 64, "phone": "phone-b", "step": "problem", "text": "x", "received": "now"}
    with room.path.open("a", encoding="utf-8") as journal:  # what a version that took 64 characters journaled
        journal.write(json.dumps(record) + "\n")
    again = Room(room.path)
    again.update(opened.workshop)
    try:
        assert [note.ref for note in again.waiting(opened.workshop)] == [ref(1)]  # never offered to go in
    finally:
        again.close()
