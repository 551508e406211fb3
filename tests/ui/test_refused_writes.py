"""The disk refuses a write while the facilitator works: for every kind of input the app has, the app says so
plainly (once), keeps everything typed on screen and in memory, marked, keeps the last good file, keeps running,
and writes it all as soon as the disk takes it again. The workshop is not closed, and Ctrl+Q asks twice, while
something is not on disk.

Each input is tried with one kind of refusal (full, read-only, forbidden, I/O error; the store tests in
tests/unit/test_disk_faults.py try every kind on every change): the app handles them all through the same
``WriteFailed``, reported by its writer thread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from darbnica.editing import Editor
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.actions import ActionsScreen
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.new_workshop import NewWorkshopScreen
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.note_list import NoteList
from tests.faults import Disk
from tests.ui.conftest import messages, settle, type_into

SAYS = {
    "disk full": "The disk is full",
    "read-only": "The folder is read-only",
    "permission denied": "No permission to write",
    "I/O error": "Could not save",
}


def said(app: DarbnicaApp, kind: str) -> int:
    """How many times the app has told the user about this kind of refusal."""
    return sum(SAYS[kind] in m for m in messages(app))


def refused_line(app: DarbnicaApp) -> str | None:
    """The line on the step screen that says the disk refuses, if it is shown."""
    line = app.screen.query_one("#save-status")
    return str(line.render()) if line.display else None


def marked(app: DarbnicaApp) -> list[str]:
    """The notes the list marks as not saved."""
    notes = app.screen.query_one("#notes", NoteList)
    prompts = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
    return [prompt for prompt in prompts if "not saved" in prompt]


async def written(pilot) -> None:
    """The disk works again: wait for the writer to write everything (it also tries by itself every few seconds,
    and at every new change)."""
    assert pilot.app.editor.flush(5.0)
    await settle(pilot)
    assert pilot.app.editor.on_disk


@pytest.fixture
def app_with_a_note(app_factory, library: Library, workshop_id: str) -> DarbnicaApp:
    """The app at the problem step, with one note there ("pirmā doma")."""
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "pirmā doma")
    return app_factory(workshop=workshop_id, step="problem")


async def test_a_note_stays_on_screen_on_every_kind_of_refusal(
    app_factory, library: Library, workshop_id: str, disk: Disk
) -> None:
    path = library.path_of(workshop_id)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        for kind in SAYS:
            good = path.read_bytes()
            disk.refuse(kind)
            await type_into(pilot, "#note-input", f"doma, kad {kind}")
            await settle(pilot)
            assert app.screen.query_one("#note-input", Input).value == ""  # taken, as Enter always does
            assert marked(app) == [f"doma, kad {kind}  ⚠ not saved"]
            assert SAYS[kind] in (refused_line(app) or "") and said(app, kind) == 1 and app.is_running
            assert path.read_bytes() == good
            disk.allow()
            await written(pilot)
            assert marked(app) == [] and refused_line(app) is None
            assert "Saved" in messages(app)[-1]
    assert [n.text for n in library.read(workshop_id).notes] == [f"doma, kad {kind}" for kind in SAYS]


async def test_notes_typed_on_a_full_disk_are_all_written_once_it_has_room(
    app_factory, library: Library, workshop_id: str, disk: Disk
) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        disk.refuse("disk full")
        for text in ("pirmā", "otrā", "trešā"):
            await type_into(pilot, "#note-input", text)
        await settle(pilot)
        assert said(app, "disk full") == 1  # said once, not at every note or retry
        assert len(marked(app)) == 3
        disk.allow()
        await type_into(pilot, "#note-input", "ceturtā")  # the next change tries again at once
        await settle(pilot)
        assert app.editor.on_disk and marked(app) == []
    assert [n.text for n in library.read(workshop_id).notes] == ["pirmā", "otrā", "trešā", "ceturtā"]


async def test_the_writer_tries_again_by_itself(
    app_factory, library: Library, workshop_id: str, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("darbnica.saving.RETRY_SECONDS", 0.05)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        disk.refuse("read-only")
        await type_into(pilot, "#note-input", "gaida disku")
        await settle(pilot)
        assert app.editor.save_error is not None
        disk.allow()  # no key pressed: the retry alone writes it
        for _ in range(500):
            if app.editor.on_disk:
                break
            await pilot.pause(0.01)
        assert app.editor.on_disk
    assert [n.text for n in library.read(workshop_id).notes] == ["gaida disku"]


async def test_an_edited_note_is_kept_and_marked(app_with_a_note, library: Library, workshop_id, disk) -> None:
    app = app_with_a_note
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#notes").focus()
        await pilot.press("e")
        disk.refuse("read-only")
        app.screen.query_one("#dialog-input", Input).value = "pēc labošanas"
        await pilot.press("enter")
        await settle(pilot)
        assert said(app, "read-only") == 1 and isinstance(app.screen, NotesScreen)
        assert marked(app) == ["pēc labošanas  ⚠ not saved"]
        assert library.read(workshop_id).notes[0].text == "pirmā doma"
        disk.allow()
        await written(pilot)
    assert library.read(workshop_id).notes[0].text == "pēc labošanas"


async def test_context_fields_are_kept_and_the_workshop_stays_open(
    app_factory, library: Library, workshop_id: str, disk: Disk
) -> None:
    path = library.path_of(workshop_id)
    good = path.read_bytes()
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        disk.refuse("disk full")
        for selector, text in [("#title", "Jauns"), ("#place", "Ērgļi"), ("#date", "2026-05-01")]:
            await type_into(pilot, selector, text, submit=False)
        await type_into(pilot, "#facilitator", "Ilz", submit=False)
        await type_into(pilot, "#facilitator", "Ilzīte", submit=False)  # typing on: tried again, not said again
        await type_into(pilot, "#count-0", "23", submit=False)
        screen.query_one("#engagement", ChoiceList).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert said(app, "disk full") == 1 and refused_line(app) is not None
        assert path.read_bytes() == good
        await pilot.press("ctrl+w")  # closing would throw the changes away: it stays open, and says why
        await pilot.pause()
        assert app.screen is screen and "not on disk yet" in messages(app)[-1]
        await pilot.press("pagedown")  # moving on loses nothing: it is all kept
        await pilot.pause()
        assert app.screen is not screen
        disk.allow()
        await written(pilot)
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen.query_one("#facilitator", Input).value == "Ilzīte"
    workshop = library.read(workshop_id)
    assert (workshop.title, workshop.place, workshop.date, workshop.facilitator) == (
        "Jauns",
        "Ērgļi",
        "2026-05-01",
        "Ilzīte",
    )
    assert [(h.group, h.count) for h in workshop.headcounts] == [("residents", 23)]
    assert workshop.engagement is not None


async def test_the_vision_statement_and_checks(app_factory, library: Library, workshop_id: str, disk: Disk) -> None:
    app = app_factory(workshop=workshop_id, step="vision")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        disk.refuse("I/O error")
        statement = screen.query_one("#statement", TextArea)
        statement.text = "Zaļš ciems"
        await pilot.pause()
        statement.text = "Zaļš ciems, kur jaunieši paliek"
        checks = screen.query_one("#checks", ChoiceList)
        checks.focus()
        await pilot.press("space")
        await settle(pilot)
        assert said(app, "I/O error") == 1 and checks.ticked == {0}  # shown as it was chosen, marked below
        assert library.read(workshop_id).vision == ""
        disk.allow()
        await written(pilot)
    workshop = library.read(workshop_id)
    assert (workshop.vision, workshop.vision_checks) == ("Zaļš ciems, kur jaunieši paliek", (0,))


async def test_responsibilities_form_table_and_dialog(app_factory, library: Library, workshop_id, disk) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_action("Atrast partnerus", who="Jānis")
    app = app_factory(workshop=workshop_id, step="responsibilities")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        disk.refuse("disk full")
        await type_into(pilot, "#who", "Anna", submit=False)
        await type_into(pilot, "#what", "WhatsApp grupa")
        assert [screen.query_one(f"#{n}", Input).value for n in ("what", "who")] == ["", ""]  # taken
        table = screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-due", Input).value = "2026-06-01"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and table.row_count == 2 and said(app, "disk full") == 1
        disk.allow()
        await written(pilot)
    actions = library.read(workshop_id).actions
    assert [(a.what, a.who, a.due) for a in actions] == [
        ("Atrast partnerus", "Jānis", "2026-06-01"),
        ("WhatsApp grupa", "Anna", ""),
    ]


async def test_undo_on_a_refusing_disk_is_kept_too(app_with_a_note, library: Library, workshop_id, disk) -> None:
    app = app_with_a_note
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#notes").focus()
        await pilot.press("delete")
        await settle(pilot)
        disk.refuse("permission denied")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert said(app, "permission denied") == 1 and library.read(workshop_id).notes == ()
        assert app.screen.query_one("#notes").option_count == 1  # shown back, marked, until it is written
        disk.allow()
        await written(pilot)
    assert [n.text for n in library.read(workshop_id).notes] == ["pirmā doma"]


async def test_quitting_with_changes_not_on_disk_asks_twice(app_factory, library: Library, workshop_id, disk) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        disk.refuse("disk full")
        await type_into(pilot, "#note-input", "netiks saglabāta")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and "Ctrl+Q again" in messages(app)[-1]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    disk.allow()
    assert library.read(workshop_id).notes == ()
    with library.open(workshop_id):  # the lock was released all the same
        pass


async def test_a_new_workshop_form_keeps_its_values(app_factory, library: Library, data_home: Path, disk) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+n")
        disk.refuse("read-only")
        await type_into(pilot, "#new-place", "Tūja", submit=False)
        await type_into(pilot, "#new-title", "Tūjas nākotne")
        assert isinstance(app.screen, NewWorkshopScreen) and said(app, "read-only") == 1
        assert app.screen.query_one("#new-title", Input).value == "Tūjas nākotne"
        disk.allow()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (NewWorkshopScreen, HomeScreen))
    assert [e.title for e in library.listing().entries] == ["Tūjas nākotne"]


async def test_opening_a_workshop_on_a_read_only_folder_says_so(app_factory, workshop_id: str, disk: Disk) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        disk.refuse("read-only")
        await pilot.press("enter")  # review the highlighted workshop: reading needs no writing
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")  # continue it: opening for writing is refused, and said so
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and said(app, "read-only") == 1 and app.is_running
