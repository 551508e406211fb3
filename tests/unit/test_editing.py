from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, InvalidInput


def test_undo_puts_a_deleted_note_back_in_its_place(editor: Editor) -> None:
    first = editor.add_note("problem", "pirmā")
    second = editor.add_note("problem", "otrā")
    third = editor.add_note("problem", "trešā")
    editor.delete_note(second)
    assert [n.text for n in editor.workshop.notes] == ["pirmā", "trešā"]
    undone = editor.undo()
    assert undone is not None and undone.what == "undo.note_restored" and undone.step == "problem"
    assert editor.workshop.notes == (first, second, third)


def test_undo_reverts_edits_and_tags_in_reverse_order(editor: Editor) -> None:
    note = editor.add_note("problem", "autobuss")
    tagged = editor.retag_note(note, "need")
    editor.edit_note(tagged, "autobuss svētdienās")
    editor.undo()
    assert editor.workshop.notes[0].text == "autobuss"
    editor.undo()
    assert editor.workshop.notes[0].tag is None
    editor.undo()
    assert editor.workshop.notes == ()
    assert editor.undo() is None


def test_undo_of_actions(editor: Editor) -> None:
    action = editor.add_action(what="Komunikācijas kanāls", who="Anna")
    editor.update_action(action, status="done", who="Pēteris")
    editor.undo()
    restored = editor.workshop.actions[0]
    assert (restored.status.value, restored.who) == ("planned", "Anna")
    editor.delete_action(restored)
    editor.undo()
    assert editor.workshop.actions == (restored,)


def test_undo_survives_on_disk(editor: Editor, library) -> None:
    note = editor.add_note("problem", "x")
    editor.delete_note(note)
    editor.undo()
    assert library.read(editor.workshop.id).notes == (note,)


def test_votes_and_headings_are_undone(editor) -> None:
    note = editor.add_note("problem", "Autobuss")
    note = editor.set_votes(note, 3)
    group = editor.add_group("problem", "Transports")
    note = editor.group_note(note, group.id)
    editor.delete_group(group)
    assert editor.workshop.notes[0].group is None and not editor.workshop.groups
    editor.undo()  # the heading comes back, with its note under it
    assert editor.workshop.groups == (group,) and editor.workshop.notes[0].group == group.id
    editor.undo()
    editor.undo()
    editor.undo()
    assert (editor.workshop.notes[0].votes, editor.workshop.groups) == (0, ())


# -- every change can be undone and redone, leaving the file byte for byte as it was -----------------------------

CHANGES: dict[str, Callable[[Editor], Any]] = {
    "add_note": lambda e: e.add_note("problem", "Jauna doma", tag="want"),
    "add_notes": lambda e: e.add_notes("future", ["Upe", "Mežs"], tag="strength"),
    "edit_note": lambda e: e.edit_note(e.note(1), "Nav autobusa svētdienās"),
    "retag_note": lambda e: e.retag_note(e.note(1), "want"),
    "set_votes": lambda e: e.set_votes(e.note(1), 4),
    "group_note": lambda e: e.group_note(e.note(2), 1),
    "delete_note": lambda e: e.delete_note(e.note(1)),
    "add_group": lambda e: e.add_group("problem", "Jauns virsraksts"),
    "rename_group": lambda e: e.rename_group(e.group(1), "Satiksme"),
    "delete_group": lambda e: e.delete_group(e.group(1)),
    "add_action": lambda e: e.add_action("Sarunāt ar pašvaldību", who="Ilze", due="līdz Jāņiem"),
    "update_action": lambda e: e.update_action(e.action(1), status="done", who="Pēteris"),
    "delete_action": lambda e: e.delete_action(e.action(1)),
    "set_details": lambda e: e.set_details(title="Jauns nosaukums", place="Ērgļi", date="2026-05-01"),
    "set_engagement": lambda e: e.set_engagement("together"),
    "set_headcount": lambda e: e.set_headcount("residents", 30),
    "set_vision": lambda e: e.set_vision("Zaļš ciems\nkur jaunieši paliek"),
    "set_vision_check": lambda e: e.set_vision_check(1, True),
    "set_rating": lambda e: e.set_rating("learning", 5),
    "hide_note": lambda e: e.hide_note(e.note(2)),
    "merge_note": lambda e: e.merge_note(e.note(2), into=e.note(1)),
}
NOT_UNDONE = {"go_to", "set_step_seconds", "set_draft", "add_phone_dots", "set_room"}
"""The changes the history leaves out, as editing.py says: moving between steps, the timer's record, a draft,
dots from phones, how phones take part in a step."""


@pytest.fixture
def busy(editor: Editor) -> Editor:
    editor.add_note("problem", "Nav autobusa", tag="need")
    editor.add_note("problem", "Slidotava")
    editor.add_group("problem", "Transports")
    editor.group_note(editor.note(1), 1)
    editor.add_action("Atrast partnerus", who="Jānis")
    return editor


def test_every_public_change_of_the_editor_is_listed_here() -> None:
    changes = {
        name
        for name in dir(Editor)
        if name.startswith(
            ("add_", "edit_", "retag_", "set_", "group_", "delete_", "rename_", "update_", "go_", "hide_", "merge_")
        )
    }
    assert changes == set(CHANGES) | NOT_UNDONE


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_is_undone_and_redone_exactly(busy: Editor, change: str) -> None:
    before = busy.path.read_bytes()
    CHANGES[change](busy)
    after = busy.path.read_bytes()
    assert after != before
    undone = busy.undo()
    assert undone is not None and busy.path.read_bytes() == before
    redone = busy.redo()
    assert redone is not None and busy.path.read_bytes() == after
    assert busy.undo() is not None and busy.path.read_bytes() == before


