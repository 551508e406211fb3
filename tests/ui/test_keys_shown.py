"""A key is written one way everywhere: the key line, the key help and the README say "Ctrl+E", never "^e"."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Footer

from darbnica.ui.keys import key_text

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


async def test_the_key_line_writes_keys_as_the_help_and_the_readme_do(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        shown = [
            app.get_key_display(active.binding) for active in app.screen.active_bindings.values() if active.binding.show
        ]
        assert shown and all(not key.startswith("^") for key in shown)
        assert "Ctrl+E" in shown and "PgDn" in shown
        footer = " ".join(str(w.render()) for w in app.screen.query_one(Footer).query("*"))
        assert "Ctrl+E" in footer and "^e" not in footer
        for active in app.screen.active_bindings.values():
            assert app.get_key_display(active.binding) == key_text(active.binding)


def test_the_readme_writes_keys_the_same_way() -> None:
    table = README.split("### Keys", 1)[1].split("###", 1)[0]
    assert not re.search(r"\^[A-Za-z]\b", table)  # no caret notation
    for key in ("Ctrl+E", "Ctrl+Z", "Ctrl+Y", "PgDn", "PgUp", "F5", "Esc"):
        assert key in table
