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
