"""The library: find a workshop by typing, review it without changing anything, continue it, delete and restore."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from darbnica.editing import Editor
from darbnica.model import Plan, Status
from darbnica.sample import generate
from darbnica.settings import load_settings
from darbnica.store import Library
from darbnica.store.search import words
from darbnica.ui.screens.context import ContextScreen
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.manage import ConfirmDialog
from darbnica.ui.screens.new_workshop import NewWorkshopScreen
from darbnica.ui.screens.responsibilities import ResponsibilitiesScreen
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.screens.summary_view import SummaryScreen
from darbnica.ui.screens.trash import TrashScreen
from darbnica.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import messages, settle, until


def three(library: Library, plan: Plan) -> dict[str, str]:
    ids = {
        "tuja": library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze"),
        "salac": library.create(title="Jūras ciems", plan=plan, place="Salacgrīva", date="2026-05-02"),
        "ainazi": library.create(title="Ainažu darbnīca", plan=plan, place="Ainaži", date="2025-11-20"),
    }
    with Editor.open(library, ids["salac"]) as file:
        file.add_note("problem", "Nav autobusa svētdienās", tag="need")
        file.add_action("Sarunāt autobusu", who="Jānis", due="2026-06-01")
    return ids


def drawn(widget) -> str:
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def rows(app) -> list[str]:
    return app.screen.query_one("#workshops", LibraryTable).keys


async def find(pilot, text: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#filter", Input).value = text
    if words(text):
        await until(pilot, lambda: screen.searched == text)  # the notes searched for these words, once typing paused
    await pilot.pause()


async def test_typing_filters_by_details_and_finds_words_in_notes(app_factory, library: Library, plan: Plan) -> None:
    ids = three(library, plan)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        assert rows(app) == [ids["salac"], ids["tuja"], ids["ainazi"]]  # newest first
        assert app.focused is app.screen.query_one("#filter")  # typing goes there from the start
        await find(pilot, "tuja")
        assert rows(app) == [ids["tuja"]]
        await find(pilot, "ILZE")
        assert rows(app) == [ids["tuja"]]
        await find(pilot, "autobusa")  # only in a note: found by the worker
        assert rows(app) == [ids["salac"]]
        assert "found in notes: 1" in str(app.screen.query_one("#library-status").render())
        await find(pilot, "")
        await pilot.press("tab", "o")  # to the list; sort by place
        assert rows(app) == [ids["ainazi"], ids["salac"], ids["tuja"]]
        await pilot.press("o")  # by title
        assert rows(app) == [ids["ainazi"], ids["salac"], ids["tuja"]]
        await pilot.press("k")  # a letter that is not one of the list's keys: typed into the filter
        assert app.focused is app.screen.query_one("#filter")
        assert app.screen.query_one("#filter", Input).value == "k"
        await find(pilot, "")
        # The highlight stayed on the same workshop (Salacgrīva) while the order changed; ↓ goes to the next.
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.workshop.id == ids["tuja"]


async def test_a_search_that_finds_nothing_says_so(app_factory, library: Library, plan: Plan) -> None:
    three(library, plan)
    app = app_factory(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        empty = app.screen.query_one("#library-empty", Static)
        await find(pilot, "autobusa")  # found in a note only: the line waits for the search, and is not shown
        assert rows(app) and not empty.display
        await find(pilot, "[b]zzq[/b]")
        assert rows(app) == [] and empty.display
        said = str(empty.render())
        assert said.startswith("Nothing found for “[b]zzq[/b]”") and "what people wrote" in said  # literal text
        await find(pilot, "tuja")
        assert rows(app) and not empty.display


async def test_the_library_switches_language_live_and_keeps_its_list(app_factory, library: Library, plan: Plan) -> None:
    ids = three(library, plan)
    app = app_factory(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one("#workshops", LibraryTable)
        assert "Place" in drawn(table) and "3 of 3" in str(app.screen.query_one("#library-status").render())
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        titles["Interface language: Latviešu"].callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#workshops", LibraryTable)  # made again, in Latvian
        assert "Vieta" in drawn(table) and "Place" not in drawn(table)
        assert rows(app) == [ids["salac"], ids["tuja"], ids["ainazi"]]
        assert "3 no 3 darbnīcām" in str(app.screen.query_one("#library-status").render())
        assert app.focused is app.screen.query_one("#filter")


async def test_a_long_library_scrolls_to_the_highlighted_row_and_a_click_reviews(
    app_factory, library: Library, plan: Plan
) -> None:
    made = generate(library, plan, count=60, notes=0, seed=3)
    oldest, newest = made.ids[0], made.ids[-1]
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one("#workshops", LibraryTable)
        assert table.row_count == 60 and newest[:10] in drawn(table) and oldest[:10] not in drawn(table)
        await pilot.press("tab", "end")
        assert table.highlighted_key == oldest and oldest[:10] in drawn(table)  # scrolled down to it
        await pilot.press("home")
        assert newest[:10] in drawn(table) and oldest[:10] not in drawn(table)
        third = table.keys[2]
        await pilot.click("#workshops", offset=(5, 4))  # below the border, the header and two rows
        assert table.highlighted_key == third
        await pilot.click("#workshops", offset=(5, 4))  # the highlighted row again: reviewed
        assert isinstance(app.screen, ReviewScreen) and app.screen.workshop.id == third


async def test_review_changes_nothing_and_does_not_lock_then_e_continues(
    app_factory, library: Library, plan: Plan
) -> None:
    ids = three(library, plan)
    path = library.path_of(ids["salac"])
    before = path.read_bytes()
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.workshop.id == ids["salac"]
        for _ in app.screen.workshop.plan.steps:
            # Nothing on any step takes typing, and keys that change things elsewhere change nothing here.
            assert not app.screen.query(Input) and not app.screen.query(TextArea)
            await pilot.press("delete", "t", "1", "x", "pagedown")
            await pilot.pause()
        assert app.screen.step.kind == "closing"
        await pilot.press("ctrl+g", "home", "down", "enter")  # the problem step
        await pilot.pause()
        assert "Nav autobusa svētdienās" in str(
            app.screen.query_one(".review-notes", OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("s")  # the whole summary, as participants will read it
        assert isinstance(app.screen, SummaryScreen)
        assert "Nav autobusa svētdienās" in str(app.screen.query_one("#summary-view-lines", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        with library.open(ids["salac"]):  # not locked while reviewed
            pass
        await settle(pilot)
        assert path.read_bytes() == before

        await pilot.press("e")
        assert app.editor is not None and app.editor.workshop.id == ids["salac"]
        assert isinstance(app.screen, ContextScreen)
        app.close_workshop()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_delete_asks_then_the_trash_restores(app_factory, library: Library, plan: Plan) -> None:
    ids = three(library, plan)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # changed their mind
        assert len(rows(app)) == 3
        assert app.focused is app.screen.query_one("#filter")  # after a dialog, typing finds again
        await pilot.press("tab", "delete", "enter")
        await pilot.pause()
        assert rows(app) == [ids["tuja"], ids["ainazi"]]
        assert [t.id for t in library.trashed()] == [ids["salac"]]
        # The focus is on the filter again, so the message names the keys that reach the trash from there.
        assert app.focused is app.screen.query_one("#filter")
        assert any("Tab then t shows the trash" in message for message in messages(app))

        await pilot.press("tab", "t")
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("x", "enter")  # emptying asks, and Enter alone means "cancel"
        await pilot.pause()
        assert [t.id for t in library.trashed()] == [ids["salac"]]
        await pilot.press("r")
        await pilot.pause()
        assert library.trashed() == []
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app) == [ids["salac"], ids["tuja"], ids["ainazi"]]
        await settle(pilot)
        assert [n.text for n in library.read(ids["salac"]).notes] == ["Nav autobusa svētdienās"]


async def test_details_copy_and_follow_up_from_the_library(app_factory, library: Library, plan: Plan) -> None:
    ids = three(library, plan)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "d")
        app.screen.query_one("#details-place", Input).value = "Salacgrīvas pagasts"
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert library.read(ids["salac"]).place == "Salacgrīvas pagasts"

        await pilot.press("tab", "c", "enter")  # the suggested title "… (copy)"
        await pilot.pause()
        await settle(pilot)
        copies = [e for e in library.listing().entries if e.title == "Jūras ciems (copy)"]
        assert len(copies) == 1 and copies[0].notes == 0 and copies[0].place == "Salacgrīvas pagasts"

        app.screen.query_one("#workshops", LibraryTable).move_cursor(row=rows(app).index(ids["salac"]))
        await pilot.press("tab", "f")
        assert isinstance(app.screen, NewWorkshopScreen)
        assert app.screen.query_one("#new-place", Input).disabled
        await pilot.press("enter")  # the suggested title
        await pilot.pause()
        assert app.editor is not None
        follow = app.editor.workshop
        assert (follow.follows, follow.place, follow.plan.name) == (
            ids["salac"],
            "Salacgrīvas pagasts",
            "follow-up-meeting",
        )
        assert [(a.what, a.origin) for a in follow.actions] == [("Sarunāt autobusu", f"{ids['salac']}#1")]


async def test_a_mistyped_date_in_the_details_keeps_the_dialog_and_everything_typed(
    app_factory, library: Library, plan: Plan
) -> None:
    ids = three(library, plan)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "d")
        dialog = app.screen
        dialog.query_one("#details-title", Input).value = "Jūras ciems: otrā tikšanās"
        dialog.query_one("#details-date", Input).value = "30.02.2027"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # not closed: the new title is still there, and the date to mend
        assert dialog.query_one("#details-title", Input).value == "Jūras ciems: otrā tikšanās"
        assert app.focused is dialog.query_one("#details-date")
        assert any("30.02.2027" in message for message in messages(app))
        assert library.read(ids["salac"]).title == "Jūras ciems"  # nothing half written

        dialog.query_one("#details-date", Input).value = "2027-02-28"
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert app.screen is not dialog
        written = library.read(ids["salac"])
        assert (written.title, written.date) == ("Jūras ciems: otrā tikšanās", "2027-02-28")
        assert "Jūras ciems: otrā tikšanās" in drawn(app.screen.query_one("#workshops", LibraryTable))


async def test_the_responsibilities_view_changes_a_status_through_the_store(
    app_factory, library: Library, plan: Plan
) -> None:
    ids = three(library, plan)
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        counted = app.screen.query_one("#tasks-status", Static)
        assert str(counted.render()).startswith("open: 1, ⚠ overdue: 1")  # due 2026-06-01
        await pilot.press("s")
        await pilot.pause()
        await settle(pilot)
        assert library.read(ids["salac"]).actions[0].status is Status.IN_PROGRESS
        await pilot.press("s")  # done: still listed (until the list is read again), no longer counted as open
        await settle(pilot)
        assert library.read(ids["salac"]).actions[0].status is Status.DONE
        assert str(counted.render()).startswith("open: 0, ⚠ overdue: 0")
        await pilot.press("s", "s", "s")  # dropped, planned, in progress: open, and overdue, once more
        await settle(pilot)
        assert str(counted.render()).startswith("open: 1, ⚠ overdue: 1")
        assert library.read(ids["salac"]).actions[0].status is Status.IN_PROGRESS
        holder = library.open(ids["salac"])  # open in another darbnica: refused, nothing written
        try:
            await pilot.press("s")
            await pilot.pause()
        finally:
            holder.close()
        assert any("open in another darbnica" in m for m in messages(app))
        await settle(pilot)
        assert library.read(ids["salac"]).actions[0].status is Status.IN_PROGRESS


async def test_a_review_opened_from_the_open_tasks_says_esc_goes_back_there(
    app_factory, library: Library, plan: Plan
) -> None:
    from darbnica.ui.screens.review import ReviewScreen
    from darbnica.ui.widgets.footer import KeyFooter

    three(library, plan)
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "a", "enter")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        banner = str(review.query_one("#review-banner", Static).render())
        keys = [str(key.render()) for key in review.query_one(KeyFooter).query("FooterKey")]
        assert "library" not in banner.lower() and "Esc closes it" in banner
        assert not any("Library" in key for key in keys) and any("Close" in key for key in keys)
        await pilot.press("escape")
        assert isinstance(app.screen, ResponsibilitiesScreen)  # where it was opened from, as it said


async def test_the_empty_library_names_the_key_that_creates_a_workshop(app_factory) -> None:
    # Typing goes to the filter, so a hint naming the list's "n" would have people type "n" into the search.
    for lang in ("en", "lv"):
        app = app_factory(lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            hint = str(app.screen.query_one("#library-empty").render())
            assert "Ctrl+N" in hint and " n " not in hint and " n," not in hint
            await pilot.press("ctrl+n")
            assert isinstance(app.screen, NewWorkshopScreen)


async def test_the_theme_and_language_chosen_in_the_app_are_there_at_the_next_start(
    app_factory, paths, workshop_id: str
) -> None:
    app = app_factory(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.theme
        await pilot.press("f4")
        chosen = app.theme
        assert chosen != first
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        titles["Interface language: Latviešu"].callback()
        await pilot.pause()
        await pilot.pause()
    settings = load_settings(paths)
    assert (settings.theme, settings.lang) == (chosen, "lv")


async def test_at_80x24_every_field_of_the_new_workshop_form_comes_into_view(app_factory) -> None:
    # The form is taller than 24 rows: Tab to the plan, the language and the buttons must bring each into view.
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewWorkshopScreen)
        for name in ("new-plan", "new-lang", "create", "cancel"):
            widget = form.query_one(f"#{name}")
            widget.focus()
            await settle(pilot)
            await pilot.wait_for_scheduled_animations()  # focusing scrolls it into view, animated
            await pilot.pause()
            region = widget.region
            assert region.height and 0 <= region.y and region.bottom <= 24, name
            widget_at, _ = form.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
            assert widget in widget_at.ancestors_with_self, name  # drawn there, not hidden below the edge


async def test_a_neighbourhood_s_place_is_whole_on_a_wide_screen(app_factory, library: Library, plan: Plan) -> None:
    # At 160 columns the place was cut at 14 characters ("Grīziņkalns, R…") beside a title column of seventy.
    library.create(title="Kopā Grīziņkalnā", plan=plan, place="Grīziņkalns, Rīga", date="2026-03-14")
    for size in ((160, 45), (240, 67)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert "Grīziņkalns, Rīga" in drawn(app.screen.query_one("#workshops", LibraryTable)), size


@pytest.mark.parametrize("size", [(160, 45), (240, 67)], ids=["160x45", "240x67"])
async def test_the_plan_s_name_is_whole_on_a_wide_screen(
    app_factory, library: Library, plan: Plan, size: tuple[int, int]
) -> None:
    # The plan was cut ("Community-led de…" at 160 columns, "Sabiedrības virzīta attīs…" at 240) beside a title
    # column with room to spare; a long title still keeps its first 38 characters.
    long_title = "Kopā: Tūjas ciema nākotne, jauniešu un senioru sarunas pie jūras"
    library.create(title=long_title, plan=plan, place="Tūja", date="2026-03-14")
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for lang in ("lv", "en"):  # the interface's language names the plan
            app.use_language(lang)
            await pilot.pause()
            await pilot.pause()
            shown = drawn(app.screen.query_one("#workshops", LibraryTable))
            assert plan.title[lang] in shown and long_title[:38] in shown, lang


async def test_the_key_help_lists_the_keys_of_the_library_the_open_tasks_and_the_trash(
    app_factory, library: Library, plan: Plan
) -> None:
    from darbnica.ui.screens.help import HelpScreen

    ids = three(library, plan)
    library.delete(ids["ainazi"])
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:

        async def help_text() -> str:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(str(static.render()) for static in app.screen.query(".help-rows, .section"))
            await pilot.press("escape")
            return text

        library_help = await help_text()
        for expected in ("In the list of workshops", "Follow-up", "Sort", "Details", "Trash"):
            assert expected in library_help
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        tasks_help = await help_text()
        assert "In the list of open responsibilities" in tasks_help and "Status" in tasks_help
        await pilot.press("escape", "tab", "t")
        assert isinstance(app.screen, TrashScreen)
        trash_help = await help_text()
        assert "In the trash" in trash_help and "Restore" in trash_help and "Empty trash" in trash_help


async def test_the_open_tasks_of_all_workshops_read_whole_at_80_columns_and_fit_a_new_width(
    app_factory, library: Library, plan: Plan
) -> None:
    ids = three(library, plan)
    promise = "Organise a clean-up day along the river in May"
    with Editor.open(library, ids["tuja"]) as file:
        file.add_action(promise, who="Maria Ozolina-Kalnina", due="2026-06-01", status=Status.IN_PROGRESS)
    app = app_factory(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        table = app.screen.query_one(DataTable)
        await pilot.pause()
        shown = drawn(table)
        assert "in progress" in shown and "in progre…" not in shown  # the status whole, not cut
        # What was promised is whole, over as many lines as it takes in its column, and nothing is cut.
        words = " ".join(shown.split())
        assert all(word in words.split() for word in promise.split()) and "…" not in shown
        assert not any(promise in line for line in shown.splitlines())  # not on one line: it wraps

        await pilot.resize_terminal(160, 45)  # the columns follow the new width: on one line, now there is room
        await until(pilot, lambda: any(promise in line for line in drawn(table).splitlines()))
        assert any(promise in line for line in drawn(table).splitlines())


async def test_end_and_home_go_to_the_last_and_the_first_open_task(app_factory, library: Library, plan: Plan) -> None:
    ids = three(library, plan)
    with Editor.open(library, ids["tuja"]) as file:
        for number in range(5):
            file.add_action(f"Uzdevums {number}", who="Anna")
    app = app_factory(lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 6 and table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 5
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_a_follow_up_is_marked_in_the_list_at_80_columns(app_factory, library: Library, plan: Plan) -> None:
    from darbnica.followup import follow_up
    from darbnica.plan import load_plans

    ids = three(library, plan)
    follow_up(library, ids["salac"], title="Jūras ciems", plan=load_plans(library.paths).get("follow-up-meeting"))
    app = app_factory(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = drawn(app.screen.query_one("#workshops", LibraryTable))
        # The same title, the same place: without the plan's column, only the mark tells which one follows.
        assert "↳ Jūras ciems" in shown and shown.count("Jūras ciems") == 2
