"""What is stored is exactly what was typed, in order, at any speed: the real app in a pseudo-terminal.

Keys reach a terminal program in bursts: a paste in a terminal without bracketed paste, typing over SSH, a
macro, a moment the machine stalls. And a slow disk (a USB stick whose fsync takes a third of a second) must
never hold up the keys typed meanwhile. Each test types at the app as a terminal delivers keys, then checks the
notes (or tasks) on screen and on disk: every one, exactly as typed, in order.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import pytest

from darbnica.editing import Editor
from darbnica.store import Library
from tests.ui.terminal import BACKSPACE, DOWN, END, ENTER, PAGE_DOWN, PAGE_UP, TAB, UP, Terminal

CTRL_T = b"\x14"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs the app in a pseudo-terminal (pty)")

QUESTION = "What problem are you trying to solve?"
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
TASKS = [("Atrast partnerus", "Anna"), ("WhatsApp grupa", "Jānis")]


def notes_on_disk(library: Library, workshop_id: str, count: int, timeout: float = 30) -> list[str]:
    """The problem step's notes once the file has ``count`` of them (or whatever it has after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while True:
        notes = [n.text for n in library.read(workshop_id).notes_in("problem")]
        if len(notes) >= count or time.monotonic() > deadline:
            return notes
        time.sleep(0.1)


@pytest.fixture
def english(library: Library, workshop_id: str) -> str:
    """The workshop in English, so the screen can be read in the words the tests use."""
    path = library.path_of(workshop_id)
    path.write_text(path.read_text(encoding="utf-8").replace('"lang":"lv"', '"lang":"en"'), encoding="utf-8")
    return workshop_id


def test_notes_typed_in_one_burst_are_stored_exactly(library: Library, english: str, data_home) -> None:
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION)
        terminal.burst(b"".join(word.encode() + ENTER for word in WORDS[:3]))
        # Editing keys are bound keys: they must act where they were typed too, not after the letters behind them.
        terminal.burst(b"deltx" + BACKSPACE + b"a" + ENTER + b"echo" + ENTER)
        assert notes_on_disk(library, english, 5) == WORDS[:5]
        terminal.wait_for(*WORDS[:5])
    finally:
        terminal.close()
    assert [n.text for n in library.read(english).notes] == WORDS[:5]


def test_a_tag_chosen_in_a_burst_goes_with_the_note_typed_after_it(library: Library, english: str, data_home) -> None:
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION)
        # Ctrl+T (no tag → need), a note and Enter, then Ctrl+T (need → want) and another: as one write each.
        terminal.burst(CTRL_T + b"alpha" + ENTER)
        terminal.burst(CTRL_T + b"bravo" + ENTER)
        assert notes_on_disk(library, english, 2) == ["alpha", "bravo"]
    finally:
        terminal.close()
    assert [(n.text, n.tag) for n in library.read(english).notes] == [("alpha", "need"), ("bravo", "want")]


def test_typing_fast_on_a_slow_disk_stores_every_note_exactly(library: Library, english: str, data_home) -> None:
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40), fsync_delay=0.3)
    try:
        terminal.wait_for(QUESTION)
        for word in WORDS:
            terminal.type(word.encode() + ENTER, every=0.08)  # 80 ms a key, while each save takes 300 ms or more
        terminal.wait_for(*WORDS)  # on screen at once, while the writer catches up
        assert notes_on_disk(library, english, len(WORDS)) == WORDS
    finally:
        terminal.close()
    assert [n.text for n in library.read(english).notes] == WORDS


def test_a_task_typed_in_one_burst_fills_its_fields(library: Library, english: str, data_home) -> None:
    terminal = Terminal(["open", english, "--step", "responsibilities"], data_home, size=(160, 45))
    try:
        terminal.wait_for("By when", "First step")
        first, second = (f"{what}\t{who}\r".encode() for what, who in TASKS)
        terminal.burst(first + second)
        deadline = time.monotonic() + 30
        while len(library.read(english).actions) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()
    assert [(a.what, a.who) for a in library.read(english).actions] == TASKS


