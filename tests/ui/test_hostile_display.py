"""Hostile text typed or pasted into the app: stored as cleaned, shown literally, a megabyte refused with a message.
(What reaches a real terminal is checked byte for byte in test_terminal_output.py.)"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from darbnica.store import Library
from darbnica.text import NOTE_LIMIT, clean_line
from darbnica.ui.screens.context import COUNT_DIGITS
from darbnica.ui.screens.notes import NotesScreen
from tests.hostile import PIECES
from tests.ui.conftest import messages, settle

# Each piece alone (those that clean to nothing are refused, not shown), and all of them together in a few notes.
SAMPLES = [piece for piece in PIECES if clean_line(piece)] + ["Tūja " + " ".join(PIECES[i::4]) for i in range(4)]

MEGABYTE = "ā" * 500_000  # a million bytes of UTF-8


async def test_every_hostile_note_is_shown_exactly_as_stored(app_factory, library: Library, workshop_id: str) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        field = screen.query_one("#note-input", Input)
        for sample in SAMPLES:
            field.focus()
            field.value = "#" + sample if sample.startswith("#") else sample  # "##" starts a note with "#"
            await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and field.value == ""
        await settle(pilot)
        notes = library.read(workshop_id).notes
        assert [n.text for n in notes] == [clean_line(s) for s in SAMPLES]
        # Each note is followed by a blank line on a tall screen (spacing for the back row): layout, not text.
        options = range(screen.note_list.option_count)
        shown = [str(screen.note_list.get_option_at_index(i).prompt).removesuffix("\n") for i in options]
        assert shown == [n.text for n in notes]  # literally: markup such as [bold] or [@click=…] is only text
        assert "[@click=app.quit]" in shown and "<script>alert(1)</script>" in shown


async def test_a_megabyte_paste_is_refused_and_a_long_vision_held(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = app_factory(workshop=workshop_id, step="vision")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        note_input = screen.query_one("#note-input", Input)
        note_input.focus()
        app.post_message(events.Paste(MEGABYTE))  # as the terminal driver delivers a paste
        await pilot.pause()
        assert note_input.value == "" and "500000 characters" in messages(app)[-1]

        # The vision takes any paste (a TextArea has no limit; a megabyte takes Textual seconds to lay out, so
        # this one is only too long) and says when it is too long to keep.
        statement = screen.query_one("#statement", TextArea)
        statement.focus()
        await pilot.pause()
        app.post_message(events.Paste("ā" * 3000))
        await pilot.pause()
        assert "3000 characters; the limit is 2000" in messages(app)[-1]
        assert statement.has_class("unsaved") and statement.text == "ā" * 3000  # kept on screen, marked
        await pilot.press("pagedown")
        assert app.screen is screen  # not left while it cannot be saved
        statement.text = MEGABYTE[:100]
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.screen is not screen
    assert library.read(workshop_id).vision == MEGABYTE[:100]


async def test_keys_typed_into_a_full_note_say_once_that_they_were_not_added(
    app_factory, library: Library, workshop_id: str
) -> None:
    app = app_factory(workshop=workshop_id, step="problem")
    async with app.run_test(size=(120, 40)) as pilot:
        field = app.screen.query_one("#note-input", Input)
        field.focus()
        field.value = "ā" * (NOTE_LIMIT - 2)
        field.cursor_position = len(field.value)
        await pilot.press("x", "y")  # the last two that fit: nothing said
        assert field.value.endswith("xy") and not full(app)
        await pilot.press(*"zzzz")  # held down past the end: not added, and said once, not four times
        assert len(field.value) == NOTE_LIMIT and len(full(app)) == 1
        assert "1000 characters" in full(app)[0] and "not added" in full(app)[0]
        await pilot.press("enter")
        await settle(pilot)
        assert library.read(workshop_id).notes[-1].text == "ā" * (NOTE_LIMIT - 2) + "xy"

        # Filled again, to the very same text: it says so again (once), after Enter had emptied it.
        app.clear_notifications()
        field.value = "ā" * (NOTE_LIMIT - 2)
        field.cursor_position = len(field.value)
        await pilot.press(*"xyzz")
        assert len(field.value) == NOTE_LIMIT and len(full(app)) == 1


async def test_a_letter_in_a_number_field_is_refused_by_its_type_and_a_digit_past_its_end_is_said(
    app_factory, workshop_id: str
) -> None:
    app = app_factory(workshop=workshop_id, step="context")
    async with app.run_test(size=(120, 40)) as pilot:
        count = app.screen.query_one("#new-count", Input)
        count.focus()
        await pilot.press("q", "4")
        assert count.value == "4" and not full(app)  # "q" is no number: the bell, and no word of being full
        count.value = ""
        await pilot.press(*"1" * (COUNT_DIGITS + 2))
        assert count.value == "1" * COUNT_DIGITS and len(full(app)) == 1


def full(app) -> list[str]:
    return [message for message in messages(app) if "field is full" in message]
