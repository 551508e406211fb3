"""The responsibilities step at the sizes a hall has: every column of the table on screen at 80×24, its headings
whole, fields wide enough to read a sentence at 160×45, and a half-typed task kept when the app quits."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import DataTable, Input

from darbnica.editing import Editor
from darbnica.store import Library
from tests.ui.conftest import type_into

LONG = "Piezvanīt pašvaldībai un sarunāt tikšanos ar ceļu dienestu"


async def test_every_column_of_the_tasks_is_on_screen_and_the_fields_fit_a_sentence(
    app_factory, library: Library, workshop_id: str
) -> None:
    with Editor.open(library, workshop_id) as editor:
        editor.add_action(
            "Salabot autobusu pieturu pie skolas", who="Jānis Bērziņš", due="līdz Jāņiem", first_step=LONG
        )
    for size in ((80, 24), (160, 45), (240, 67)):
        app = app_factory(workshop=workshop_id, step="responsibilities", lang="lv")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#actions", DataTable)
            assert [str(column.label) for column in table.columns.values()][-1] == "Statuss"
            # Nothing to scroll sideways to: the first step and the status are there with the rest.
            assert table.virtual_size.width <= table.scrollable_content_region.width, size
            assert table.region.right <= size[0]
            # Each heading whole over its column ("Līdz kuram laikam" was "Līdz kuram l" at 80 columns).
            for column in table.columns.values():
                assert cell_len(str(column.label)) <= column.width, (size, str(column.label))
            if size != (80, 24):
                for name in ("what", "first_step"):
                    assert app.screen.query_one(f"#{name}", Input).content_region.width > len(LONG) // 2 + 10, size
                assert app.screen.query_one("#first_step", Input).content_region.width > len(LONG), size


async def test_a_half_typed_task_is_there_again_after_quitting(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="responsibilities")
    async with app.run_test(size=(160, 45)) as pilot:
        await type_into(pilot, "#what", "Salabot soliņu", submit=False)
        await type_into(pilot, "#due", "rudenī", submit=False)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not library.read(workshop_id).actions
    again = app_factory(workshop=workshop_id, step="responsibilities")
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        typed = {name: again.screen.query_one(f"#{name}", Input).value for name in ("what", "who", "due", "first_step")}
        assert typed == {"what": "Salabot soliņu", "who": "", "due": "rudenī", "first_step": ""}
        await pilot.press("enter")  # the task goes in; the kept copy goes with it
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    workshop = library.read(workshop_id)
    assert [(a.what, a.due) for a in workshop.actions] == [("Salabot soliņu", "rudenī")]
    assert "responsibilities" not in workshop.drafts
