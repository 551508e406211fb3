import pytest

from darbnica.errors import InvalidInput
from darbnica.text import NOTE_LIMIT, checked, clean_line, clean_lines, display


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Nav autobusa  ", "Nav autobusa"),
        ("two\nlines\r\nhere", "two lines here"),
        ("escape \x1b[2J\x1b[H here", "escape [2J[H here"),
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
