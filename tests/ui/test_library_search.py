"""The library's word search with the full-text index: made again in the background when it is lost, with its
progress shown, while typing still finds everything by reading the files; and without FTS5 at all."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.sample import generate
from darbnica.store import Library, index
from darbnica.ui.screens.home import HomeScreen
from tests.ui.conftest import until


def status(app) -> str:
    return str(app.screen.query_one("#library-status").render())


def lose_index(library: Library) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{library.paths.search_index}{suffix}").unlink(missing_ok=True)


async def test_a_lost_index_is_made_again_with_progress_and_typing_finds_words_meanwhile(
    app_factory, library: Library, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = generate(library, plan, count=80, notes=10, seed=4)
    only = made.ids[10]
    with Editor.open(library, only) as editor:
        editor.add_note("problem", "Kaļķakmens pie dzirnavām")
    lose_index(library)
    read = index.read_terms

    def slowly(path: Path):  # a slow disk: reading the 80 files takes a good second
        time.sleep(0.015)
        return read(path)

    monkeypatch.setattr(index, "read_terms", slowly)
    monkeypatch.setattr(index, "BATCH", 4)
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await until(pilot, lambda: "preparing to search the notes…" in status(app))
        assert not screen.indexed
        screen.query_one("#filter", Input).value = "kalkakm"
        await until(pilot, lambda: screen.searched == "kalkakm")  # found in the file, the index not ready yet
        assert screen.table.keys == [only]
        await until(pilot, lambda: screen.indexed, seconds=20)
        assert "preparing" not in status(app)
        assert library.index.stale(library.listing().entries) == []
        screen.query_one("#filter", Input).value = "KAĻĶ dzirnav"
        await until(pilot, lambda: screen.searched == "KAĻĶ dzirnav")
        assert screen.table.keys == [only]


async def test_without_fts5_the_library_still_finds_words_in_notes(
    app_factory, library: Library, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MODULE", "fts5_not_built_in")
    ids = generate(library, plan, count=5, notes=3, seed=4).ids
    with Editor.open(library, ids[2]) as editor:
        editor.add_note("problem", "Kaļķakmens pie dzirnavām")
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.query_one("#filter", Input).value = "kalkakm"
        await until(pilot, lambda: screen.searched == "kalkakm")
        assert screen.table.keys == [ids[2]] and not screen.indexed


async def test_back_from_a_workshop_found_by_its_words_the_list_still_shows_it(
    app_factory, library: Library, plan: Plan
) -> None:
    # Back from the workshop found, the list was read again and showed "0 of 80" until the words were searched
    # again; a workshop no longer found (its note deleted meanwhile) goes once that search is done.
    made = generate(library, plan, count=80, notes=5, seed=5)
    kept, changed = made.ids[3], made.ids[7]
    for workshop_id in (kept, changed):
        with Editor.open(library, workshop_id) as editor:
            editor.add_note("problem", "Zivjukūpinātava pie ostas")
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await until(pilot, lambda: screen.indexed, seconds=20)
        screen.query_one("#filter", Input).value = "zivjuk"
        await until(pilot, lambda: screen.searched == "zivjuk")
        assert sorted(screen.table.keys) == sorted([kept, changed])
        for workshop_id, delete in ((kept, False), (changed, True)):
            assert app.open_workshop(workshop_id, "problem")
            await pilot.pause()
            if delete:
                app.editor.delete_note(app.editor.workshop.notes_in("problem")[-1])
            assert app.close_workshop()
            # Looked at as the library comes back, before anything else runs: the words' search has only been asked
            # for again (a pause here let a fast machine finish it, and the deleted one was rightly gone).
            assert workshop_id in screen.table.keys  # still listed while the words are searched again
            await until(pilot, lambda: screen.searched == "zivjuk")
        assert screen.table.keys == [kept]
