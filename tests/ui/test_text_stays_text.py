"""User, plan and theme text that reaches a notification, a dialog, a title or the command palette is shown as text:
"[/]" or "[@click=app.quit]" never ends the app or does anything. These run with notifications on (Textual's test
runner leaves them off by default, which is how the markup in them went unseen)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from textual.widgets import Input

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.paths import Paths
from darbnica.plan import DEFAULT_PLAN
from darbnica.store import Library
from darbnica.text import clean_line
from tests.hostile import PIECES, hostile_text
from tests.ui.conftest import messages, settle

MARKUP = ["[/]", "[/x]", "[bold]", "[@click=app.quit]", "[link=file:///etc/passwd]x[/link]", "Tests [/x] [b"]


def titled(text: str) -> str:
    """A title that hostile text can be: clean, non-empty, one line (as typing would store it)."""
    return clean_line(text)[:200] or "x"


@pytest.mark.parametrize("typed", MARKUP)
async def test_the_votes_dialog_says_what_was_typed_as_text(app_factory, library: Library, workshop_id: str, typed):
    with Editor.open(library, workshop_id) as editor:
        editor.add_note("problem", f"Piezīme {typed}")
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        app.screen.query_one("#notes").focus()
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#dialog-input", Input).value = typed[:3]
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.is_running and any(typed[:3] in m for m in messages(app))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text)
async def test_deleting_and_copying_a_workshop_with_any_title(app_factory, library: Library, plan: Plan, title):
    name = titled(title + "[/x]")
    workshop_id = library.create(title=name, plan=plan, place="Tūja")
    app = app_factory()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        app.screen.query_one("#workshops").focus()
        await pilot.press("c")  # copy: the dialog shows the title, the notification names it
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.05)
        await pilot.press("delete")  # delete: the question shows the title
        await pilot.pause()
        await pilot.press("y", "enter")
        await pilot.pause(0.05)
        assert app.is_running
    for entry in library.listing().entries:
        library.delete(entry.id)
    library.empty_trash()
    assert workshop_id


async def test_plan_and_theme_texts_in_the_command_palette_and_the_step_picker(
    app_factory, paths: Paths, library: Library
) -> None:
    from darbnica.plan import load_plans

    shipped = load_plans(paths).sources[DEFAULT_PLAN].read_text(encoding="utf-8")
    paths.user_plans.mkdir(parents=True, exist_ok=True)
    hostile = shipped.replace('title.en = "Problem"', 'title.en = "Problem [/x] [@click=app.quit] [b"', 1)
    assert hostile != shipped
    (paths.user_plans / f"{DEFAULT_PLAN}.toml").write_text(hostile, encoding="utf-8")
    paths.user_themes.mkdir(parents=True, exist_ok=True)
    (paths.user_themes / "mine.toml").write_text(
        'name = "mine"\ndark = false\ntitle.en = "Mine [/] [bold]"\n[colors]\nprimary = "#0B3D91"\n', "utf-8"
    )
    workshop_id = library.create(title="T", plan=load_plans(paths).get(DEFAULT_PLAN), lang="en")
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Problem")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*"Mine")
        await pilot.pause(0.3)
        await pilot.press("enter")  # the theme, by its hostile title
        await pilot.pause()
        await pilot.press("ctrl+g")  # the step picker lists the plan's titles
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code in (None, 0)


def test_the_pieces_include_what_ended_the_app() -> None:
    assert "[/]" in PIECES and "[@click=app.quit]" in PIECES


async def test_a_plan_title_in_the_new_workshop_form_is_shown_as_typed(app_factory, paths: Paths) -> None:
    from textual.geometry import Region
    from textual.widgets import Select

    from darbnica.plan import load_plans

    shipped = load_plans(paths).sources[DEFAULT_PLAN].read_text(encoding="utf-8")
    paths.user_plans.mkdir(parents=True, exist_ok=True)
    (paths.user_plans / "mini.toml").write_text(
        shipped.replace('title.en = "', 'title.en = "Mini [bold]plan[/] ', 1), encoding="utf-8"
    )
    app = app_factory(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await settle(pilot)
        select = app.screen.query_one("#new-plan", Select)
        select.value = "mini"  # shown as the chosen plan
        await settle(pilot)
        drawn = "\n".join(
            "".join(segment.text for segment in line)
            for widget in (select, *select.query("*"))
            for line in widget.render_lines(Region(0, 0, *widget.size))
        )
        assert "Mini [bold]plan[/] " in drawn
