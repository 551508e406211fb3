"""Step screens kept while the workshop is open: a step shown again is the screen it had, as the workshop is now.

PgDn used to make the next step's screen anew (most of a 50 ms switch); each step's screen is now made the first
time it is shown and shown again after. What the facilitator checks stays as it was: coming back to a step shows
what changed meanwhile elsewhere, the text typed there, the cursor in the note input, the timer counting.
"""

from __future__ import annotations

import os
import time

import pytest
from textual.color import Color
from textual.widgets import Static

from darbnica.editing import Editor
from darbnica.model import Workshop
from darbnica.store import Library
from darbnica.timing import shown_text
from darbnica.ui import kept_steps
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.step import StepScreen
from darbnica.ui.widgets.footer import KeyFooter
from darbnica.ui.widgets.step_timer import TimerDigits
from tests.ui.conftest import settle, type_into, until
from tests.ui.test_phone_queue import send, sharing


def listed(screen: StepScreen) -> list[str]:
    assert isinstance(screen, NotesScreen)
    notes = screen.note_list
    return [str(notes.get_option_at_index(i).prompt).strip() for i in range(notes.option_count)]


class HeldDisk:
    """A disk that takes its time while held: the writer's report of a save comes only once it is let go, so
    what a test sees before that was drawn from the change itself, not from the report."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.held = False
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            for _ in range(500):
                if not self.held:
                    break
                time.sleep(0.01)
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)


async def to_step(pilot, key: str) -> StepScreen:
    app = pilot.app
    app.go_to_step(key)
    await until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.step.key == key)
    await pilot.pause()
    return app.screen


async def test_a_step_shown_again_is_the_same_screen_showing_undo_and_redo_made_on_another_step(
    app_factory, workshop_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = HeldDisk(monkeypatch)
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        await type_into(pilot, "#note-input", "Nav autobusa svētdienās")
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("ctrl+z")  # on the next step: it undoes the note on the problem step
        await settle(pilot)
        assert listed(problem) == ["Nav autobusa svētdienās"]  # put away, it is not redrawn at every change

        disk.held = True  # what the step shows when it comes back is not waiting for a save to finish
        await pilot.press("pageup")
        assert app.screen is problem  # kept, not made anew
        assert listed(problem) == []  # but showing the workshop as it is now
        disk.held = False
        await settle(pilot)

        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("ctrl+y")
        await settle(pilot)
        disk.held = True
        await pilot.press("pageup")
        assert listed(problem) == ["Nav autobusa svētdienās"]
        disk.held = False
        await settle(pilot)


async def test_a_phone_note_approved_on_another_step_is_listed_when_its_step_comes_back(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(120, 36)) as pilot:
        problem = app.screen
        await pilot.press("pagedown")
        await pilot.pause()
        await sharing(app, pilot)
        await send(app, pilot, "Vēl par problēmu", "ref-late0001", step="problem")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("t")  # every step's queue
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: app.editor is not None and len(app.editor.workshop.shown_in("problem")) == 1)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen is problem
        assert "Vēl par problēmu" in " ".join(listed(problem))


async def test_text_typed_on_a_step_waits_there_and_the_cursor_comes_back_to_the_note_input(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        assert isinstance(problem, NotesScreen)
        await type_into(pilot, "#note-input", "Slidotava ziemā")
        await type_into(pilot, "#note-input", "pusē uzrakst", submit=False)
        await pilot.press("down")  # into the list of notes
        await pilot.pause()
        assert app.focused is problem.note_list

        await pilot.press("pagedown")
        await pilot.pause()
        assert app.editor is not None and app.editor.workshop.drafts["problem"] == "pusē uzrakst"  # kept as a draft
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen is problem
        assert problem.note_input.value == "pusē uzrakst"
        assert app.focused is problem.note_input  # typing goes on where it was left


async def test_a_theme_and_a_terminal_size_changed_on_another_step_show_when_a_step_comes_back(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        assert problem.has_class("-wide")
        await pilot.press("pagedown")
        await pilot.pause()
        before = app.theme
        await pilot.press("f4")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.theme != before
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen is problem
        assert problem.styles.background == Color.parse(app.current_theme.background)
        assert problem.has_class("-narrow") and not problem.has_class("-wide")


async def test_the_projector_view_and_the_hints_changed_on_another_step_show_when_a_step_comes_back(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        footer, hints = problem.query_one(KeyFooter), problem.query_one("#hints")
        assert footer.display and hints.display
        await pilot.press("pagedown")
        await pilot.press("f3")  # projector view: no keys, no hints
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen is problem
        assert not footer.display and not hints.display
        await pilot.press("pagedown")
        await pilot.press("f3", "f2")  # back to the facilitator's view, with the hints hidden
        await pilot.press("pageup")
        await pilot.pause()
        assert footer.display and not hints.display


async def test_a_kept_steps_timer_counts_on_when_its_step_comes_back(app_factory, workshop_id: str, clock) -> None:
    app = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        await pilot.press("f7")  # the problem step's timer runs
        clock.advance(30)
        await pilot.press("pagedown")  # the next step's runs now
        await pilot.pause()
        clock.advance(10)
        await pilot.press("pageup")  # and the problem step's again
        await pilot.pause()
        assert app.screen is problem
        step_clock = app.timers["problem"]
        assert step_clock.running
        clock.advance(65)
        digits = problem.query_one(TimerDigits)
        await until(pilot, lambda: digits.value == shown_text(step_clock))  # at the next tick, as before


async def test_the_closing_steps_summary_shows_what_changed_elsewhere_as_soon_as_it_comes_back(
    app_factory, workshop_id: str
) -> None:
    app: DarbnicaApp = app_factory(workshop_id, "closing")
    async with app.run_test(size=(160, 45)) as pilot:
        closing = app.screen
        summary = closing.query_one("#summary-lines", Static)
        await to_step(pilot, "responsibilities")
        assert app.editor is not None
        app.editor.add_note("problem", "Nav autobusa svētdienās", None)  # as a phone's or another program's
        await pilot.press("pagedown")
        assert app.screen is closing
        assert "Nav autobusa svētdienās" in str(summary.render())  # at once, not after the summary's delay


async def test_the_language_switch_and_closing_the_workshop_drop_the_kept_screens(
    app_factory, workshop_id: str
) -> None:
    app: DarbnicaApp = app_factory(workshop_id, "problem")
    async with app.run_test(size=(160, 45)) as pilot:
        problem = app.screen
        future = await to_step(pilot, "future")
        await to_step(pilot, "problem")
        english = app.t("notes.placeholder")

        app.use_language("lv")
        await pilot.pause()
        assert not app.is_screen_installed(future) and not app.is_screen_installed(problem)
        relaid = app.screen
        assert isinstance(relaid, NotesScreen) and relaid is not problem
        future_lv = await to_step(pilot, "future")
        assert future_lv is not future
        assert isinstance(future_lv, NotesScreen)
        assert future_lv.note_input.placeholder == app.t("notes.placeholder") != english

        await pilot.press("ctrl+w")
        await until(pilot, lambda: app.editor is None)
        await pilot.pause()
        assert len(app.kept_steps) == 0
        for screen in (relaid, future_lv):
            assert not app.is_screen_installed(screen)
        await until(pilot, lambda: not relaid.is_attached and not future_lv.is_attached)  # removed, not kept alive

        assert app.open_workshop(workshop_id, "future")
        await pilot.pause()
        assert app.screen is not future_lv


async def test_no_more_step_screens_are_kept_than_the_limit(app_factory, workshop_id: str, monkeypatch) -> None:
    monkeypatch.setattr(kept_steps, "MOST_KEPT", 3)
    app: DarbnicaApp = app_factory(workshop_id, "context")
    async with app.run_test(size=(160, 45)) as pilot:
        context = app.screen
        for key in ("problem", "future", "vision", "principles"):
            await to_step(pilot, key)
            assert len(app.kept_steps) <= 3
        assert not app.is_screen_installed(context)
        await until(pilot, lambda: not context.is_attached)  # the one shown longest ago went
        again = await to_step(pilot, "context")
        assert again is not context  # and is made again when its step is shown


@pytest.mark.parametrize("step", ["context", "problem", "vision", "principles", "responsibilities", "closing"])
async def test_a_step_draws_each_change_once(app_factory, workshop_id: str, step: str) -> None:
    """Textual calls the on_mount of every class a screen is made from: a step screen that called its base's too
    listened twice, and drew the whole step twice at every note and every save."""
    app = app_factory(workshop_id, step)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen) and app.editor is not None
        drawn: list[Workshop] = []
        real = screen.show_workshop

        def show_workshop(workshop: Workshop) -> None:
            drawn.append(workshop)
            real(workshop)

        screen.show_workshop = show_workshop  # type: ignore[method-assign]
        app.editor.set_draft("problem" if step != "problem" else "future", "x")  # a change, then its save's report
        await settle(pilot)
        assert len(drawn) == 2, drawn


async def test_the_vision_statement_is_wrapped_for_a_size_changed_while_another_step_was_shown(
    app_factory, library: Library, workshop_id: str
) -> None:
    from tests.ui.test_words import screen_text

    statement = "Tūja 2035. gadā ir droša, zaļa un sasniedzama ikvienam — ar tīru ūdeni, ceļu un kopienu, kas rūpējas."
    with Editor.open(library, workshop_id) as editor:
        editor.set_vision(statement)
    app = app_factory(workshop_id, "vision")
    async with app.run_test(size=(240, 67)) as pilot:
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.press("pageup")
        await settle(pilot)
        area = app.screen.query_one("#statement")
        lines = screen_text(app).splitlines()[area.region.y : area.region.bottom]
        drawn = " ".join(line[area.region.x : area.region.right].strip(" ▊▎▔▁") for line in lines)
        # Every word: the lines of the old width were drawn cut off at the box's edge ("ar tīru ūdeni" gone).
        assert " ".join(drawn.split()) == statement
