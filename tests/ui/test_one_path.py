"""One road for every change: a change made anywhere reaches every screen by itself; a slow disk never holds up
the keys, and the screen says what is still being saved."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from darbnica.store import Library
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.widgets.note_list import NoteList
from tests.ui.conftest import settle, type_into
from tests.ui.terminal import Terminal

SRC = Path(__file__).resolve().parents[2] / "src" / "darbnica"


def listed(app) -> list[str]:
    notes = app.screen.query_one("#notes", NoteList)
    return [str(notes.get_option_at_index(i).prompt).strip() for i in range(notes.option_count)]


async def test_a_change_made_outside_the_screen_shows_without_a_key(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, NotesScreen) and listed(app) == []
        app.editor.add_note("problem", "no telefona")  # as the phone server does: the editor, not the screen
        app.editor.set_details(title="Cits nosaukums")
        await pilot.pause()
        assert listed(app) == ["no telefona"]
        assert "Cits nosaukums" in str(app.screen.query_one("#step-header").render())
        app.editor.undo()
        app.editor.undo()
        await pilot.pause()
        assert listed(app) == []


async def test_a_slow_disk_never_holds_up_the_keys_and_the_field_says_saving(
    app_factory, library: Library, workshop_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    gate = {"open": False}

    def slow_fsync(fd: int) -> None:  # a disk that takes its time, until the test lets it finish
        for _ in range(500):
            if gate["open"]:
                break
            time.sleep(0.01)
        real_fsync(fd)

    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(os, "fsync", slow_fsync)
        await type_into(pilot, "#note-input", "pirmā")
        await type_into(pilot, "#note-input", "otrā")  # typed while the first is still being written
        field = app.screen.query_one("#note-input", Input)
        assert listed(app) == ["pirmā", "otrā"] and field.value == ""
        assert field.border_subtitle == "saving…"
        assert library.read(workshop_id).notes == ()  # not on disk yet: nobody was told otherwise
        gate["open"] = True
        await settle(pilot)
        assert field.border_subtitle is None
        assert [n.text for n in library.read(workshop_id).notes] == ["pirmā", "otrā"]


async def test_a_mistyped_tag_stays_in_the_input_with_a_message(app_factory, library, workshop_id) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        for typed in ("#str nav veikala", "#1 prioritāte", "#xyz kaut kas"):
            told = len(app._notifications)
            await type_into(pilot, "#note-input", typed)
            assert app.screen.query_one("#note-input", Input).value == typed
            # One short message, naming the word typed and the step's tags.
            (said,) = [str(n.message) for n in list(app._notifications)[told:]]
            assert f"“{typed.split()[0]}”" in said and "#need, #want" in said and len(said) < 120
        assert listed(app) == []
        await type_into(pilot, "#note-input", "#vel slidotava")  # no diacritics: still "vēlme"
        assert len(listed(app)) == 1 and listed(app)[0].endswith("slidotava")
    assert [(n.text, n.tag) for n in library.read(workshop_id).notes] == [("slidotava", "want")]


def test_a_follow_view_in_another_process_shows_a_change(app_factory, library: Library, workshop_id, data_home):
    from darbnica.editing import Editor

    follower = Terminal(["open", workshop_id, "--follow"], data_home, size=(120, 36))
    try:
        follower.wait_for("Tūjas nākotne")
        with Editor.open(library, workshop_id) as editor:  # the projector's darbnica, writing
            editor.go_to("problem")
            editor.add_note("problem", "redzams otrā logā")
        follower.wait_for("redzams otrā logā", timeout=10)  # it looks twice a second
    finally:
        follower.close()


def test_nothing_in_the_interface_writes_a_workshop_file_but_the_editor() -> None:
    """The screens change a workshop only through the editor: no module of ui/ touches the store's writer."""
    offenders = []
    for path in (SRC / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("WorkshopFile", "store.workshop", "._file", "atomic_write", ".save("):
            if needle in text:
                offenders.append(f"{path.relative_to(SRC)}: {needle}")
    assert offenders == []
