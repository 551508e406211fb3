"""Ctrl+G lists the plan's steps by number: typing a step's number goes there, as the arrows and Enter do."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList

from darbnica.model import Plan
from darbnica.store import Library
from darbnica.ui.screens.dialogs import StepPicker
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.screens.step import StepScreen


async def test_typing_a_steps_number_goes_to_that_step(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="closing")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+g", "4")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.step.key == "vision"
        await pilot.press("ctrl+g", "0", "9")  # no step has these numbers: the list stays, nothing moves
        await pilot.pause()
        assert isinstance(app.screen, StepPicker)
        assert app.screen.query_one(OptionList).highlighted == 3
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.step.key == "problem"


async def test_a_steps_number_in_the_review_of_a_past_workshop(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#workshops").focus()
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+g", "6")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.step.key == "responsibilities"
    assert library.read(workshop_id).current_step == "context"  # a review moves nothing in the workshop


async def test_with_ten_steps_or_more_a_digit_waits_for_the_next(app_factory, plan: Plan) -> None:
    """In a plan of twelve steps "1" may begin "12": it is highlighted, and a second digit or Enter decides."""
    step = plan.step("problem")
    long_plan = replace(plan, steps=tuple(replace(step, key=f"step{n}") for n in range(1, 13)))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        chosen: list[str | None] = []
        for keys in (["1", "2"], ["1", "enter"], ["5"], ["1", "3"], ["1", "1"]):
            app.push_screen(StepPicker(long_plan, "step1", "en"), chosen.append)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
        # "1", "3": 13 is no step, so the 3 starts a new number, which is step 3.
        assert chosen == ["step12", "step1", "step5", "step3", "step11"]
