"""No field selects its text when it gets the focus, every change typed into a field is one Ctrl+Z away, and a group
half added on the context step is neither lost nor counted unasked."""

from __future__ import annotations

from textual.widgets import Input, Static

from darbnica.store import Library
from darbnica.ui.screens.context import DETAILS, ContextScreen
from tests.ui.conftest import settle, type_into


async def test_the_first_key_in_a_filled_field_adds_to_it_and_ctrl_z_takes_it_back(
    app_factory, library: Library, workshop_id: str
) -> None:
    before = library.read(workshop_id)
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, ContextScreen)
        for name in DETAILS:
            field = app.screen.query_one(f"#{name}", Input)
            typed = getattr(before, name)
            assert field.value == typed
            field.focus()
            await pilot.pause()
            assert field.selection.is_empty  # nothing selected, so nothing replaced by the next key
            await pilot.press("9" if name == "date" else "X")
            await settle(pilot)
            if name != "date":  # a date with an extra digit is not yet a date: kept in the field, not saved
                assert getattr(library.read(workshop_id), name) == typed + "X"
                await pilot.press("ctrl+z")
                await settle(pilot)
                assert getattr(library.read(workshop_id), name) == typed
                assert field.value == typed
        count = app.screen.query_one("#count-0", Input)
        count.focus()
        await pilot.press("7")
        await settle(pilot)
        assert library.read(workshop_id).people == 7
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert library.read(workshop_id).people == 0 and count.value == ""


async def test_a_change_handled_after_the_next_keys_keeps_them(app_factory, library: Library, workshop_id: str) -> None:
    # Typed fast, the field already holds the next digits (or letters) when the message of the first arrives: the
    # field as it is now is saved, and nothing is written back over what was typed behind it.
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, ContextScreen)
        count, place = screen.query_one("#count-0", Input), screen.query_one("#place", Input)
        with app.prevent(Input.Changed):
            count.value, place.value = "12", "Tūja, Liepupe"
        screen.count_changed(Input.Changed(count, "1"))  # the message of the first digit, late
        screen.detail_changed(Input.Changed(place, "Tūja,"))
        await settle(pilot)
        assert (count.value, place.value) == ("12", "Tūja, Liepupe")
    saved = library.read(workshop_id)
    assert saved.people == 12 and saved.place == "Tūja, Liepupe"


async def test_a_group_half_added_is_said_to_wait_for_enter_and_kept_when_the_app_closes(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = app_factory(workshop=workshop_id, step="context", lang="lv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        total = app.screen.query_one("#total", Static)
        assert "Enter pievieno grupu" not in str(total.render())
        await type_into(pilot, "#new-group", "Skolēni", submit=False)
        await type_into(pilot, "#new-count", "12", submit=False)
        # Not counted yet, and the screen says what counts it.
        assert str(total.render()) == "Kopā: 0 · Enter pievieno grupu"
        await pilot.press("pagedown", "pageup")  # on to the next step and back: still there
        await settle(pilot)
        assert app.screen.query_one("#new-group", Input).value == "Skolēni"
        await type_into(pilot, "#new-count", "123", submit=False)  # changed, and the app closed on this step:
        await pilot.press("ctrl+q")  # the group is not lost, nor added unasked
        await settle(pilot)
    assert library.read(workshop_id).headcounts == ()
    app = app_factory(workshop=workshop_id, step="context", lang="lv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#new-group", Input).value == "Skolēni"
        assert screen.query_one("#new-count", Input).value == "123"
        screen.query_one("#new-count", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert str(screen.query_one("#total", Static).render()) == "Kopā: 123"
    workshop = library.read(workshop_id)
    assert [(h.group, h.count) for h in workshop.headcounts] == [("Skolēni", 123)] and "context" not in workshop.drafts


async def test_a_date_half_typed_is_kept_when_the_app_closes(app_factory, library: Library, workshop_id: str) -> None:
    before = library.read(workshop_id).date
    app = app_factory(workshop=workshop_id, step="context", lang="lv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await type_into(pilot, "#date", "2027-04", submit=False)  # not a whole date yet: the workshop keeps its own
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert library.read(workshop_id).date == before
    app = app_factory(workshop=workshop_id, step="context", lang="lv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#date", Input)
        assert field.value == "2027-04" and field.has_class("invalid")  # as it was typed, still said to be unfinished
        field.focus()
        field.cursor_position = len(field.value)
        await pilot.press("minus", "0", "9")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    workshop = library.read(workshop_id)
    assert workshop.date == "2027-04-09" and "context" not in workshop.drafts


def test_a_kept_form_draft_gives_back_only_its_own_fields() -> None:
    from darbnica.ui.screens.step import draft_fields

    names = ("what", "who")
    assert draft_fields('{"what": "Tilts", "who": "Anna", "when": "x", "extra": 3}', names) == {
        "what": "Tilts",
        "who": "Anna",
    }
    # A draft kept before the form had more than one field: what was typed, in the field named for it.
    assert draft_fields("Salabot tiltu", names, plain="what") == {"what": "Salabot tiltu"}
    # Damaged or of another shape, where no field takes plain text: nothing, never an error.
    assert draft_fields("Salabot tiltu", names) == {} == draft_fields('["what"]', names) == draft_fields("  ", names)
    assert draft_fields('{"what": ["a"], "who": null}', names) == {}


async def test_an_empty_count_is_not_drawn_as_a_mistake(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="context", lang="lv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        count = app.screen.query_one("#new-count", Input)
        count.focus()
        await pilot.press("tab")  # left empty: Textual's integer field marked itself invalid (a pink border)
        await settle(pilot)
        assert count.value == "" and not count.has_class("-invalid")
        count.focus()
        await pilot.press("x", "tab")  # a letter is refused as typed: still nothing to mark
        await settle(pilot)
        assert count.value == "" and not count.has_class("-invalid")
