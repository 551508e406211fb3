"""The key footer of a step screen: it shows the keys that work where the cursor is, and keeps the keys it
already shows when a dialog on top of the screen closes."""

from __future__ import annotations

from darbnica.ui.screens.export import ExportDialog
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.footer import KeyFooter


def keys(screen) -> list:
    return list(screen.query_one(KeyFooter).query("FooterKey"))


def labels(screen) -> list[str]:
    return [f"{key.key_display} {key.description}" for key in keys(screen)]


async def test_the_footer_follows_the_focus_and_outlives_a_dialog(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.pause()
        in_input = labels(screen)
        assert "Ctrl+E Export" in in_input and "e Edit" not in in_input
        before = keys(screen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert keys(screen) == before  # the same keys: not made again
        assert labels(screen) == in_input
        await pilot.press("tab")  # to the note list, which has keys of its own
        await pilot.pause()
        assert "e Edit" in labels(screen) and "Ctrl+E Export" in labels(screen)


def on_screen(screen) -> list[str]:
    """The keys a person can read on the key line: the whole key inside the screen, not cut at its edge."""
    width = screen.app.size.width
    return [key.key_display for key in keys(screen) if key.region.width and key.region.right <= width]


async def test_every_key_of_the_step_and_the_note_list_is_on_the_key_line_at_every_size(
    app_factory, workshop_id: str
) -> None:
    for size in ((80, 24), (160, 45), (240, 67)):
        app = app_factory(workshop=workshop_id, step="problem", lang="lv")
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            await pilot.pause()
            assert {"F3", "F5", "F6", "F7", "F10", "Ctrl+E", "PgDn"} <= set(on_screen(screen)), size
            await pilot.press("tab")  # the note list: its own keys, g (a heading) and p (the top notes) among them
            await pilot.pause()
            shown = on_screen(screen)
            assert {"e", "g", "p", "v", "r", "+", "F3", "F7", "Ctrl+P"} <= set(shown), size
            assert len(shown) == len(keys(screen)), size


async def test_in_projector_view_one_short_message_at_a_time(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(160, 45)) as pilot:
        app.notify("before the room looked", timeout=30)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.projector_view and not list(app._notifications)
        for n in range(6):
            app.notify(f"message {n}", timeout=15)
            await pilot.pause()
        shown = list(app._notifications)
        assert [str(n.message) for n in shown] == ["message 5"]
        assert shown[0].timeout <= 4
        await pilot.press("f3")  # back to the facilitator's view: messages stack and stay as long as they asked
        app.notify("one", timeout=15)
        app.notify("two", timeout=15)
        await pilot.pause()
        assert [(str(n.message), n.timeout) for n in app._notifications][-2:] == [("one", 15), ("two", 15)]
        for said in ("three", "four", "five"):  # but no more than three: a stack of six hid the key line
            app.notify(said, timeout=15)
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["three", "four", "five"]


async def test_the_same_message_again_takes_the_place_of_the_one_shown(app_factory, workshop_id: str) -> None:
    # PgUp pressed again on the first step said "This is the first step." three times over, hiding the fields.
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("other", timeout=15)
        await pilot.pause()
        for _ in range(4):
            await pilot.press("pageup")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["other", "This is the first step."]
