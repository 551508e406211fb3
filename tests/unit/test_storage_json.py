"""A change writes the whole file, reusing the JSON of the notes, groups and actions it did not change: the bytes
must be exactly those of encoding everything again."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darbnica.editing import Editor
from darbnica.model import Status
from darbnica.store import Library
from darbnica.store.encoder import FileEncoder
from darbnica.store.records import workshop_tables
from darbnica.store.storage import dump_json


def test_the_encoder_writes_what_encoding_everything_again_writes(opened: Editor) -> None:
    """The writer keeps each note's JSON with the note it came from: whatever changed, the bytes are the same."""
    encoder = FileEncoder()

    def check() -> None:
        assert encoder.encode(opened.workshop) == dump_json(workshop_tables(opened.workshop))

    check()
    notes = [opened.add_note("problem", f"piezīme {i}", tag="need") for i in range(5)]
    check()
    opened.set_votes(notes[1], 3)
    opened.edit_note(notes[2], "cits \U0001f333 teksts")
    opened.delete_note(notes[3])
    check()
    opened.undo()  # the deleted note back, as the very object it was
    opened.add_action("Sarunāt", who="Ilze")
    opened.set_draft("problem", "pus")
    opened.set_rating("learning", 4)
    check()
    same = FileEncoder()
    assert same.encode(opened.workshop) == encoder.encode(opened.workshop)  # kept JSON or fresh: no difference


def test_every_change_writes_what_encoding_the_whole_workshop_writes(library: Library, opened: Editor) -> None:
    def check() -> None:
        raw = opened.path.read_bytes()
        assert raw == dump_json(json.loads(raw))
        assert library.read(opened.workshop.id) == opened.workshop

    notes = [opened.add_note("problem", f"Nav autobusa {i}", tag="need") for i in range(5)]
    check()
    opened.edit_note(notes[1], "Nav autobusa svētdienās")
    opened.retag_note(notes[2], "want")
    opened.set_votes(notes[3], 4)
    check()
    group = opened.add_group("problem", "Transports")
    opened.group_note(notes[0], group.id)
    deleted = opened.delete_note(notes[4])
    check()
    opened.undo()  # the deleted note back in its place
    assert deleted in opened.workshop.notes
    action = opened.add_action("Sarunāt ar pašvaldību", who="Ilze")
    opened.update_action(action, status=Status.DONE)
    check()
    opened.set_draft("problem", "pusē uzrakst")
    opened.set_details(title="Jauns nosaukums", place="Ērgļi")
    opened.set_rating("learning", 5)
    opened.add_note("problem", "Pēc visa")
    check()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(st.sampled_from(["add", "add", "edit", "vote", "delete", "undo", "redo", "action"]), max_size=25)
)
def test_after_any_change_the_encoder_writes_what_encoding_everything_writes(
    opened: Editor, changes: list[str]
) -> None:
    """After each change, not only after several: a note added at the end is encoded alone, anything else
    looks at every note again."""
    encoder = FileEncoder()
    for n, change in enumerate(changes):
        notes = opened.workshop.notes
        if change == "add" or not notes:
            opened.add_note("problem", f"piezīme {n}", tag="need")
        elif change == "edit":
            opened.edit_note(notes[n % len(notes)], f"labota {n}")
        elif change == "vote":
            opened.set_votes(notes[n % len(notes)], n % 4)
        elif change == "delete":
            opened.delete_note(notes[n % len(notes)])
        elif change == "undo" and opened.can_undo:
            opened.undo()
        elif change == "redo" and opened.can_redo:
            opened.redo()
        elif change == "action":
            opened.add_action(f"Darbs {n}", who="Ilze")
        assert encoder.encode(opened.workshop) == dump_json(workshop_tables(opened.workshop))
