"""`darbnica open WORKSHOP --step X` records the step; the follow view never keeps showing a step the room has
left; the library sees workshops made meanwhile from the command line."""

from __future__ import annotations

import os

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.paths import Paths
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.follow import FollowScreen
from tests.ui.conftest import settle, until


async def test_opening_at_a_step_records_it(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="vision")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert library.read(workshop_id).current_step == "vision"  # a follower, or the next start, sees it now
    assert library.read(workshop_id).current_step == "vision"


async def test_the_follow_view_sees_a_step_change_that_keeps_the_file_s_time_and_size(
    library: Library, workshop_id: str
) -> None:
    """A file system with a coarse clock (FAT on a USB stick, many network shares) can give the next write the
    same modification time; "future" and "vision" are as long, so the file keeps its size too."""
    path = library.path_of(workshop_id)
    with Editor.open(library, workshop_id) as file:
        file.go_to("future")
    app = DarbnicaApp(library.paths, lang="en", workshop=workshop_id, follow=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, FollowScreen) and screen.step.key == "future"
        before = os.stat(path)
        with Editor.open(library, workshop_id) as file:
            file.go_to("vision")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(path).st_size == before.st_size
        await screen.check()
        await pilot.pause()
        assert screen.step.key == "vision"


async def test_the_follow_view_sees_a_file_rewritten_in_place_in_the_same_clock_tick(
    library: Library, workshop_id: str
) -> None:
    """A copy or a sync that rewrites the file in place keeps its inode; with a coarse clock its time stays too."""
    path = library.path_of(workshop_id)
    with Editor.open(library, workshop_id) as file:
        file.go_to("future")
    app = DarbnicaApp(library.paths, lang="en", workshop=workshop_id, follow=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, FollowScreen) and screen.step.key == "future"
        before = os.stat(path)
        data = path.read_bytes()
        assert data.count(b'"current_step":"future"') == 1
        path.write_bytes(data.replace(b'"current_step":"future"', b'"current_step":"vision"'))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (os.stat(path).st_ino, os.stat(path).st_size) == (before.st_ino, before.st_size)
        await screen.check()
        await pilot.pause()
        assert screen.step.key == "vision"


async def test_the_open_library_lists_a_workshop_made_meanwhile_from_the_command_line(
    app_factory, workshop_id: str, plan: Plan, paths: Paths
) -> None:
    from darbnica.ui.screens.home import HomeScreen

    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        before = home.table.row_count
        made = Library(paths).create(title="Stūru svētki", plan=plan, place="Stūri")  # `darbnica new`, elsewhere

        await until(pilot, lambda: made in [e.id for e in home.entries])  # the library looks every 2 s
        await pilot.pause()
        assert home.table.row_count == before + 1 and made in [e.id for e in home.shown()]
        Library(paths).delete(made)  # `darbnica delete`, elsewhere
        await until(pilot, lambda: made not in [e.id for e in home.entries])
        await pilot.pause()
        assert home.table.row_count == before


async def test_back_from_a_workshop_the_library_shows_what_the_command_line_changed_meanwhile(
    app_factory, library: Library, plan: Plan, paths: Paths
) -> None:
    from darbnica.ui.screens.home import HomeScreen

    kept = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14")
    gone = library.create(title="Jūras ciems", plan=plan, place="Salacgrīva", date="2026-05-02")
    opened = library.create(title="Ainažu darbnīca", plan=plan, place="Ainaži", date="2025-11-20")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.open_workshop(opened)
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        elsewhere = Library(paths)  # another terminal, while the workshop is open here
        made = elsewhere.create(title="Stūru svētki", plan=plan, place="Stūri", date="2026-01-10")
        elsewhere.delete(gone)
        with Editor.open(elsewhere, kept) as file:
            file.add_note("problem", "Nav autobusa svētdienās")
            file.add_note("problem", "Tilts ir par šauru")

        app.close_workshop()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.table
        assert table.keys == [kept, made, opened]
        row = table.render_line(1).text  # the newest workshop, under the heading
        assert "Tūjas nākotne" in row and row.split()[-2:] == ["2", "–"]  # its two notes, no open task
        assert str(home.query_one("#library-status").render()).startswith(app.t("library.count", shown=3, total=3))
