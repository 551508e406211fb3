"""A facilitator runs a whole workshop with the keyboard, quits, comes back and finds everything."""

from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, TextArea

from darbnica.store import Library
from darbnica.ui.screens.actions import ActionsScreen
from darbnica.ui.screens.context import ContextScreen
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.principles import PrinciplesScreen
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.screens.vision import VisionScreen
from darbnica.ui.widgets.choice_list import ChoiceList
from darbnica.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import messages, settle, type_into


async def test_a_whole_workshop_from_the_home_screen(app_factory, library: Library) -> None:
    app = app_factory(lang="lv")
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+n")
        await type_into(pilot, "#new-place", "Tūja", submit=False)
        await type_into(pilot, "#new-title", "Tūjas nākotne")
        assert isinstance(app.screen, ContextScreen)
        await settle(pilot)
        (entry,) = library.listing().entries
        workshop_id = entry.id

        await type_into(pilot, "#facilitator", "Ilze", submit=False)
        await type_into(pilot, "#count-0", "23", submit=False)
        await type_into(pilot, "#count-1", "2", submit=False)
        await type_into(pilot, "#new-group", "skolotāji", submit=False)
        await type_into(pilot, "#new-count", "4")
        app.screen.query_one("#engagement").focus()
        await pilot.press("down", "down", "enter")  # the third level: building the plan together
        await pilot.pause()

        await pilot.press("pagedown")
        assert isinstance(app.screen, NotesScreen) and app.screen.step.key == "problem"
        await type_into(pilot, "#note-input", "#vaj Nav autobusa svētdienās")
        await pilot.press("ctrl+t", "ctrl+t")  # no tag → need → want
        await type_into(pilot, "#note-input", "Slidotava ziemā")

        await pilot.press("pagedown")
        await type_into(pilot, "#note-input", "#stipr Upe un mežs")

        await pilot.press("pagedown")
        assert isinstance(app.screen, VisionScreen)
        app.screen.query_one("#statement", TextArea).text = "Tūja — zaļš ciems, kur jaunieši paliek"
        await pilot.pause()
        checks = app.screen.query_one("#checks", ChoiceList)
        checks.focus()
        await pilot.press("space", "down", "space")
        await type_into(pilot, "#note-input", "#sav Vilciens uz Rīgu")

        await pilot.press("pagedown")
        assert isinstance(app.screen, PrinciplesScreen)
        app.screen.query_one("#principles").focus()
        await pilot.press("down", "down", "down", "down", "4")  # learn by doing: 4 of 5
        await pilot.press("enter")  # back to typing, for that principle
        await type_into(pilot, "#note-input", "Sāksim ar mazu talku")

        await pilot.press("pagedown")
        assert isinstance(app.screen, ActionsScreen)
        await type_into(pilot, "#who", "Anna", submit=False)
        await type_into(pilot, "#due", "2026-04-01", submit=False)
        await type_into(pilot, "#what", "Izveidot ciema WhatsApp grupu")
        assert app.screen.query_one(DataTable).row_count == 1

        await pilot.press("pagedown")
        assert app.screen.step.key == "closing"
        await type_into(pilot, "#note-input", "Kopā ir jautrāk")
        await type_into(pilot, "#note-input", "vēl neiesniegts", submit=False)
        await pilot.press("ctrl+q")

    workshop = library.read(workshop_id)
    assert (workshop.title, workshop.place, workshop.facilitator) == ("Tūjas nākotne", "Tūja", "Ilze")
    assert [(h.group, h.count) for h in workshop.headcounts] == [
        ("residents", 23),
        ("municipality", 2),
        ("skolotāji", 4),
    ]
    assert workshop.engagement == "together"
    assert [(n.step, n.tag, n.text) for n in workshop.notes] == [
        ("problem", "need", "Nav autobusa svētdienās"),
        ("problem", "want", "Slidotava ziemā"),
        ("future", "strength", "Upe un mežs"),
        ("vision", "connected", "Vilciens uz Rīgu"),
        ("principles", "learning", "Sāksim ar mazu talku"),
        ("closing", None, "Kopā ir jautrāk"),
    ]
    assert workshop.vision == "Tūja — zaļš ciems, kur jaunieši paliek"
    assert workshop.vision_checks == (0, 1)
    assert dict(workshop.ratings) == {"learning": 4}
    (action,) = workshop.actions
    assert (action.what, action.who, action.due) == ("Izveidot ciema WhatsApp grupu", "Anna", "2026-04-01")
    assert workshop.current_step == "closing"
    assert workshop.drafts == {"closing": "vēl neiesniegts"}

    # Coming back: the workshop opens where the room left off, with the unsent text still in the input.
    app = app_factory(lang="lv")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#workshops", LibraryTable).cursor_row == 0  # the newest workshop
        await pilot.press("enter", "e")  # review it, then continue it
        assert isinstance(app.screen, NotesScreen) and app.screen.step.key == "closing"
        assert app.screen.query_one("#note-input", Input).value == "vēl neiesniegts"
        assert app.screen.note_list.option_count == 1
        await pilot.press("ctrl+g", "home", "enter")
        assert isinstance(app.screen, ContextScreen)
        assert app.screen.query_one("#count-0", Input).value == "23"


