"""In the room: the step timer (with a clock moved by hand), dot-voting, headings, the projector view, help,
themes and the interface language switched live, and the read-only follow view."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer, Input, Static

from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.store import Library
from darbnica.ui.screens.follow import FollowScreen
from darbnica.ui.screens.help import HelpScreen
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.top_notes import TopNotes, TopNotesScreen
from darbnica.ui.widgets.step_header import Hints
from darbnica.ui.widgets.step_timer import TimerDigits
from tests.ui.conftest import messages, settle


def focus_of(app) -> object:
    return app.focused  # as it is now (a type checker would keep the focus an earlier check found)


def shown(app) -> str:
    app.screen.timer.show()  # what the half-second tick does
    return app.screen.query_one(TimerDigits).value


async def test_the_timer_counts_down_warns_alerts_and_records_the_time(app_factory, clock, library, workshop_id):
    app = app_factory(workshop=workshop_id, step="problem")  # planned: 25 minutes
    async with app.run_test(size=(120, 36)) as pilot:
        timer = app.screen.timer
        assert shown(app) == "25:00" and timer.has_class("-idle")
        await pilot.press("f7")
        clock.advance(19 * 60 + 59)
        assert shown(app) == "05:01" and timer.has_class("-running")
        clock.advance(1)  # a fifth of the time left
        assert shown(app) == "05:00" and timer.has_class("-warning")
        await pilot.press("f8")  # one more minute for this step
        assert shown(app) == "06:00" and not timer.has_class("-warning")
        clock.advance(6 * 60 + 75)
        assert shown(app) == "+01:15" and timer.has_class("-alert")  # over time: it counts on, never moves on
        await pilot.pause()
        assert app.screen.step.key == "problem"
        await settle(pilot)
        assert library.read(workshop_id).step_seconds["problem"] == 27 * 60 + 15  # recorded as minutes pass
        await pilot.press("f7")  # paused
        clock.advance(600)
        assert shown(app) == "+01:15"
        await pilot.press("f7")
        clock.advance(5)
        await pilot.press("f7")  # pausing records the time
        await settle(pilot)
        assert library.read(workshop_id).step_seconds["problem"] == 27 * 60 + 20
        await pilot.press("f9")
        await settle(pilot)
        assert shown(app) == "25:00" and library.read(workshop_id).step_seconds["problem"] == 0


async def test_a_running_timer_goes_on_with_the_next_step_and_comes_back_with_its_time(
    app_factory, clock, library, workshop_id
):
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f7")
        clock.advance(90)
        await pilot.press("pagedown")
        assert app.screen.step.key == "future" and app.screen.timer.clock.running
        clock.advance(30)
        await pilot.press("pageup")
        assert shown(app) == "23:30"  # 25 minutes less the 90 seconds spent before
        await settle(pilot)
        assert library.read(workshop_id).step_seconds == {"problem": 90, "future": 30}
    assert library.read(workshop_id).step_seconds["problem"] == 90  # quitting records it too


async def test_dots_are_counted_ranked_undone_and_the_top_shown_alone(app_factory, library, workshop_id):
    with Editor.open(library, workshop_id) as file:
        for text in ("Autobuss", "Slidotava", "Jauniešu telpa"):
            file.add_note("problem", text)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.note_list
        notes.focus()
        assert notes.highlighted_id == 3  # the newest note is in view
        await pilot.press("plus", "plus", "equals_sign", "minus")  # given one by one: two dots
        await pilot.press("home", "v")
        dialog = app.screen.query_one("#dialog-input", Input)
        dialog.value = "7"
        await pilot.press("enter")  # counted on the wall: 7; the next note comes up for its count
        await pilot.pause()
        assert notes.highlighted_id == 2
        await pilot.press("v")
        app.screen.query_one("#dialog-input", Input).value = "seven"
        await pilot.press("enter")
        await pilot.pause()
        assert any("seven" in m for m in messages(app))
        await settle(pilot)
        assert [n.votes for n in library.read(workshop_id).notes] == [7, 0, 2]
        await pilot.press("r")
        assert [notes.get_option_at_index(i).id for i in range(3)] == ["1", "3", "2"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [n.votes for n in library.read(workshop_id).notes] == [0, 0, 2]
        await pilot.press("p")
        assert isinstance(app.screen, TopNotesScreen)
        top = app.screen.query_one(TopNotes)
        assert [n.text for n in top.notes] == ["Jauniešu telpa", "Autobuss", "Slidotava"]
        await pilot.press("1")
        assert [n.text for n in top.notes] == ["Jauniešu telpa"]
        await pilot.press("escape")
        assert isinstance(app.screen, NotesScreen)


async def test_notes_are_put_under_headings_moved_and_the_heading_deleted_and_restored(
    app_factory, library: Library, workshop_id: str
):
    with Editor.open(library, workshop_id) as file:
        for text in ("Autobuss", "Vilciens", "Slidotava"):
            file.add_note("problem", text)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.note_list
        notes.focus()
        notes.select_note(1)
        await pilot.press("g")
        app.screen.query_one("#new-heading", Input).value = "Transports"
        await pilot.press("enter")
        await pilot.pause()
        notes.select_note(2)
        await pilot.press("g", "down", "enter")  # the existing heading
        await pilot.pause()
        notes.select_note(3)
        await pilot.press("g")
        app.screen.query_one("#new-heading", Input).value = "Brīvais laiks"
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        workshop = library.read(workshop_id)
        transport, leisure = (g.id for g in workshop.groups)
        assert [n.group for n in workshop.notes] == [transport, transport, leisure]
        assert [notes.get_option_at_index(i).id for i in range(notes.option_count)] == [
            f"g{transport}",
            "1",
            "2",
            f"g{leisure}",
            "3",
        ]
        notes.select_note(2)
        await pilot.press("g", "down", "down", "enter")  # moved to the other heading
        await pilot.pause()
        await settle(pilot)
        assert library.read(workshop_id).notes[1].group == leisure
        notes.highlighted = notes.get_option_index(f"g{transport}")
        await pilot.press("e")
        app.screen.query_one("#dialog-input", Input).value = "Satiksme"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("delete")
        await settle(pilot)
        workshop = library.read(workshop_id)
        assert [g.title for g in workshop.groups] == ["Brīvais laiks"] and workshop.notes[0].group is None
        await pilot.press("ctrl+z")
        await settle(pilot)
        workshop = library.read(workshop_id)
        assert [g.title for g in workshop.groups] == ["Satiksme", "Brīvais laiks"]
        assert workshop.notes[0].group == transport


async def test_the_projector_view_hides_what_only_the_facilitator_needs(app_factory, workshop_id):
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:

        def visible() -> tuple[bool, bool, bool]:
            screen = app.screen
            parts = (screen.query_one(Hints), screen.query_one(Footer), screen.query_one("#timer-state"))
            hints, footer, state = (part.display for part in parts)
            return hints, footer, state

        assert visible() == (True, True, True)
        await pilot.press("f3")
        assert visible() == (False, False, False)
        assert app.screen.query_one("#timer-digits").display  # the room sees the time left
        await pilot.press("pagedown")
        assert visible() == (False, False, False)  # it stays on from step to step
        await pilot.press("f3", "f2")
        assert visible() == (False, True, True)


async def test_the_key_help_lists_the_screens_keys_in_the_interface_language(app_factory, workshop_id):
    app = app_factory(workshop=workshop_id, step="problem", lang="lv")
    async with app.run_test(size=(120, 40)) as pilot:
        await type_and_keep(pilot, "Kāpēc? Tāpēc")  # "?" is typed in the note input, not taken as a key
        assert app.screen.note_input.value == "Kāpēc? Tāpēc"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(static.render()) for static in app.screen.query(".help-rows"))
        for expected in ("PgDn", "Tālāk", "F7", "Taimeris", "Vēl viens punkts", "Ctrl+Q", "Iziet", "Enter"):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, NotesScreen)
        app.screen.note_list.focus()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def type_and_keep(pilot, text: str) -> None:
    for char in text:
        await pilot.press({"?": "question_mark", " ": "space"}.get(char, char))


async def test_themes_and_the_interface_language_switch_live(app_factory, library, workshop_id):
    app = app_factory(workshop=workshop_id, step="problem", lang="en", theme="projector-dark")
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.theme == "projector-dark"
        await pilot.press("f4")
        assert app.theme == "projector-light"
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Go to step 3 Nākotne", "Theme: High contrast", "Interface language: Latviešu"} <= set(titles)
        titles["Theme: High contrast"].callback()
        assert app.theme == "high-contrast"
        app.screen.note_input.value = "half typed"
        titles["Interface language: Latviešu"].callback()
        await pilot.pause()
        assert app.lang == "lv" and app.screen.note_input.value == "half typed"
        assert app.screen.note_input.placeholder.startswith("Rakstiet")
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert "Saskarnes valoda: English" in names and "Taimeris: sākt / pauze" in names


async def test_a_broken_theme_is_reported_in_one_message(app_factory, paths: Paths):
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "broken.toml").write_text('name = "x"\n[colors]\nprimary = "not a colour"\n', "utf-8")
    app = app_factory(theme=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        problems = [m for m in messages(app) if "broken.toml" in m]
        assert len(problems) == 1 and "not a colour" in problems[0]
        assert app.theme == "projector-light"


async def test_every_broken_file_at_start_is_reported_when_more_than_the_screen_shows(app_factory, paths: Paths):
    paths.user_themes.mkdir(parents=True)
    paths.user_plans.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (paths.user_plans / f"{name}.toml").write_text("[[steps]\n", "utf-8")
    (paths.user_themes / "broken.toml").write_text('name = "x"\n[colors]\nprimary = "not a colour"\n', "utf-8")
    app = app_factory(theme=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        shown = messages(app)
        # One at a time, the newest three were shown and the first plan's went unread.
        assert len(shown) == 1 and shown[0].startswith("4 files could not be used as they are:")
        assert all(f"{name}.toml" in shown[0] for name in ("a", "b", "c", "broken"))


async def test_the_follow_view_updates_when_the_workshop_changes(app_factory, library: Library, workshop_id: str):
    from darbnica.ui.app import DarbnicaApp

    app = DarbnicaApp(library.paths, lang="en", workshop=workshop_id, follow=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, FollowScreen) and screen.step.key == "context"
        with Editor.open(library, workshop_id) as file:  # the app on the projector writes; the follower holds no lock
            file.go_to("problem")
            file.add_note("problem", "Nav autobusa svētdienās", "need")
        await screen.check()
        await pilot.pause()
        content = str(screen.query_one("#follow-content", Static).render())
        assert screen.step.key == "problem" and "Nav autobusa svētdienās" in content
        assert screen.query_one(Hints).display  # the facilitator's view keeps the hints


async def test_a_theme_textual_cannot_use_never_ends_the_app(app_factory, paths: Paths, workshop_id: str):
    """Before: Textual parsed the bad variable only when the theme was applied, and the app ended there."""
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "bad.toml").write_text(
        'name = "bad"\n[colors]\nprimary = "#003366"\n[variables]\ntext-muted = "banana"\n', "utf-8"
    )
    app = app_factory(workshop=workshop_id, step="problem", theme="bad")
    said: list[str] = []  # every message, also those gone from the screen (the newest three are shown)
    notify = app.notify

    def recorded(message: str, **kwargs: Any) -> None:
        said.append(message)
        notify(message, **kwargs)

    app.notify = recorded
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running and app.theme == "projector-light"
        problems = [m for m in said if "bad.toml" in m]
        assert len(problems) == 1 and "text-muted" in problems[0] and "banana" in problems[0]
        app.screen.note_input.value = "half typed"
        seen = set()
        for _ in range(len(app.themes.themes) + 1):
            await pilot.press("f4")
            await pilot.pause()
            seen.add(app.theme)
        assert app.is_running and "bad" not in seen and seen == set(app.themes.themes)
        assert app.screen.note_input.value == "half typed"
        assert len([m for m in said if "bad.toml" in m]) == 1


async def test_escapes_in_hand_edited_files_reach_no_notification_or_command(app_factory, paths: Paths):
    hostile = "\x1b]0;pwned\x07\x1b[2J\x9b1m"
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / f"x{hostile}.toml").write_text('name = "x"\n[colors]\nprimary = "no"\n', "utf-8")
    (paths.user_themes / "titled.toml").write_text(
        'name = "titled"\ntitle.en = "Hall\\u001b]0;pwned\\u0007"\n[colors]\nprimary = "#003366"\n', "utf-8"
    )
    paths.settings.write_text('plan = "p\\u001b[2J"\nlang = "\\u001b]0;pwned\\u0007"\n', "utf-8")
    from darbnica.settings import load_settings
    from darbnica.ui.app import DarbnicaApp

    app = DarbnicaApp(paths, lang="en", settings=load_settings(paths), theme="titled")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = messages(app)
        assert len(shown) == 3 and all(message.isprintable() for message in shown)  # three: one message each
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme: Hall" in titles and all(title.isprintable() for title in titles)  # the title sequence whole


async def test_a_note_typed_with_the_focus_on_the_list_goes_into_the_note_field(app_factory, workshop_id):
    # The facilitator went down to the list and, talking with the room, types the next note: the letters the list
    # has no key for go to the note field (with the focus), not nowhere; the list's own keys stay its keys.
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.press(*"Nav", "enter")
        await pilot.press("down")
        note_list, note_input = screen.note_list, screen.note_input
        assert focus_of(app) is note_list
        await pilot.press(*"Asfalts")
        assert focus_of(app) is note_input
        assert note_input.value == "Asfalts"
        assert app.editor is not None
        assert [n.text for n in app.editor.workshop.notes_in("problem")] == ["Nav"]
        await pilot.press("down", "v")  # the list's own key: the dots dialog, as before
        assert app.screen is not screen


async def test_the_vision_typed_with_the_focus_on_its_checks_goes_into_the_vision(
    app_factory, library: Library, workshop_id: str
) -> None:
    # Shift+Tab from the note field lands on the checks (the field before it); the facilitator, meaning the vision
    # above them, types on: the letters go on from the end of the vision, and the space among them ticks nothing.
    from textual.widgets import TextArea

    from darbnica.ui.widgets.choice_list import ChoiceList

    with Editor.open(library, workshop_id) as editor:
        editor.set_vision("Zaļš ciems")
    app = app_factory(workshop=workshop_id, step="vision")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        statement, checks = screen.query_one("#statement", TextArea), screen.query_one("#checks", ChoiceList)
        screen.note_input.focus()
        await pilot.press("shift+tab")
        assert focus_of(app) is checks
        await pilot.press(*", kur jaunieši paliek")
        assert focus_of(app) is statement
        assert statement.text == "Zaļš ciems, kur jaunieši paliek"
        await settle(pilot)
        assert library.read(workshop_id).vision == "Zaļš ciems, kur jaunieši paliek"
        assert library.read(workshop_id).vision_checks == ()

        checks.focus()
        await pilot.press("space")  # the list's own key: it ticks, as before
        await settle(pilot)
        assert focus_of(app) is checks
        assert library.read(workshop_id).vision_checks == (0,)


async def test_a_count_typed_in_the_dots_dialog_replaces_the_one_there(app_factory, library: Library, workshop_id):
    # The facilitator counts five dots on a sticky that had one: typing 5 makes 5, not 15; Enter alone keeps it.
    with Editor.open(library, workshop_id) as file:
        note = file.add_note("problem", "Autobuss")
        file.set_votes(note, 1)
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.note_list.focus()
        await pilot.press("v", "5", "enter")
        await settle(pilot)
        assert [n.votes for n in library.read(workshop_id).notes] == [5]
        await pilot.press("v")
        assert app.screen.query_one("#dialog-input", Input).value == "5"
        await pilot.press("enter")
        await settle(pilot)
        assert [n.votes for n in library.read(workshop_id).notes] == [5]
        await pilot.press("v", "1", "2", "enter")  # both digits: the first replaces, the second adds to it
        await settle(pilot)
        assert [n.votes for n in library.read(workshop_id).notes] == [12]


async def test_the_key_help_can_be_read_to_its_end_at_every_size(app_factory, workshop_id):
    # At 80×24 the list of keys was taller than its dialog: its end (F7, F8, "Everywhere") was cut off and could not
    # be scrolled to. It fits in the dialog at every size now, and scrolls to its last line.
    for size in ((80, 24), (160, 45), (240, 67)):
        for step in ("context", "problem"):
            app = app_factory(workshop=workshop_id, step=step)
            async with app.run_test(size=size) as pilot:
                await pilot.press("f1")
                assert isinstance(app.screen, HelpScreen)
                dialog, keys = app.screen.query_one("#help"), app.screen.query_one("#help-keys")
                close = app.screen.query_one("#help > .dialog-help")
                assert keys.region.bottom <= close.region.y <= dialog.region.bottom, (size, step)
                await pilot.press("end")
                await pilot.pause()
                assert keys.scroll_y + keys.scrollable_content_region.height >= keys.virtual_size.height, (size, step)
