"""In Latvian the app says nothing in English: not Textual's own words, nor ids and codes meant for the machine."""

from __future__ import annotations

import re

from textual.command import CommandPalette

from darbnica.model import Plan
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.home import HomeScreen
from darbnica.ui.screens.step import StepScreen
from tests.ui.conftest import messages, until

ENGLISH = [
    # Textual's own words: the command palette, its system commands, the Ctrl+C notice
    "Search for commands",
    "Search for themes",
    "No matches found",
    "Do you want to quit",
    "to quit the app",
    "Quit",
    "Keys",
    "Maximize",
    "Screenshot",
    "Theme",
    "Change theme",
    # click's: its confirm prompt and its message on Ctrl+C (the command line's are tested in test_cli.py)
    "y/N",
    "Aborted",
    # ids and codes that are not words: the theme files' names, the language codes, a plan's name
    "projector-light",
    "projector-dark",
    "high-contrast",
    "lv",
    "en",
    "cld-workshop",
    "follow-up-meeting",
    "public_link",
]
_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w-])")


def screen_text(app: DarbnicaApp) -> str:
    """What the top screen shows now, notifications included, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def english_in(app: DarbnicaApp) -> list[str]:
    return _ENGLISH.findall(screen_text(app))


async def test_the_library_its_palette_and_every_step_speak_latvian(app_factory, library: Library, plan: Plan) -> None:
    workshop_id = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", lang="lv")
    app = app_factory(lang="lv")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Sabiedrības virz" in screen_text(app)  # the plan column: its title, not its name
        assert english_in(app) == []

        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette) and "Tēma" in screen_text(app))
        assert isinstance(app.screen, CommandPalette)
        assert "Meklēt komandas…" in screen_text(app)
        assert "Tēma: Projektors, gaišs" in screen_text(app)
        assert english_in(app) == []
        await pilot.press("escape")

        app.open_workshop(workshop_id)
        await pilot.pause()
        seen: list[str] = []
        while True:
            assert isinstance(app.screen, StepScreen)
            seen.append(app.screen.step.key)
            assert english_in(app) == [], app.screen.step.key
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette) and "Tēma" in screen_text(app))
            assert english_in(app) == [], f"palette on {seen[-1]}"
            await pilot.press("escape")
            await pilot.press("pagedown")
            await pilot.pause()
            if app.screen.step.key == seen[-1]:
                break
        assert seen == [step.key for step in plan.steps]

        await pilot.press("f5")  # the QR code full-screen, with no link yet: what to do is said in words
        await pilot.pause()
        assert "pastāvīgu saiti" in screen_text(app)
        assert english_in(app) == []


async def test_ctrl_c_says_how_to_quit_in_latvian(app_factory, library: Library, plan: Plan) -> None:
    workshop_id = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", lang="lv")
    app = app_factory(workshop=workshop_id, step="closing", lang="lv")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.set_focus(None)  # in a text field Ctrl+C copies
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert messages(app) == ["Lai izietu, nospiediet Ctrl+Q (viss jau ir saglabāts)."]


async def test_the_other_screens_speak_latvian_and_name_workshops_by_title(
    app_factory, library: Library, plan: Plan
) -> None:
    from darbnica.editing import Editor
    from darbnica.followup import follow_up
    from darbnica.plan import load_plans

    first = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", lang="lv")
    with Editor.open(library, first) as file:
        file.add_action("Sarunāt autobusu", who="Jānis", due="2026-06-01")
    follow_plan = load_plans(library.paths).get("follow-up-meeting")
    second = follow_up(library, first, title="Tūja pēc pusgada", plan=follow_plan, date="2026-09-10")
    app = app_factory(lang="lv")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screens = {}

        async def look(name: str) -> None:
            await pilot.pause()
            screens[name] = screen_text(app)
            assert english_in(app) == [], name
            assert first not in screens[name] and second not in screens[name], f"{name} shows a workshop's id"

        await look("library")
        await pilot.press("ctrl+n")
        await look("new workshop")
        await pilot.press("escape")
        app.screen.query_one("#workshops").focus()
        await pilot.press("a")
        await look("responsibilities of all workshops")
        await pilot.press("escape", "t")
        await look("trash")
        await pilot.press("escape")
        app.screen.query_one("#workshops").focus()
        await pilot.press("home", "enter")  # the newest: the follow-up, in review
        await look("review of the follow-up")
        await pilot.press("e")
        await pilot.press("f1")
        await look("key help")
        await pilot.press("escape")
        for _ in range(len(follow_plan.steps)):
            await look(f"follow-up step {app.screen.step.key}")
            await pilot.press("pagedown")
        assert "Tūjas nākotne" in "\n".join(screens.values())  # the earlier workshop, by its title


async def test_the_step_header_keeps_the_date_whole_when_the_place_is_long(app_factory, library: Library) -> None:
    from darbnica.editing import Editor
    from darbnica.plan import DEFAULT_PLAN, load_plans

    workshop_id = library.create(title="Tūjas nākotne", plan=load_plans(library.paths).get(DEFAULT_PLAN), lang="lv")
    with Editor.open(library, workshop_id) as editor:
        editor.set_details(place="Tūja, Liepupes pagasts, Limbažu novads, pie vecās skolas", date="2027-04-09")
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (line,) = [
            line.strip() for line in screen_text(app).splitlines() if line.strip().startswith("Tūjas nākotne · ")
        ]
        # The place gives way, not the date: "… · 2027-0…" was cut at the line's end.
        assert line.endswith("… · 2027-04-09")
