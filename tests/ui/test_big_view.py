"""What the back row must read, as large as the screen allows: the agreed vision (Ctrl+B) and the top notes (p),
each note with a bar as long as its dots."""

from __future__ import annotations

import pytest
from textual import events

from darbnica.editing import Editor
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.big_view import BigText, BigTextScreen
from darbnica.ui.screens.top_notes import TopNotes, TopNotesScreen
from darbnica.ui.widgets.note_list import NoteList
from tests.ui.conftest import settle
from tests.ui.test_words import screen_text

VISION = "Tūja — zaļš ciems, kur jaunieši paliek"
BLOCKS = set("▀▄█")


def rows_with_letters(text: str) -> int:
    return sum(1 for line in text.splitlines() if BLOCKS & set(line))


async def test_the_vision_fills_the_screen_in_block_letters(app_factory, library: Library, workshop_id: str) -> None:
    with Editor.open(library, workshop_id) as file:
        file.set_vision(VISION)
    for size in ((80, 24), (160, 45), (240, 67)):
        app = app_factory(workshop=workshop_id, step="vision", lang="lv")
        async with app.run_test(size=size) as pilot:
            await pilot.press("ctrl+b")  # from the statement being typed, too
            await pilot.pause()
            assert isinstance(app.screen, BigTextScreen)
            big = app.screen.query_one(BigText)
            assert big.has_class("-big"), size
            drawn = str(big.render())
            assert rows_with_letters(drawn) >= size[1] // 2, size  # at least half the screen's height
            assert "Mūsu vīzija (kā vienojāmies)" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, BigTextScreen)
            assert app.editor is not None and app.editor.workshop.vision == VISION  # nothing typed by the keys


async def test_the_big_views_show_no_message_said_before(app_factory, library: Library, workshop_id: str) -> None:
    # A message to the facilitator ("Saved to …") was left over the vision the back row reads.
    with Editor.open(library, workshop_id) as file:
        file.set_vision(VISION)
        file.set_votes(file.add_note("vision", "Vilciens"), 2)
    app = app_factory(workshop=workshop_id, step="vision", lang="lv")
    async with app.run_test(size=(160, 45)) as pilot:
        for keys in (["ctrl+b"], ["down", "p"]):
            app.notify("Saglabāts: /home/ilze/kopsavilkums.html")
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, (BigTextScreen, TopNotesScreen)), keys
            assert list(app._notifications) == [], keys
            await pilot.press("escape")
            await pilot.pause()


async def test_the_big_vision_is_offered_only_where_the_vision_is(app_factory, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem", lang="lv")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not isinstance(app.screen, BigTextScreen)


async def test_top_notes_fill_the_screen_with_bars_sized_by_their_dots(
    app_factory, library: Library, workshop_id: str
) -> None:
    with Editor.open(library, workshop_id) as file:
        for text, votes in (("Autobuss", 8), ("Slidotava", 4), ("Jauniešu telpa", 2)):
            note = file.add_note("problem", text)
            file.set_votes(note, votes)
    for size in ((80, 24), (160, 45), (240, 67)):
        app = app_factory(workshop=workshop_id, step="problem", lang="lv")
        async with app.run_test(size=size) as pilot:
            app.screen.query_one("#notes").focus()
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, TopNotesScreen)
            top = app.screen.query_one(TopNotes)
            lines = str(top.render()).splitlines()
            bars = [line for line in lines if "●" in line]
            counts = [line.split("●")[1].strip() for line in bars]
            assert sorted(set(counts), key=int, reverse=True) == ["8", "4", "2"], size
            length = {count: line.count("█") for line, count in zip(bars, counts, strict=True)}
            assert length["8"] >= 2 * length["4"] - 1 and length["4"] >= 2 * length["2"] - 1, size  # as the dots
            assert length["8"] >= top.content_size.width // 2, size
            if size != (80, 24):
                assert top.has_class("-big") and rows_with_letters("\n".join(lines)) >= size[1] // 2, size


async def test_the_question_and_the_timer_grow_with_the_screen_the_timer_never_beyond_the_question(
    app_factory, workshop_id: str
) -> None:
    from darbnica.ui.widgets.step_header import Question

    seen = {}
    for size in ((80, 24), (120, 36), (160, 45), (240, 67)):
        app = app_factory(workshop=workshop_id, step="problem", lang="lv")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            question = app.screen.query_one(Question).content_size.height
            timer = app.screen.query_one("#timer-digits")
            assert timer.content_size.height <= question, size  # at 80×24 the timer was 3 rows, the question 1
            seen[size] = (question, timer.content_size.height)
    heights = [question for question, _ in seen.values()]
    assert heights == sorted(heights) and heights[-1] >= 67 // 4  # at 240×67 a quarter of the screen, not 4 rows
    assert seen[(240, 67)][1] > 3  # larger than the thin 3-row digits


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("step", ["context", "problem", "future", "vision", "principles", "actions", "closing"])
async def test_at_240_by_67_no_step_s_timer_is_a_line_of_text(app_factory, workshop_id: str, step: str, lang: str):
    app = app_factory(workshop=workshop_id, step=step, lang=lang)
    async with app.run_test(size=(240, 67)) as pilot:
        await pilot.pause()
        # The closing step's long question took two giant lines, and left its timer one line of text in a corner.
        assert app.screen.query_one("#timer-digits").content_size.height >= 3  # digits, block or thin


def a_wall_of_notes(app_factory, library: Library, workshop_id: str) -> DarbnicaApp:
    """The app opening on the problem step of a workshop with 80 notes on it, more than any screen shows."""
    with Editor.open(library, workshop_id) as file:
        file.add_notes("problem", [f"Piezīme {n}" for n in range(1, 81)])
    return app_factory(workshop=workshop_id, step="problem", lang="lv")


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (240, 67)], ids=["80x24", "160x45", "240x67"])
async def test_a_step_opens_with_its_newest_note_in_view(
    app_factory, library: Library, workshop_id: str, size: tuple[int, int]
) -> None:
    app = a_wall_of_notes(app_factory, library, workshop_id)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert "Piezīme 80" in screen_text(app)  # the room sees what was said last, as when it was typed
        await pilot.press("pagedown", "pageup")  # and so when the step is shown again
        await settle(pilot)
        assert "Piezīme 80" in screen_text(app)


async def test_a_list_scrolled_with_the_wheel_stays_there_when_the_screen_changes_size(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = a_wall_of_notes(app_factory, library, workshop_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = app.screen.query_one(NoteList)
        newest = notes.scroll_y
        for _ in range(5):  # the facilitator reads back up the wall with the mouse wheel
            notes.post_message(events.MouseScrollUp(notes, 1, 1, 0, 0, 0, False, False, False))
        await settle(pilot)
        read_to = notes.scroll_y
        assert read_to < newest
        await pilot.press("f2")  # the hints go: the list grows, and is not sent back to the newest note
        await settle(pilot)
        assert notes.scroll_y == read_to and "Piezīme 80" not in screen_text(app)


async def test_notes_let_in_together_bring_the_newest_into_view(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = a_wall_of_notes(app_factory, library, workshop_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.editor is not None
        # As the phones' queue lets several notes in at once (A: approve all), while the room watches the wall.
        app.editor.add_notes("problem", ["No tālruņa 1", "No tālruņa 2", "No tālruņa 3"])
        await settle(pilot)
        assert "No tālruņa 3" in screen_text(app)