def test_an_edit_dialog_keeps_what_was_typed_before_its_enter(library: Library, english: str, data_home) -> None:
    with Editor.open(library, english) as editor:
        editor.add_note("problem", "vecais teksts")
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION, "vecais teksts")
        terminal.send(TAB, b"e")  # to the list, edit the note
        terminal.wait_for("Edit the note")
        terminal.burst(BACKSPACE * 6 + b"labots" + ENTER)  # what is in the dialog at its Enter, exactly
        terminal.wait_for("vecais labots")
        terminal.send(b"\x1b")  # Escape: from the list back to the note field
        terminal.burst(b"jauna" + ENTER)
        assert notes_on_disk(library, english, 2) == ["vecais labots", "jauna"]
    finally:
        terminal.close()


def test_a_new_workshop_typed_in_one_burst_fills_its_fields(library: Library, data_home) -> None:
    terminal = Terminal([], data_home, size=(160, 45))
    try:
        terminal.wait_for("Ctrl+N")
        terminal.send(b"\x0e")  # Ctrl+N: the new workshop form
        terminal.wait_for("Workshop language")
        terminal.burst(b"Tuja nakotne" + TAB + b"Tuja" + ENTER)
        deadline = time.monotonic() + 30
        while not library.listing().entries and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()
    assert [(e.title, e.place) for e in library.listing().entries] == [("Tuja nakotne", "Tuja")]


def head_counts_typed(library: Library, workshop_id: str, data_home, typing: Callable[[Terminal], None]) -> list:
    """The first three groups' counts on disk after ``typing`` on the context step (once all three are saved)."""
    groups = [group.key for group in library.read(workshop_id).plan.step("context").groups[:3]]
    terminal = Terminal(["open", workshop_id, "--step", "context"], data_home, size=(160, 45))
    try:
        terminal.wait_for("Who is in the room")
        typing(terminal)
        deadline = time.monotonic() + 30
        while len(library.read(workshop_id).headcounts) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # a count saved late would still be written now
    finally:
        terminal.close()
    counts = {h.group: h.count for h in library.read(workshop_id).headcounts}
    return [counts.get(group) for group in groups]


def test_head_counts_typed_in_one_burst_are_stored_exactly(library: Library, english: str, data_home) -> None:
    # Each digit changes the field and saves the count; the save showed the count back in the field, so a digit
    # already typed behind it was lost ("12" became "1").
    def typing(terminal: Terminal) -> None:
        for count in (b"12", b"375" + BACKSPACE, b"5"):  # each count in one burst, as a fast typist's digits come
            terminal.burst(count)
            terminal.send(TAB)

    assert head_counts_typed(library, english, data_home, typing) == [12, 37, 5]


def test_head_counts_typed_across_tabs_in_one_burst_are_stored_exactly(
    library: Library, english: str, data_home
) -> None:
    # The first count's save wrote the workshop's counts back into every field, so digits already typed into the
    # next fields (after a Tab in the same burst) were wiped: 12, 37, 5 was stored as 12 and nothing.
    def typing(terminal: Terminal) -> None:
        terminal.burst(b"12" + TAB + b"37" + TAB + b"5" + TAB)

    assert head_counts_typed(library, english, data_home, typing) == [12, 37, 5]


def test_arrows_typed_together_in_the_export_dialog_each_move_the_choice(
    library: Library, english: str, data_home, paths
) -> None:
    # Each ↓ started from the format the previous one had not yet reported: ↓↓ moved once, and Enter saved HTML.
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION)
        terminal.send(b"\x05")  # Ctrl+E
        terminal.wait_for("Export the workshop")
        terminal.burst(DOWN + DOWN + ENTER)  # from HTML, two down: the full copy (JSON)
        target = paths.exports / f"{english}.json"
        deadline = time.monotonic() + 30
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()
    assert target.exists() and not (paths.exports / f"{english}.html").exists()


def test_the_qr_code_chosen_in_a_burst_without_a_link_says_why_it_is_not_saved(english: str, data_home) -> None:
    # The list reported the ↓ after Enter had said there is no link yet, and choosing the same format again hid it:
    # the dialog stayed, silent, and Enter seemed to do nothing.
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION)
        terminal.send(b"\x05")  # Ctrl+E
        terminal.wait_for("Export the workshop")
        terminal.burst(DOWN + ENTER)  # from HTML, one down: the QR code, and no link (share mode is off)
        time.sleep(1)  # whatever the burst set going has happened by now
        assert terminal.shows("No link yet"), "\n".join(terminal.screen())
    finally:
        terminal.close()