def test_typing_into_one_field_is_one_step_of_the_history(busy: Editor) -> None:
    before = busy.workshop.title
    for typed in ("J", "Ja", "Jau", "Jauns"):
        busy.set_details(title=typed)
    busy.add_note("problem", "pēc tam")
    busy.set_details(title="Jauns nosaukums")
    busy.undo()
    assert busy.workshop.title == "Jauns"
    busy.undo()
    busy.undo()
    assert busy.workshop.title == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(CHANGES)), min_size=1, max_size=8))
def test_any_run_of_changes_undone_gives_back_the_file(busy: Editor, run: list[str]) -> None:
    before = busy.path.read_bytes()
    done = 0
    for change in run:
        try:
            CHANGES[change](busy)
        except DarbnicaError:
            continue  # e.g. the note it names was deleted earlier in the run: refused, nothing changed
        done += 1
    for _ in range(done):  # typing on in one field is one step: fewer undos may be needed than changes made
        if busy.path.read_bytes() == before:
            break
        busy.undo()
    assert busy.path.read_bytes() == before


def test_a_phone_note_is_added_once_and_its_dots_and_hiding_are_kept(editor: Editor, library) -> None:
    first = editor.take_phone_notes([("problem", "Nav apgaismojuma", "phone-note-1")])[0]
    again = editor.take_phone_notes([("problem", "Nav apgaismojuma", "phone-note-1")])[
        0
    ]  # sent again after a Wi-Fi blip
    assert again == first and len(editor.workshop.notes) == 1
    assert (first.source, first.ref) == ("phone", "phone-note-1")
    editor.set_votes(first, 2)  # counted on the wall
    editor.add_phone_dots(first, 3)  # and from phones: the ranking uses both
    same = editor.take_phone_notes([("problem", "Tumšs ceļš uz skolu", "phone-note-2")])[0]
    editor.merge_note(same, into=first)
    on_disk = library.read(editor.workshop.id)
    assert [(n.votes, n.phone_votes, n.hidden, n.merged_into) for n in on_disk.notes] == [
        (2, 3, False, None),
        (0, 0, True, first.id),
    ]
    assert on_disk.shown_in("problem") == (on_disk.notes[0],)
    editor.set_room("problem", show_at_once=True, voting=True, budget=5)
    assert library.read(editor.workshop.id).room_step("problem").budget == 5


def test_phone_notes_taken_in_are_one_change_back_into_the_queue_with_one_undo(editor: Editor) -> None:
    notes = editor.take_phone_notes(
        [("problem", "Nav autobusa", "ref-aaaaaaaa"), ("future", "Laukums", "ref-bbbbbbbb")]
    )
    assert [(n.step, n.text, n.source, n.ref) for n in notes] == [
        ("problem", "Nav autobusa", "phone", "ref-aaaaaaaa"),
        ("future", "Laukums", "phone", "ref-bbbbbbbb"),
    ]
    assert editor.take_phone_notes([("problem", "Nav autobusa", "ref-aaaaaaaa")]) == notes[:1]  # never twice
    editor.undo()
    assert editor.workshop.notes == ()


def test_a_phone_note_can_be_taken_in_under_a_heading_merged_or_hidden(editor: Editor) -> None:
    heading = editor.add_group("problem", "Transports")
    wall = editor.add_note("problem", "Nav autobusa")
    grouped, merged, hidden = (
        editor.take_phone_notes([("problem", "Autobuss", "ref-1111111a")], group=heading.id)[0],
        editor.take_phone_notes([("problem", "Nav busa", "ref-2222222b")], into=wall)[0],
        editor.take_phone_notes([("problem", "Jānis ir vainīgs", "ref-3333333c")], hidden=True)[0],
    )
    assert (grouped.group, grouped.hidden) == (heading.id, False)
    assert (merged.merged_into, merged.hidden) == (wall.id, True)
    assert (hidden.hidden, hidden.merged_into) == (True, None)
    with pytest.raises(InvalidInput):  # a note says what a note of the same step says, or it is no merge
        editor.take_phone_notes([("future", "Laukums", "ref-4444444d")], into=wall)
    assert [n.ref for n in editor.workshop.notes if n.source] == ["ref-1111111a", "ref-2222222b", "ref-3333333c"]


def test_the_longest_of_everything_the_editor_takes_is_read_back(editor: Editor, library) -> None:
    from darbnica.rules import REF_LIMIT
    from darbnica.text import LINE_LIMIT, NOTE_LIMIT, STATEMENT_LIMIT

    line, note = "ā" * LINE_LIMIT, '"' * NOTE_LIMIT  # quotes: twice as long once written as JSON
    editor.set_details(title=line, place=line, facilitator=line)
    editor.set_headcount(line, 99)
    editor.add_note("problem", note, author=line)
    editor.take_phone_notes([("problem", note, "R" * REF_LIMIT)])
    with pytest.raises(InvalidInput):  # longer, the file's reader would refuse the whole workshop
        editor.take_phone_notes([("problem", note, "R" * (REF_LIMIT + 1))])
    group = editor.add_group("problem", line)
    editor.group_note(editor.workshop.notes[0], group.id)
    editor.add_action(what=line, who=line, due=line, first_step=line)
    editor.set_vision("v" * STATEMENT_LIMIT)
    editor.set_draft("problem", note)
    editor.flush()
    # Whatever the editor takes it writes, and the file is read back as it was written: never moved aside as corrupt.
    assert library.read(editor.workshop.id) == editor.workshop
