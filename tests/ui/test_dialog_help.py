"""Each dialog's line of keys ("… · Esc cancels") is read whole at 80 columns: it wraps, it is never cut."""

from __future__ import annotations

import pytest

from darbnica.model import Plan
from darbnica.ui.screens.dialogs import GroupPicker, StepPicker, TextDialog
from tests.ui.test_words import screen_text


@pytest.mark.parametrize("lang", ["lv", "en"])
async def test_the_keys_under_each_dialog_wrap_whole_at_80_columns(app_factory, plan: Plan, lang: str) -> None:
    app = app_factory(lang=lang)
    dialogs = {
        "groups.help": lambda: GroupPicker((), None),
        "dialog.step_help": lambda: StepPicker(plan, plan.steps[0].key, lang),
        "dialog.enter_escape": lambda: TextDialog(app.t("notes.edit_title"), "Tūja"),
    }
    async with app.run_test(size=(80, 24)) as pilot:
        for key, make in dialogs.items():
            await app.push_screen(make())
            await pilot.pause()
            # What the screen shows inside the dialog's border, line by line, as one text.
            shown = " ".join(line.strip(" █▀▄▊▎").strip() for line in screen_text(app).splitlines())
            assert app.t(key) in " ".join(shown.split()), key
            app.pop_screen()
            await pilot.pause()
