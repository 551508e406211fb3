"""Cleaning what people type before it is stored.

A note is one line of plain text. Terminal escape sequences are removed whole (an ESC taken out alone would
leave "[31m" behind, text nobody typed), then the other control characters, bidirectional overrides and lone
surrogates; line breaks fold into spaces; the result is NFC-normalised so a Latvian
letter typed as a base letter plus a combining mark is stored as the one precomposed letter the terminal draws well.
Markup such as ``[bold]`` or ``<b>`` is ordinary text here: it is shown and exported literally elsewhere.
"""

from __future__ import annotations

import re
import unicodedata

from darbnica.errors import InvalidInput

NOTE_LIMIT = 1000
"""Characters a note may hold: a long sticky note, several sentences."""

LINE_LIMIT = 200
"""Characters for a title, a place, a name or an action's fields."""

STATEMENT_LIMIT = 2000
"""Characters for the agreed vision statement."""

# Terminal escape sequences (ECMA-48), each as a terminal would read it: a CSI (ESC [ or the 8-bit CSI, parameter
# bytes, intermediate bytes, one final byte: "\x1b[31m", "\x1b[2J"); an OSC or another string sequence (ESC ] P X ^
# _, or their 8-bit forms) with its text up to the BEL or ST that ends it ("\x1b]0;title\x07"); ESC, intermediate
# bytes and a final byte ("\x1b(B"); ESC and one character ("\x1b7", "\x1bc"). An unfinished one ("\x1b[31" at
# the end, an OSC never ended) loses only what is sure to be the sequence's, its ESC and the character after it:
# what follows may be what the person wrote.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]+[\x30-\x7e]"
    r"|\x1b[\x30-\x7e]"
)
# C0 and C1 controls and DEL; bidi embeddings, overrides and isolates (they can make text read backwards);
# zero-width spaces and joiners that join nothing (U+200B, U+2060, U+FEFF: pasted along, unseen, a word holding one
# is not found by a search for it; the joiner U+200D stays, emoji are made with it); lone surrogates, which cannot
# be written as UTF-8.
_REMOVE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")
_SPACES = re.compile(" {2,}")
_LINES = re.compile("\r\n|[\n\r\u2028\u2029]")


def clean_line(text: str) -> str:
    """Return ``text`` as one clean line: breaks become spaces, escape sequences and controls are removed."""
    text = _ESCAPES.sub("", text)
    text = _BREAKS.sub(" ", text)
    text = _REMOVE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str) -> str:
    """Like :func:`clean_line`, but line breaks are kept (as ``\n``): for a paragraph such as a vision."""
    return "\n".join(line for line in (clean_line(part) for part in _LINES.split(text)) if line)


def checked(text: str, limit: int, *, field: str, required: bool = True, multiline: bool = False) -> str:
    """Clean ``text`` and check it against ``limit``; raise :class:`InvalidInput` if it cannot be stored."""
    cleaned = clean_lines(text) if multiline else clean_line(text)
    if required and not cleaned:
        raise InvalidInput("error.empty", what_key=f"field.{field}")
    if len(cleaned) > limit:
        raise InvalidInput("error.too_long", what_key=f"field.{field}", length=len(cleaned), limit=limit)
    return cleaned


def display(text: str, *, multiline: bool = False) -> str:
    """Text safe to hand to the terminal even if it came from a hand-edited file."""
    if text.isprintable():  # nearly always, and cheap: every character removed or folded below is unprintable
        return text
    if multiline:
        return "\n".join(_REMOVE.sub("", _BREAKS.sub(" ", _ESCAPES.sub("", line))) for line in _LINES.split(text))
    return _REMOVE.sub("", _BREAKS.sub(" ", _ESCAPES.sub("", text)))


_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """``text`` for matching: without diacritics, case folded ("Tūja" and "tuja" match)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()
