"""A full, read-only, forbidden or failing disk: every change says so, the last good file stays, and work goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.errors import WriteFailed
from darbnica.model import Plan, Workshop
from darbnica.store import Library
from darbnica.store.encoder import FileEncoder
from darbnica.store.library import export_workshop
from darbnica.store.storage import stale_temps
from tests.faults import KINDS, Disk

MESSAGE_KEYS = {
    "disk full": "error.disk_full",
    "read-only": "error.read_only_disk",
    "permission denied": "error.permission_denied",
    "I/O error": "error.write_failed",
}

# Every kind of change an open workshop takes, each as the facilitator would make it.
CHANGES: dict[str, Callable[[Editor], Any]] = {
    "add note": lambda f: f.add_note("problem", "Nav autobusa", tag="need"),
    "edit note": lambda f: f.edit_note(f.note(1), "Nav autobusa svētdienās"),
    "retag note": lambda f: f.retag_note(f.note(1), "want"),
    "delete note": lambda f: f.delete_note(f.note(1)),
    "restore note": lambda f: f.undo(),  # the fixture's last change deleted a note: undoing puts it back
    "vote": lambda f: f.set_votes(f.note(1), 3),
    "add action": lambda f: f.add_action("Sarunāt ar pašvaldību", who="Ilze"),
    "change action": lambda f: f.update_action(f.action(1), status="done"),
    "delete action": lambda f: f.delete_action(f.action(1)),
    "details": lambda f: f.set_details(title="Jauns nosaukums", place="Ērgļi"),
    "step": lambda f: f.go_to("vision"),
    "engagement": lambda f: f.set_engagement("together"),
    "head-count": lambda f: f.set_headcount("residents", 30),
    "vision": lambda f: f.set_vision("Zaļš ciems\nkur jaunieši paliek"),
    "vision check": lambda f: f.set_vision_check(1, True),
    "rating": lambda f: f.set_rating("learning", 5),
    "draft": lambda f: f.set_draft("problem", "pusē uzrakst"),
    "step time": lambda f: f.set_step_seconds("problem", 600),
    "group": lambda f: f.add_group("problem", "Transports"),
}


@pytest.fixture
def busy(opened: Editor) -> Editor:
    """An open workshop with a note and an action in it, so every change has something to change (and a deleted
    note, for undo to put back)."""
    opened.add_note("problem", "Nav autobusa")
    opened.add_action("Atrast partnerus")
    opened.delete_note(opened.add_note("problem", "Izdzēsta"))
    return opened


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("change", CHANGES)
def test_a_refused_change_keeps_the_last_good_file(busy: Editor, disk: Disk, kind: str, change: str) -> None:
    good_bytes, good = busy.path.read_bytes(), busy.workshop
    disk.refuse(kind)
    with pytest.raises(WriteFailed) as caught:
        CHANGES[change](busy)
    assert caught.value.key == MESSAGE_KEYS[kind]
    assert str(busy.path) in str(caught.value)
    assert busy.path.read_bytes() == good_bytes
    assert busy.workshop == good  # what the app shows is what is on disk
    disk.allow()
    assert stale_temps(busy.path) == []
    CHANGES[change](busy)  # the same change, once the disk takes it
    assert busy.workshop != good


@pytest.mark.parametrize("change", CHANGES)
def test_a_refused_change_leaves_nothing_behind_for_the_next_one(
    busy: Editor, library: Library, disk: Disk, change: str
) -> None:
    # The open file keeps the workshop's tables in memory and TinyDB alters them before writing: the change the
    # disk refused must not reappear in the file with the next change that it takes.
    good = busy.workshop
    disk.refuse("disk full")
    with pytest.raises(WriteFailed):
        CHANGES[change](busy)
    disk.allow()
    busy.set_draft("problem", "pēc kļūdas")
    expected = replace(good, drafts={**good.drafts, "problem": "pēc kļūdas"})
    assert busy.workshop == expected
    assert library.read(busy.workshop.id) == expected  # the file itself, read afresh


def test_a_change_that_stops_before_writing_leaves_nothing_behind(
    busy: Editor, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A change that stops halfway through being written (here: while it is encoded), before the file is touched.
    def half_done(self: FileEncoder, workshop: Workshop) -> bytes:
        raise RuntimeError("stopped halfway")

    good = busy.workshop
    with monkeypatch.context() as patched:
        patched.setattr(FileEncoder, "encode", half_done)
        with pytest.raises(RuntimeError):
            busy.edit_note(busy.note(1), "nepierakstīts")
    busy.set_draft("problem", "pēc kļūdas")
    expected = replace(good, drafts={**good.drafts, "problem": "pēc kļūdas"})
    assert busy.workshop == expected
    assert library.read(busy.workshop.id) == expected


@pytest.mark.parametrize("kind", ["read-only", "permission denied"])
def test_opening_on_a_folder_that_refuses_the_lock_says_why(library: Library, workshop_id: str, disk: Disk, kind):
    disk.refuse(kind)
    with pytest.raises(WriteFailed) as caught:
        library.open(workshop_id)
    assert caught.value.key == MESSAGE_KEYS[kind]
    assert library.read(workshop_id).id == workshop_id  # reading still works


def test_a_full_disk_opens_the_workshop_without_naming_a_dead_owner(library: Library, workshop_id: str, disk: Disk):
    path = library.path_of(workshop_id)
    owner = path.with_name(f".{workshop_id}.owner")
    owner.write_text(json.dumps({"pid": 999_999_999, "host": "h", "command": "darbnica open", "since": "x"}))
    disk.refuse("disk full")
    with Editor.open(library, workshop_id) as file:
        assert not owner.exists()  # the old record could not be replaced, so it is removed rather than trusted
        assert file.workshop.id == workshop_id


@pytest.mark.parametrize("kind", ["read-only", "permission denied"])
def test_closing_on_a_folder_that_turned_read_only_still_releases(library: Library, workshop_id: str, disk, kind):
    file = Editor.open(library, workshop_id)
    file.add_note("problem", "saglabāta")
    disk.refuse(kind)
    file.close()  # the owner record cannot be removed; the lock is released all the same
    disk.allow()
    with library.open(workshop_id) as again:
        assert [n.text for n in again.workshop.notes] == ["saglabāta"]


@pytest.mark.parametrize("kind", KINDS)
def test_creating_and_importing_on_a_refusing_disk_fail_cleanly(library: Library, plan: Plan, disk: Disk, kind):
    exported = export_workshop(library.read(library.create(title="Avots", plan=plan)))
    before = sorted(library.folder.iterdir())
    disk.refuse(kind)
    with pytest.raises(WriteFailed):
        library.create(title="Jauna", plan=plan)
    with pytest.raises(WriteFailed):
        library.import_data({**exported, "id": "2026-01-01-cits-0000"})
    disk.allow()
    assert sorted(library.folder.iterdir()) == before


@pytest.mark.parametrize("kind", ["read-only", "permission denied"])
def test_the_library_lists_on_a_read_only_folder(library: Library, plan: Plan, disk: Disk, kind: str) -> None:
    good = library.create(title="Laba", plan=plan)
    broken = library.path_of(library.create(title="Bojāta", plan=plan))
    broken.write_bytes(b"{half a file")
    library.paths.catalog.unlink(missing_ok=True)
    disk.refuse(kind)
    listing = library.listing()  # neither the catalog nor the move aside can be written
    assert [e.id for e in listing.entries] == [good]
    (problem,) = listing.problems
    assert problem.key == "error.corrupt_json"
    assert broken.read_bytes() == b"{half a file"  # reported where it is, not moved, never written over


def test_the_cli_reports_a_full_disk_and_writes_nothing(library: Library, workshop_id: str, disk: Disk) -> None:
    path = library.path_of(workshop_id)
    before = path.read_bytes()
    disk.refuse("disk full")
    result = CliRunner().invoke(main, ["--lang", "en", "add", workshop_id, "problem", "Nav autobusa"])
    assert result.exit_code == 1
    assert "The disk is full" in result.output
    assert path.read_bytes() == before


def test_the_cli_adds_a_stack_of_stickies_all_or_none(library: Library, workshop_id: str, disk: Disk) -> None:
    stickies = "viens\ndivi\ntrīs\n"
    disk.refuse("disk full")
    result = CliRunner().invoke(main, ["--lang", "en", "add", workshop_id, "problem", "-"], input=stickies)
    assert result.exit_code == 1 and "The disk is full" in result.output
    assert library.read(workshop_id).notes == ()  # none, so running it again adds each once
    disk.allow()
    assert CliRunner().invoke(main, ["add", workshop_id, "problem", "-"], input=stickies).exit_code == 0
    assert [n.text for n in library.read(workshop_id).notes] == ["viens", "divi", "trīs"]
