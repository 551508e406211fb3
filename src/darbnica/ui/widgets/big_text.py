"""Text in block letters, drawn with half blocks so that two pixel rows make one terminal row.

The letters come from ``block_font.txt``; a letter with a diacritic is its base letter with a mark from
:data:`MARKS` above or below it, so Latvian (ā č ē ģ ī ķ ļ ņ š ū ž) and most European letters render without
drawing each one. Text that has a character the font cannot draw, or a word too wide for the space, is not drawn
large at all (:func:`block_lines` returns ``None``) and the caller shows it as ordinary text.

Letters grow with the screen (:func:`fit_block_lines`): each pixel of the font is drawn ``wide`` columns by
``tall`` half rows, from square (2×2, 4×4) to twice as tall as wide (1×2, 2×4), whichever is the largest that fits.
Tall letters take no more width, so a line that fits the width at 1×1 can still grow to fill a screen's height.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CAP_ROWS = 7
"""Pixel rows of a capital letter; small letters and descenders are measured from these."""
FONT_ROWS = 9
LETTER_GAP = 1
LINE_GAP = 1

Pixels = tuple[str, ...]
"""Rows of a bitmap, "#" ink and "." paper; all rows the same width."""


@dataclass(frozen=True, order=True)
class Scale:
    """How large a font pixel is drawn: ``wide`` terminal columns by ``tall`` half rows (a square pixel is 1×1)."""

    wide: int = 1
    tall: int = 1


ACTUAL = Scale()
SCALES = tuple(
    sorted(
        (ACTUAL, *(Scale(wide, tall) for wide in range(1, 9) for tall in range(wide + wide % 2, 2 * wide + 1, 2))),
        key=lambda scale: (scale.wide * scale.tall, scale.tall),
        reverse=True,
    )
)
"""Every size letters may take, the largest first: from square to twice as tall as wide, up to 8 columns a pixel.
Past 1×1 a pixel is a whole number of terminal rows (an even number of half rows): with 1½ rows the strokes of a
letter would alternate between one and two rows thick."""


@dataclass(frozen=True)
class Mark:
    rows: Pixels
    above: bool
    stretch: bool = False
    """Drawn across the whole letter (a macron) rather than centred at its own width."""


MARKS: dict[str, Mark] = {
    "\u0304": Mark(("#",), above=True, stretch=True),  # macron: ā ē ī ū
    "\u030c": Mark(("#.#", ".#."), above=True),  # caron: č š ž
    "\u0327": Mark((".#", "#."), above=False),  # cedilla, drawn as Latvian's comma below: ķ ļ ņ
    "\u0326": Mark((".#", "#."), above=False),  # comma below: ș ț
    "\u0301": Mark(("..#", ".#."), above=True),  # acute: é
    "\u0300": Mark(("#..", ".#."), above=True),  # grave: è
    "\u0308": Mark(("#.#",), above=True),  # diaeresis: ö ü
    "\u0303": Mark((".#.#", "#.#."), above=True),  # tilde: õ
    "\u0307": Mark(("#",), above=True),  # dot above: ż ė
}
# Small letters whose dot gives way to a mark above; "g" takes Latvian's ģ comma above rather than below.
DOTLESS = {"i": "ı", "j": "ȷ"}
COMMA_ABOVE = {"g"}


@cache
def font() -> dict[str, Pixels]:
    text = Path(__file__).with_name("block_font.txt").read_text(encoding="utf-8")
    glyphs: dict[str, Pixels] = {}
    for block in text.split("\n\n"):
        lines = block.strip("\n").splitlines()
        if lines and not lines[0].startswith("# "):  # the comment at the top
            name, *rows = lines
            assert len(rows) == FONT_ROWS and len({len(row) for row in rows}) == 1, f"glyph {name!r}"
            glyphs[" " if name == "space" else name] = tuple(rows)
    return glyphs


@dataclass(frozen=True)
class Glyph:
    """One character as pixels, ``top`` rows above the capital line included (marks on capitals go there)."""

    rows: Pixels
    top: int

    @property
    def width(self) -> int:
        return len(self.rows[0])


def _place(rows: list[str], mark: Mark, row: int) -> None:
    width = len(rows[0])
    pixels = [("#" * width if mark.stretch else line) for line in mark.rows]
    for offset, line in enumerate(pixels):
        left = (width - len(line)) // 2
        target = rows[row + offset]
        merged = [ink if ink == "#" else old for ink, old in zip(line, target[left : left + len(line)], strict=True)]
        rows[row + offset] = target[:left] + "".join(merged) + target[left + len(line) :]


def _free(rows: list[str], first: int, count: int) -> bool:
    return all("#" not in rows[row] for row in range(first, first + count))


@cache
def glyph(char: str) -> Glyph | None:
    """The pixels of one character, composing base letter and marks; ``None`` if the font cannot draw it."""
    glyphs = font()
    if char in glyphs:
        return Glyph(glyphs[char], 0)
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or any(mark not in MARKS for mark in marks) or base not in glyphs:
        return None
    has_above = any(MARKS[mark].above or base in COMMA_ABOVE for mark in marks)
    base = DOTLESS.get(base, base) if has_above else base
    width = len(glyphs[base][0])
    rows = list(glyphs[base])
    top = 0
    for code in marks:
        mark = MARKS[code]
        height = len(mark.rows)
        if mark.above or base in COMMA_ABOVE:
            if _free(rows, 0, max(height, 2)):  # a small letter: the mark sits in the two empty rows above it
                _place(rows, mark, 0)
            else:  # a capital or a tall letter: rows above the capital line, one row of space between
                rows = ["." * width] * (height + 1) + rows
                top += height + 1
                _place(rows, mark, 0)
        elif _free(rows, top + CAP_ROWS, height):
            _place(rows, mark, top + CAP_ROWS)
        else:
            return None  # a mark below a letter that already descends
    return Glyph(tuple(rows), top)


def _word_pixels(word: str) -> list[Glyph] | None:
    glyphs = [glyph(char) for char in word]
    return None if any(g is None for g in glyphs) else [g for g in glyphs if g is not None]


def _line_rows(glyphs: list[Glyph], top: int, bottom: int) -> list[str]:
    """One line of text as pixel rows, ``top`` rows above the capital line and ``bottom`` below it."""
    rows = []
    for row in range(-top, CAP_ROWS + bottom):
        parts = []
        for g in glyphs:
            index = row + g.top
            parts.append(g.rows[index] if 0 <= index < len(g.rows) else "." * g.width)
        rows.append(("." * LETTER_GAP).join(parts))
    return rows


def _half_blocks(upper: str, lower: str) -> str:
    return "".join(
        "█" if a == "#" and b == "#" else "▀" if a == "#" else "▄" if b == "#" else " "
        for a, b in zip(upper, lower, strict=True)
    )


def _scaled(rows: list[str], scale: Scale) -> list[str]:
    if scale == ACTUAL:
        return rows
    return ["".join(pixel * scale.wide for pixel in row) for row in rows for _ in range(scale.tall)]


@cache
def block_lines(text: str, width: int, scale: Scale = ACTUAL) -> tuple[str, ...] | None:
    """``text`` in block letters, wrapped at word boundaries to ``width`` terminal columns.

    Returns the terminal rows (each text line's rows padded to one width, so centring keeps letters aligned), or
    ``None`` if a character cannot be drawn or a word is wider than ``width``.
    """
    words = unicodedata.normalize("NFC", " ".join(text.split())).split(" ")
    space = glyph(" ")
    assert space is not None
    drawn = [_word_pixels(word) for word in words]
    if not text.strip() or any(word is None for word in drawn):
        return None
    width //= scale.wide  # wrapped in font pixels: every pixel, and every gap, is ``wide`` columns
    lines: list[list[Glyph]] = []
    for word in (w for w in drawn if w is not None):
        word_width = sum(g.width for g in word) + LETTER_GAP * (len(word) - 1)
        if word_width > width:
            return None
        if lines:
            line = lines[-1]
            current = sum(g.width for g in line) + LETTER_GAP * (len(line) - 1)
            if current + LETTER_GAP + space.width + LETTER_GAP + word_width <= width:
                line.extend([space, *word])
                continue
        lines.append(list(word))
    every = [g for line in lines for g in line]
    top = max(g.top for g in every)
    # Rows below the capital line only if some letter reaches into them (a descender, a comma, ķ ļ ņ).
    bottom = max(0, *(row + 1 - g.top - CAP_ROWS for g in every for row, ink in enumerate(g.rows) if "#" in ink))
    rows: list[str] = []
    for number, line in enumerate(lines, 1):
        line_rows = _line_rows(line, top, bottom)
        blank = "." * len(line_rows[0])
        line_rows += [blank] * (LINE_GAP if number < len(lines) else 0)
        line_rows = _scaled(line_rows, scale)
        line_rows += ["." * len(line_rows[0])] * (len(line_rows) % 2)
        rows += [_half_blocks(upper, lower) for upper, lower in zip(line_rows[::2], line_rows[1::2], strict=True)]
    return tuple(rows)


def fit_block_lines(
    text: str, width: int, height: int, *, largest: Scale | None = None
) -> tuple[tuple[str, ...], Scale] | None:
    """``text`` in the largest block letters that fit ``width`` × ``height`` terminal cells (no larger than
    ``largest``), with the scale chosen; ``None`` if even the smallest do not fit, or a character cannot be drawn."""
    if width <= 0 or height <= 0 or not drawable(text):
        return None
    for scale in SCALES:
        if largest is not None and (scale.wide > largest.wide or scale.tall > largest.tall):
            continue
        rows = block_lines(text, width, scale)
        if rows is not None and len(rows) <= height:
            return rows, scale
    return None


def drawable(text: str) -> bool:
    """Whether the block letters can draw every character of ``text`` (at some size)."""
    return bool(text.strip()) and all(glyph(char) is not None for char in unicodedata.normalize("NFC", text))