async def test_notes_are_edited_retagged_deleted_and_undone(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        for text in ("pirmā", "otrā", "trešā"):
            await type_into(pilot, "#note-input", text)
        notes = screen.note_list
        notes.focus()
        notes.highlighted = 1
        await pilot.press("t")  # no tag → need
        await pilot.press("e")
        edit = app.screen.query_one("#dialog-input", Input)
        edit.value = "otrā, labota"
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert [(n.text, n.tag) for n in library.read(workshop_id).notes] == [
            ("pirmā", None),
            ("otrā, labota", "need"),
            ("trešā", None),
        ]
        await pilot.press("delete")
        await settle(pilot)
        assert [n.text for n in library.read(workshop_id).notes] == ["pirmā", "trešā"]
        assert any("Ctrl+Z" in m for m in messages(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        await settle(pilot)
        assert [n.text for n in library.read(workshop_id).notes] == ["pirmā", "otrā, labota", "trešā"]
        assert notes.option_count == 3
        await pilot.press("ctrl+z", "ctrl+z")  # the edit, then the tag
        await settle(pilot)
        assert [(n.text, n.tag) for n in library.read(workshop_id).notes][1] == ("otrā", None)


async def test_markup_in_a_note_is_shown_not_run(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    hostile = "[@click=app.quit]spied[/] [bold red]x[/] \x1b[2J"
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#note-input", hostile)
        prompt = str(app.screen.query_one("#notes", OptionList).get_option_at_index(0).prompt)
        assert "[@click=app.quit]spied[/] [bold red]x[/]" in prompt
        assert "\x1b" not in prompt
        await pilot.click("#notes", offset=(6, 0))
        await pilot.pause()
        assert app.is_running
    assert library.read(workshop_id).notes[0].text == "[@click=app.quit]spied[/] [bold red]x[/]"  # the escape whole


async def test_a_huge_paste_is_refused_with_a_message(app_factory, workshop_id: str) -> None:
    from textual import events

    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#note-input", Input)
        field.post_message(events.Paste("vārds " * 20_000))
        await pilot.pause()
        assert field.value == ""
        assert any("119999" in m and "1000" in m for m in messages(app))
        field.post_message(events.Paste("divas\nrindas"))
        await pilot.pause()
        assert field.value == "divas rindas"


async def test_a_note_the_disk_refuses_stays_on_screen_and_is_written_later(
    app_factory, library: Library, workshop_id: str, monkeypatch
) -> None:
    import errno
    import os

    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        real = os.write

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        await type_into(pilot, "#note-input", "svarīga doma")
        await settle(pilot)
        assert app.screen.query_one("#notes", OptionList).option_count == 1
        assert any("disk is full" in m for m in messages(app))
        await settle(pilot)
        assert app.is_running and library.read(workshop_id).notes == ()
        monkeypatch.setattr(os, "write", real)
        await type_into(pilot, "#note-input", "vēl viena")  # the next note tries again, and both are written
        await settle(pilot)
    assert [n.text for n in library.read(workshop_id).notes] == ["svarīga doma", "vēl viena"]


async def test_a_workshop_open_elsewhere_is_refused(app_factory, library: Library, workshop_id: str) -> None:
    holder = library.open(workshop_id)
    try:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # reviewing needs no lock
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("e")  # continuing it does
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            assert any("open in another darbnica" in m for m in messages(app))
    finally:
        holder.close()


async def test_every_step_screen_fits_a_small_terminal(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(7):
            screen = app.screen
            question = screen.query_one("#question")
            assert question.region.height >= 1 and question.region.right <= 80
            focused = screen.focused
            assert focused is not None and focused.region.bottom <= 23
            await pilot.press("pagedown")
            await pilot.pause()


async def test_ctrl_w_closes_the_workshop_even_while_typing(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#note-input", "puse no domas", submit=False)
        assert app.focused is app.screen.query_one("#note-input")
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.editor is None
    assert library.read(workshop_id).drafts == {"problem": "puse no domas"}
    with library.open(workshop_id):  # released: nothing holds it any more
        pass


async def test_delete_twice_removes_the_note_in_the_deleted_ones_place(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        for text in ("pirmā", "otrā", "trešā", "ceturtā"):
            await type_into(pilot, "#note-input", text)
        notes = screen.note_list
        notes.focus()
        notes.highlighted = 1
        await pilot.press("delete")  # otrā; the highlight stays in its place, on trešā
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert [n.text for n in library.read(workshop_id).notes] == ["pirmā", "ceturtā"]
        await pilot.press("down", "delete")  # the last one: the highlight goes to the one before it
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert library.read(workshop_id).notes == ()
