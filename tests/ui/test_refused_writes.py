"""The disk refuses a write while the facilitator works: for every kind of input the app has, the app says so
plainly, keeps what was typed (in the input, or visibly marked "not saved" and tried again), keeps the last good
file, and keeps running. Once the disk takes writes again, the same keys save it.

Each input is tried with one kind of refusal (full, read-only, forbidden, I/O error; the store tests in
tests/unit/test_disk_faults.py try every kind on every change): the app handles them all through the same
``WriteFailed``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.actions import ActionDialog, ActionsScreen
from darbnica.ui.screens.dialogs import TextDialog
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.new_workshop import NewWorkshopScreen
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from tests.faults import Disk
from tests.ui.conftest import messages, type_into

SAYS = {
    "disk full": "The disk is full",
    "read-only": "The folder is read-only",
    "permission denied": "No permission to write",
    "I/O error": "Could not save",
}


def said(app: DarbnicaApp, kind: str) -> int:
    """How many times the app has told the user about this kind of refusal."""
    return sum(SAYS[kind] in m for m in messages(app))


def marked_unsaved(widget) -> bool:
    return widget.has_class("unsaved") and widget.border_subtitle == "not saved"


@pytest.fixture
def app_with_a_note(app_factory, library: Library, workshop_id: str) -> DarbnicaApp:
    """The app at the problem step, with one note there ("pirmā doma")."""
    with library.open(workshop_id) as file:
        file.add_note("problem", "pirmā doma")
    return app_factory(workshop=workshop_id, step="problem")


async def test_a_note_stays_in_the_input_on_every_kind_of_refusal(
    app_factory, library: Library, workshop_id: str, disk: Disk
) -> None:
    path = library.path_of(workshop_id)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        for kind in SAYS:
            good = path.read_bytes()
            disk.refuse(kind)
            await type_into(pilot, "#note-input", f"doma, kad {kind}")
            assert app.screen.query_one("#note-input", Input).value == f"doma, kad {kind}"
            assert said(app, kind) == 1 and app.is_running
            assert path.read_bytes() == good
            disk.allow()
            await pilot.press("enter")  # the same key, once the disk takes it
            await pilot.pause()
            assert app.screen.query_one("#note-input", Input).value == ""
    assert [n.text for n in library.read(workshop_id).notes] == [f"doma, kad {kind}" for kind in SAYS]


async def test_an_edited_note_comes_back_in_its_dialog(app_with_a_note, library: Library, workshop_id, disk) -> None:
    app = app_with_a_note
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#notes").focus()
        await pilot.press("e")
        disk.refuse("read-only")
        app.screen.query_one("#dialog-input", Input).value = "pēc labošanas"
        await pilot.press("enter")
        await pilot.pause()
        assert said(app, "read-only") == 1
        assert isinstance(app.screen, TextDialog)  # back, with the edited text, for another try
        assert app.screen.query_one("#dialog-input", Input).value == "pēc labošanas"
        assert library.read(workshop_id).notes[0].text == "pirmā doma"
        disk.allow()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
    assert library.read(workshop_id).notes[0].text == "pēc labošanas"


async def test_context_fields_keep_their_text_marked_and_hold_the_step(
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
        await pilot.pause()
        fields = ["#title", "#place", "#date", "#facilitator", "#count-0", "#engagement"]
        assert all(marked_unsaved(screen.query_one(selector)) for selector in fields)
        assert said(app, "disk full") == len(fields)  # once a field
        assert path.read_bytes() == good
        await pilot.press("pagedown")  # leaving would throw the text away: the step stays
        assert app.screen is screen and "step stays open" in messages(app)[-1]
        await pilot.press("ctrl+w")
        assert app.screen is screen
        assert screen.query_one("#facilitator", Input).value == "Ilzīte"
        await type_into(pilot, "#count-1", "2", submit=False)
        await type_into(pilot, "#count-1", "", submit=False)  # typed back to what is on disk: nothing to keep
        assert not marked_unsaved(screen.query_one("#count-1"))

        disk.allow()
        await pilot.press("pagedown")  # tried again before leaving: saved, and on to the next step
        await pilot.pause()
        assert app.screen is not screen and "Saved" in " ".join(messages(app))
    workshop = library.read(workshop_id)
    assert (workshop.title, workshop.place, workshop.date, workshop.facilitator) == (
        "Jauns",
        "Ērgļi",
        "2026-05-01",
        "Ilzīte",
    )
    assert [(h.group, h.count) for h in workshop.headcounts] == [("residents", 23)]
    assert workshop.engagement is not None


async def test_a_new_group_stays_in_its_fields(app_factory, library: Library, workshop_id: str, disk: Disk) -> None:
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(120, 40)) as pilot:
        disk.refuse("permission denied")
        await type_into(pilot, "#new-group", "skolotāji", submit=False)
        await type_into(pilot, "#new-count", "4")
        assert said(app, "permission denied") == 1
        assert (app.screen.query_one("#new-group", Input).value, app.screen.query_one("#new-count", Input).value) == (
            "skolotāji",
            "4",
        )
        disk.allow()
        await pilot.press("enter")
        await pilot.pause()
    assert [(h.group, h.count) for h in library.read(workshop_id).headcounts] == [("skolotāji", 4)]


async def test_the_vision_statement_and_checks(app_factory, library: Library, workshop_id: str, disk: Disk) -> None:
    app = app_factory(workshop=workshop_id, step="vision")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        disk.refuse("I/O error")
        statement = screen.query_one("#statement", TextArea)
        statement.text = "Zaļš ciems"
        await pilot.pause()
        statement.text = "Zaļš ciems, kur jaunieši paliek"
        await pilot.pause()
        assert marked_unsaved(statement) and said(app, "I/O error") == 1
        checks = screen.query_one("#checks", ChoiceList)
        checks.focus()
        await pilot.press("space")  # a check is one key: not saved, so it shows as it is on disk
        await pilot.pause()
        assert checks.ticked == set() and said(app, "I/O error") == 2  # said once: no loop of retries
        assert library.read(workshop_id).vision == ""
        disk.allow()
        await pilot.press("space")
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.screen is not screen
    workshop = library.read(workshop_id)
    assert (workshop.vision, workshop.vision_checks) == ("Zaļš ciems, kur jaunieši paliek", (0,))


async def test_a_rating_is_shown_as_on_disk(app_factory, library: Library, workshop_id: str, disk: Disk) -> None:
    app = app_factory(workshop=workshop_id, step="principles")
    async with app.run_test(size=(120, 40)) as pilot:
        principles = app.screen.query_one("#principles")
        principles.focus()
        disk.refuse("read-only")
        await pilot.press("4")
        await pilot.pause()
        assert said(app, "read-only") == 1
        assert "4/5" not in str(app.screen.query_one("#principles").get_option_at_index(0).prompt)
        disk.allow()
        await pilot.press("4")
        await pilot.pause()
        assert "4/5" in str(app.screen.query_one("#principles").get_option_at_index(0).prompt)
    assert dict(library.read(workshop_id).ratings) == {"shared-vision": 4}


async def test_responsibilities_form_table_and_dialog(app_factory, library: Library, workshop_id, disk) -> None:
    with library.open(workshop_id) as file:
        file.add_action("Atrast partnerus", who="Jānis")
    app = app_factory(workshop=workshop_id, step="responsibilities")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        disk.refuse("disk full")
        await type_into(pilot, "#who", "Anna", submit=False)
        await type_into(pilot, "#what", "WhatsApp grupa")
        assert [screen.query_one(f"#{n}", Input).value for n in ("what", "who")] == ["WhatsApp grupa", "Anna"]
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.press("s", "delete")
        await pilot.pause()
        assert table.row_count == 1 and said(app, "disk full") == 3
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-due", Input).value = "2026-06-01"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and app.screen.query_one("#edit-due", Input).value == "2026-06-01"
        disk.allow()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        screen.query_one("#what", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    actions = library.read(workshop_id).actions
    assert [(a.what, a.who, a.due) for a in actions] == [
        ("Atrast partnerus", "Jānis", "2026-06-01"),
        ("WhatsApp grupa", "Anna", ""),
    ]


async def test_moving_on_with_a_half_typed_note(app_factory, library: Library, workshop_id: str, disk) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        disk.refuse("read-only")
        await pilot.press("pagedown")  # nothing typed: only the step to reopen at is not saved; move on
        await pilot.pause()
        assert app.screen is not screen and said(app, "read-only") == 1
        assert library.read(workshop_id).current_step == "context"
        screen = app.screen
        await type_into(pilot, "#note-input", "pusē uzrakst", submit=False)
        await pilot.press("pageup")  # the half-typed note cannot be kept: the step stays, the text with it
        await pilot.pause()
        assert app.screen is screen and marked_unsaved(screen.query_one("#note-input"))
        assert screen.query_one("#note-input", Input).value == "pusē uzrakst"
        disk.allow()
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen is not screen
    workshop = library.read(workshop_id)
    assert workshop.drafts == {"future": "pusē uzrakst"} and workshop.current_step == "problem"


async def test_undo_waits_for_the_disk(app_with_a_note, library: Library, workshop_id: str, disk: Disk) -> None:
    app = app_with_a_note
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#notes").focus()
        await pilot.press("delete")
        disk.refuse("permission denied")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said(app, "permission denied") == 1 and library.read(workshop_id).notes == ()
        assert app.screen.query_one("#notes").option_count == 0  # shown as on disk
        disk.allow()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.query_one("#notes").option_count == 1
    assert [n.text for n in library.read(workshop_id).notes] == ["pirmā doma"]


async def test_quitting_with_unsaved_text_asks_twice(app_factory, library: Library, workshop_id, disk) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        disk.refuse("disk full")
        await type_into(pilot, "#note-input", "netiks saglabāts", submit=False)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and "Ctrl+Q again" in messages(app)[-1]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    disk.allow()
    assert library.read(workshop_id).drafts == {}
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


async def test_retagging_and_deleting_a_note_show_it_as_on_disk(app_with_a_note, library: Library, workshop_id, disk):
    app = app_with_a_note
    async with app.run_test(size=(100, 30)) as pilot:
        notes = app.screen.query_one("#notes")
        notes.focus()
        disk.refuse("I/O error")
        await pilot.press("t", "delete")
        await pilot.pause()
        assert said(app, "I/O error") == 2 and notes.option_count == 1
        assert str(notes.get_option_at_index(0).prompt) == "pirmā doma"  # no tag shown that is not on disk
    assert [(n.text, n.tag) for n in library.read(workshop_id).notes] == [("pirmā doma", None)]


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
