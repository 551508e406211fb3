"""A change writes the whole file, reusing the JSON of the documents it did not change: the bytes must be exactly
those of encoding everything again."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from darbnica.model import Status
from darbnica.store import Library, WorkshopFile
from darbnica.store.storage import dump_json, dump_tables


def test_documents_changed_in_place_are_encoded_again() -> None:
    tables: dict[str, dict[str, Any]] = {
        "meta": {"1": {"title": "Tūja", "drafts": {"problem": "pus"}, "ratings": {"learning": 4}}},
        "notes": {str(i): {"text": f"piezīme {i}", "votes": 0, "group": None, "weight": 0.5} for i in range(1, 6)},
    }
    assert dump_tables(tables) == dump_json(tables)
    notes, meta = tables["notes"], tables["meta"]["1"]
    # Every way TinyDB and its operations change a document, and changes inside a document's own lists and maps.
    notes["1"]["votes"] = True
    notes["2"].update({"text": "cits", "votes": 3})
    del notes["3"]["group"]
    notes["4"].pop("weight")
    notes["5"].setdefault("tag", "need")
    notes["5"] |= {"votes": 1}
    meta["drafts"]["problem"] = "pusē uzrakstīts"
    meta["ratings"]["learning"] = 5
    notes["6"] = {"text": "jauna \ud800", "votes": 0}  # a lone surrogate, as a hand-edited file may hold
    assert dump_tables(tables) == dump_json(tables)
    notes["6"].clear()
    notes["7"] = {"text": "vēl", "votes": -0.0}
    del notes["2"]
    assert dump_tables(tables) == dump_json(tables)


def test_every_change_writes_what_encoding_the_whole_workshop_writes(library: Library, opened: WorkshopFile) -> None:
    def check() -> None:
        raw = opened.path.read_bytes()
        assert raw == dump_json(json.loads(raw))
        assert library.read(opened.id) == opened.workshop

    notes = [opened.add_note("problem", f"Nav autobusa {i}", tag="need") for i in range(5)]
    check()
    opened.edit_note(notes[1].id, "Nav autobusa svētdienās")
    opened.retag_note(notes[2].id, "want")
    opened.set_votes(notes[3].id, 4)
    check()
    group = opened.add_group("problem", "Transports")
    opened.group_note(notes[0].id, group.id)
    deleted = opened.delete_note(notes[4].id)
    check()
    opened.restore_note(replace(deleted))
    action = opened.add_action("Sarunāt ar pašvaldību", who="Ilze")
    opened.update_action(action.id, status=Status.DONE)
    check()
    opened.set_draft("problem", "pusē uzrakst")
    opened.set_details(title="Jauns nosaukums", place="Ērgļi")
    opened.set_rating("learning", 5)
    opened.add_note("problem", "Pēc visa")
    check()
