"""Block letters: every Latvian letter drawn as its own shape, wrapped at words, refused when it cannot fit."""

from __future__ import annotations

import pytest

from darbnica.ui.widgets.big_text import block_lines, glyph

LATVIAN = "āčēģīķļņšūž"


@pytest.mark.parametrize("letter", [*LATVIAN, *LATVIAN.upper()])
def test_every_latvian_letter_has_its_mark(letter: str) -> None:
    drawn = glyph(letter)
    base = glyph({"ā": "a", "Ā": "A"}.get(letter, letter.encode("ascii", "ignore").decode() or "x"))
    assert drawn is not None and base is not None
    import unicodedata

    plain = glyph(unicodedata.normalize("NFD", letter)[0])
    assert plain is not None and drawn.rows != plain.rows  # the mark is there: ā is not drawn as a


def test_marks_sit_above_or_below_where_latvian_puts_them() -> None:
    def ink_rows(char: str) -> list[int]:
        g = glyph(char)
        assert g is not None
        return [row - g.top for row, line in enumerate(g.rows) if "#" in line]

    assert min(ink_rows("ā")) < min(ink_rows("a"))  # macron above
    assert min(ink_rows("ģ")) < min(ink_rows("g"))  # ģ has its comma above
    assert max(ink_rows("ķ")) > max(ink_rows("k"))  # ķ ļ ņ a comma below
    assert min(ink_rows("Š")) < 0  # above a capital: in the rows over the capital line


def test_text_wraps_at_words_within_the_width() -> None:
    rows = block_lines("Kādu problēmu Jūs mēģināt atrisināt?", 100)
    assert rows is not None
    assert all(len(row) <= 100 for row in rows)
    one_line = block_lines("Kādu", 100)
    assert one_line is not None and len(rows) > 2 * len(one_line)  # more than two lines of letters
    assert set("".join(rows)) <= {" ", "▀", "▄", "█"}


def test_no_block_letters_when_they_cannot_be_drawn() -> None:
    assert block_lines("Sveiki", 10) is None  # one word wider than the space
    assert block_lines("emoji 🙂", 200) is None  # a character the font does not have
    assert block_lines("   ", 200) is None
    assert block_lines("Ą", 200) is None  # ogonek: no mark for it, so not drawn wrongly


def test_letters_grow_with_the_screen_and_stay_inside_it() -> None:
    from darbnica.ui.widgets.big_text import ACTUAL, fit_block_lines

    sizes = [(76, 20), (156, 40), (236, 62)]
    fitted = [fit_block_lines("Tūja — zaļš ciems", width, height) for width, height in sizes]
    assert all(f is not None for f in fitted)
    scales = [f[1] for f in fitted if f is not None]
    assert scales[0] != ACTUAL and scales == sorted(scales) and scales[0] < scales[-1]  # bigger on a bigger screen
    for (width, height), (rows, _) in zip(sizes, (f for f in fitted if f is not None), strict=True):
        assert len(rows) <= height and all(len(row) <= width for row in rows)
    assert fit_block_lines("Tūja", 3, 40) is None and fit_block_lines("🙂", 200, 60) is None
