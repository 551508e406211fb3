"""In a shared archive the library and the responsibilities view name each workshop's laptop; a laptop alone sees
no such column."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.store import Library
from darbnica.ui.screens.responsibilities import ResponsibilitiesScreen
from tests.ui.conftest import until


def drawn(widget) -> str:
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def table_fits(table) -> bool:
    return table.virtual_size.width <= table.size.width


def two_laptops(library: Library, plan: Plan) -> tuple[str, str]:
    """One workshop made on laptop "skola-9f8e", one on this laptop ("muiza-1a2b"), each with a task."""
    made = []
    library.paths.data.mkdir(parents=True, exist_ok=True)
    for device, title in (("skola-9f8e", "Tūjas nākotne"), ("muiza-1a2b", "Jūras ciems")):
        (library.paths.data / "device.txt").write_text(f"{device}\n", encoding="ascii")
        workshop_id = library.create(title=title, plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze")
        with Editor.open(library, workshop_id) as editor:
            editor.add_action("Sarunāt autobusu", who="Jānis", due="2026-06-01")
        made.append(workshop_id)
    return made[0], made[1]


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_each_workshops_laptop_is_named_where_there_are_several(
    app_factory, library: Library, plan: Plan, size: tuple[int, int]
) -> None:
    two_laptops(library, plan)
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        table = app.screen.query_one("#workshops")
        await until(pilot, lambda: "Tūjas nākotne" in drawn(table))
        shown = drawn(table)
        assert table_fits(table)
        assert "Laptop" in shown and "skola-9f8e" in shown and "this one" in shown
        assert "Tūjas nākotne" in shown and "Jūras ciems" in shown  # the titles still fit, whole
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        tasks = app.screen.query_one("#tasks")
        await until(pilot, lambda: "Sarunāt" in drawn(tasks))
        shown = drawn(tasks)
        assert "Laptop" in shown and "skola-9f8e" in shown and "this one" in shown
        assert table_fits(tasks)  # nothing scrolls sideways
        # What was promised stays readable beside it: whole, on one line or wrapped over two.
        assert shown.count("Sarunāt") == 2 and shown.count("autobusu") == 2 and "…" not in shown


async def test_a_laptop_alone_sees_no_laptop_column(app_factory, library: Library, plan: Plan) -> None:
    workshop_id = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14")
    with Editor.open(library, workshop_id) as editor:
        editor.add_action("Sarunāt autobusu", who="Jānis")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#workshops")
        await until(pilot, lambda: "Tūjas nākotne" in drawn(table))
        assert "Laptop" not in drawn(table)
        await pilot.press("tab", "a")
        tasks = app.screen.query_one("#tasks")
        await until(pilot, lambda: "Sarunāt" in drawn(tasks))
        assert "Laptop" not in drawn(tasks)


async def test_a_deadline_in_words_is_read_whole_in_the_list_of_all_tasks(
    app_factory, library: Library, plan: Plan
) -> None:
    workshop_id = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14")
    with Editor.open(library, workshop_id) as editor:
        editor.add_action("Sarunāt autobusu", who="Jānis", due="kad pašvaldība piešķirs naudu")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "a")
        tasks = app.screen.query_one("#tasks")
        await until(pilot, lambda: "Sarunāt" in drawn(tasks))
        shown = drawn(tasks)
        assert "…" not in shown and table_fits(tasks)  # wrapped over lines, not cut
        assert all(word in shown for word in "kad pašvaldība piešķirs naudu".split())