def test_keys_typed_behind_e_go_into_the_edit_dialog_it_opens(library: Library, english: str, data_home) -> None:
    # They reached the list first: End moved the highlight, the letters went to the note input and Enter added them
    # as a new note, and the dialog then opened on the last note.
    with Editor.open(library, english) as editor:
        for word in WORDS[:3]:
            editor.add_note("problem", word)
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION, *WORDS[:3])
        terminal.send(TAB)  # from the note input to the list
        terminal.send(UP + UP)  # up to the first note, which the list then has highlighted
        time.sleep(0.5)
        terminal.burst(b"e" + END + b" plus" + ENTER)
        deadline = time.monotonic() + 30
        while library.read(english).notes[0].text == WORDS[0] and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()
    assert [n.text for n in library.read(english).notes] == [f"{WORDS[0]} plus", *WORDS[1:3]]


def step_on_disk(library: Library, workshop_id: str, key: str, terminal: Terminal, timeout: float = 30) -> str:
    """The step the workshop is on, once it is ``key`` (or whatever it is after ``timeout``, or when the app ended)."""
    deadline = time.monotonic() + timeout
    while True:
        step = library.read(workshop_id).current_step
        if step == key or time.monotonic() > deadline or terminal.process.poll() is not None:
            return step
        time.sleep(0.1)


def test_steps_paged_through_in_one_burst_move_one_step_a_key(library: Library, english: str, data_home) -> None:
    # PgUp typed again before the first move was drawn went to the same step once more, and asked that step's
    # screen, not composed yet, for its half-typed task: the app stopped with a traceback.
    terminal = Terminal(["open", english, "--step", "closing"], data_home, size=(80, 24))
    try:
        terminal.wait_for("Ctrl+E")
        terminal.burst(PAGE_UP * 3)  # closing → responsibilities → principles → vision
        assert step_on_disk(library, english, "vision", terminal) == "vision"
        terminal.burst(PAGE_UP * 9)  # past the first step: it stays there
        assert step_on_disk(library, english, "context", terminal) == "context"
        terminal.burst(PAGE_DOWN * 2)
        assert step_on_disk(library, english, "future", terminal) == "future"
        time.sleep(0.5)
        assert terminal.process.poll() is None, "\n".join(terminal.screen())
    finally:
        terminal.close()


def test_a_steps_number_typed_behind_ctrl_g_goes_to_the_list_of_steps(
    library: Library, english: str, data_home
) -> None:
    # Ctrl+G went to the screen only after the keys behind it had gone on: the 4 was typed into the note, and the
    # list of steps then opened and waited.
    terminal = Terminal(["open", english, "--step", "problem"], data_home, size=(120, 40))
    try:
        terminal.wait_for(QUESTION)
        terminal.burst(b"abc\x074")  # a note begun, Ctrl+G, the vision's number: all at once
        terminal.wait_for("A vision becomes a goal when")  # the vision step's own words (the list names it too)
        deadline = time.monotonic() + 30
        while library.read(english).current_step != "vision" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not terminal.shows("Go to step"), "\n".join(terminal.screen())
    finally:
        terminal.close()
    workshop = library.read(english)
    assert workshop.current_step == "vision"
    assert workshop.drafts == {"problem": "abc"}  # the note begun stays as typed, without the step's number


def test_a_steps_number_typed_behind_ctrl_g_in_a_review(english: str, data_home) -> None:
    terminal = Terminal([], data_home, size=(120, 40))
    try:
        terminal.wait_for("Tūjas nākotne")
        terminal.send(TAB, ENTER)  # from the search field to the list, and review the workshop
        terminal.wait_for("Review, read only")
        terminal.burst(b"\x074")  # Ctrl+G and the vision's number at once
        terminal.wait_for("A vision becomes a goal when")
        assert not terminal.shows("Go to step"), "\n".join(terminal.screen())
    finally:
        terminal.close()
