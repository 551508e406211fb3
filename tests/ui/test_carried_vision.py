"""A follow-up's first step shows the vision the room agreed on last time, where its hint says to remind the room of
it: on the projector too, since it is said to the room."""

from __future__ import annotations

from darbnica.editing import Editor
from darbnica.followup import follow_up
from darbnica.model import Plan
from darbnica.plan import load_plans
from darbnica.store import Library
from tests.ui.test_words import screen_text

VISION = "Tūja — zaļš ciems, [b]kur[/b] jaunieši paliek"


def a_follow_up(library: Library, plan: Plan) -> tuple[str, str]:
    first = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", lang="lv")
    with Editor.open(library, first) as file:
        file.set_vision(VISION)
    follow_plan = load_plans(library.paths).get("follow-up-meeting")
    return first, follow_up(library, first, title="Tūja pēc mēneša", plan=follow_plan)


async def test_the_follow_up_s_first_step_reminds_the_room_of_the_vision(
    app_factory, library: Library, plan: Plan
) -> None:
    _, second = a_follow_up(library, plan)
    app = app_factory(workshop=second, lang="lv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "atgādiniet vīziju" in shown  # the hint that asks for it
        assert "Mūsu vīzija (kā vienojāmies)" in shown and VISION in shown  # markup stays text
        await pilot.press("f3")  # the projector view: hints gone, the vision still there
        await pilot.pause()
        shown = screen_text(app)
        assert "atgādiniet vīziju" not in shown and VISION in shown
        await pilot.press("f3", "pagedown")
        await pilot.pause()
        assert VISION not in screen_text(app)  # the next step is about what changed


async def test_a_workshop_with_a_vision_step_shows_it_there_only(app_factory, library: Library, plan: Plan) -> None:
    first, _ = a_follow_up(library, plan)
    app = app_factory(workshop=first, step="context", lang="lv")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert VISION not in screen_text(app)


def test_a_phone_sees_the_vision_with_the_follow_up_s_first_question(library: Library, plan: Plan) -> None:
    from darbnica.share.phone_page import PhoneView, render

    _, second = a_follow_up(library, plan)
    workshop = library.read(second)
    first, later = workshop.plan.steps[0], workshop.plan.steps[1]
    page = render(PhoneView("/t", "lv", workshop, first, form_token="f", ref="r"))
    assert "Mūsu vīzija (kā vienojāmies)" in page
    assert "Tūja — zaļš ciems, [b]kur[/b] jaunieši paliek" in page  # escaped text, not markup
    assert VISION not in render(PhoneView("/t", "lv", workshop, later, form_token="f", ref="r"))
