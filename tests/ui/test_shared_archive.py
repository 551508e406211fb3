"""Another laptop's workshop in a shared archive: reviewed read only here, its tasks' statuses recorded beside it,
taken over on purpose."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from darbnica.model import Plan, Status
from darbnica.store import Library
from darbnica.ui.screens.manage import ConfirmDialog
from darbnica.ui.screens.responsibilities import ResponsibilitiesScreen
from darbnica.ui.screens.review import ReviewScreen
from darbnica.ui.screens.step import StepScreen
from tests.ui.conftest import messages, settle, until


def made_elsewhere(library: Library, plan: Plan) -> str:
    """A workshop with one task made on this data folder, which then becomes laptop "skola-9f8e": another laptop."""
    from darbnica.editing import Editor

    workshop_id = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14")
    with Editor.open(library, workshop_id) as editor:
        editor.add_action("Sarunāt autobusu", who="Jānis")
    (library.paths.data / "device.txt").write_text("skola-9f8e\n", encoding="ascii")
    return workshop_id


async def test_another_laptops_workshop_opens_read_only_until_taken_over(app_factory, library: Library, plan: Plan):
    workshop_id = made_elsewhere(library, plan)
    owner = library.read(workshop_id).device
    before = library.path_of(workshop_id).read_bytes()
    app = app_factory(workshop=workshop_id)  # `darbnica open` it
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.editor is None
        assert any("shown read only" in m and owner in m for m in messages(app))
        banner = str(app.screen.query_one("#review-banner", Static).render())
        assert f"the workshop of laptop {owner}" in banner and "t take it over" in banner
        await pilot.press("e")  # continuing it is not offered (the footer offers t instead)
        await pilot.pause()
        assert app.editor is None and isinstance(app.screen, ReviewScreen)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Enter alone cancels
        assert isinstance(app.screen, ReviewScreen) and not library.paths.events.exists()
        await pilot.press("t")
        await pilot.click("#confirm")
        await pilot.pause()
        assert any("is this laptop's now" in m for m in messages(app))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, StepScreen))
        assert app.editor is not None and app.editor.workshop.device == library.device
        app.editor.add_notes("problem", ["rakstīts šeit"])
        await settle(pilot)
    written = library.path_of(workshop_id).read_bytes()  # written here now, naming its new owner
    assert written != before and library.device.encode() in written


async def test_a_status_of_another_laptops_task_is_recorded_beside_its_file(app_factory, library: Library, plan: Plan):
    workshop_id = made_elsewhere(library, plan)
    before = library.path_of(workshop_id).read_bytes()
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "a")
        assert isinstance(app.screen, ResponsibilitiesScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("s")
        await pilot.pause()
        assert any("Recorded beside the workshop of laptop" in m for m in messages(app))
    assert library.path_of(workshop_id).read_bytes() == before
    assert library.read(workshop_id).actions[0].status is Status.IN_PROGRESS
    assert len(list(library.paths.events.iterdir())) == 1
