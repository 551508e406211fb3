import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from darbnica.errors import InvalidInput
from darbnica.text import NOTE_LIMIT, checked, clean_line, clean_lines, display


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Nav autobusa  ", "Nav autobusa"),
        ("two\nlines\r\nhere", "two lines here"),
        ("escape \x1b[2J\x1b[H here", "escape here"),  # each sequence whole, not only its ESC
        ("\x1b[1;31mred\x1b[0m text", "red text"),
        ("title\x1b]0;pwned\x07 set", "title set"),  # an OSC, ended by BEL
        ("clip\x1b]52;c;cGF3bmVk\x1b\\board", "clipboard"),  # an OSC ended by ST
        ("8-bit \x9b6n CSI", "8-bit CSI"),
        ("save\x1b7 restore\x1b8 reset\x1bc charset\x1b(B", "save restore reset charset"),
        ("typed [31m and [2J", "typed [31m and [2J"),  # typed without ESC: what the person wrote
        ("cut off \x1b[31", "cut off 31"),  # unfinished: only its ESC and "[" are surely not text
        ("nul\x00 bell\x07", "nul bell"),
        ("bidi \u202etxet\u202c", "bidi txet"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("a\u0304 c\u030c", "ā č"),  # combining marks become the precomposed Latvian letters
        ("[bold]x[/bold] <b>y</b> # z", "[bold]x[/bold] <b>y</b> # z"),  # markup is only text
        ("ģimenes 👨\u200d👩\u200d👧", "ģimenes 👨\u200d👩\u200d👧"),  # the joiner inside an emoji stays
    ],
)
def test_clean_line(typed: str, stored: str) -> None:
    assert clean_line(typed) == stored


def test_paragraphs_keep_their_lines() -> None:
    assert clean_lines("Spēcīgāka kopiena\n\nkas sadarbojas\x1b") == "Spēcīgāka kopiena\nkas sadarbojas"


def test_empty_and_too_long_are_refused() -> None:
    with pytest.raises(InvalidInput):
        checked(" \n\t ", NOTE_LIMIT, field="note")
    with pytest.raises(InvalidInput) as caught:
        checked("x" * 100_000, NOTE_LIMIT, field="note")
    assert caught.value.params["length"] == 100_000
    assert checked("x" * NOTE_LIMIT, NOTE_LIMIT, field="note") == "x" * NOTE_LIMIT


def test_display_never_passes_an_escape_to_the_terminal() -> None:
    assert "\x1b" not in display("hand-edited \x1b[31mred")


def test_a_phone_note_loses_the_whole_escape_sequence() -> None:
    assert checked("Nav autobusa\x1b[31m svētdienās", 500, field="note") == "Nav autobusa svētdienās"


def test_display_removes_whole_sequences_from_a_hand_edited_file() -> None:
    assert display("hand-edited \x1b[31mred\x1b]0;t\x07") == "hand-edited red"


WORD = st.text(st.characters(categories=["L", "M", "N", "P", "S"]), min_size=1, max_size=12)
ORDINARY = st.lists(WORD, min_size=1, max_size=8).map(lambda words: unicodedata.normalize("NFC", " ".join(words)))
"""What people write: letters (with their marks), digits, punctuation such as "[" and ";", symbols, single spaces."""

SEQUENCES = st.one_of(
    st.builds(
        lambda intro, params, final: intro + params + final,
        st.sampled_from(["\x1b[", "\x9b"]),
        st.text("0123456789;:<=>?", max_size=6),
        st.characters(min_codepoint=0x40, max_codepoint=0x7E),
    ),
    st.builds(
        lambda intro, body, end: intro + body + end,
        st.sampled_from(["\x1b]", "\x1bP", "\x1b_", "\x9d"]),
        st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=10),
        st.sampled_from(["\x07", "\x1b\\", "\x9c"]),
    ),
    st.builds(lambda c: "\x1b" + c, st.characters(min_codepoint=0x30, max_codepoint=0x7E).filter(lambda c: c != "[")),
    st.builds(lambda c: "\x1b(" + c, st.characters(min_codepoint=0x30, max_codepoint=0x7E)),
)


@given(ORDINARY)
def test_ordinary_text_is_kept_as_written(text: str) -> None:
    assert clean_line(text) == text
    assert display(text) == text


@given(ORDINARY, st.data())
def test_escape_sequences_anywhere_go_whole_and_nothing_else_does(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    sequence = data.draw(SEQUENCES)
    assert clean_line(text[:cut] + sequence + text[cut:]) == clean_line(text[:cut] + text[cut:])


def test_invisible_spaces_are_taken_out_and_the_joiner_of_emoji_stays() -> None:
    # A zero-width space pasted with a word ("Tū​ja") was kept unseen, and a search for "Tūja" did not find it.
    assert clean_line("Tū\u200bja \ufeffskola\u2060s") == "Tūja skolas"
    assert clean_line("ģimene 👩\u200d👩\u200d👧") == "ģimene 👩\u200d👩\u200d👧"
    assert display("Tū\u200bja") == "Tūja"  # also in what a hand-edited file holds
