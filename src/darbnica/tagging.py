"""Reading the tag typed at the start of a note: "#vaj nav autobusa" is the note "nav autobusa", tagged "need".

The word after "#" names a tag by the words the room sees: its label in either language (Latvian or English,
whatever the workshop's language), or its symbol when that is a letter or a number (the principles' 1–5). Case and
diacritics do not matter ("#vel" is "vēlme"), and the start of a label is enough when only one tag's label starts
so; a label of several words ("stiprā puse") may be typed whole. Internal keys ("strength", "shared-vision") are
not words the room sees and name nothing.

A note that starts with "#" always starts with a tag: an unknown or ambiguous word, a "#" with no word, or a tag
with no text after it is refused with a short message and the note stays in the input, never on the projector.
"##" at the start stands for one "#" of text: "##1 prioritāte" is the note "#1 prioritāte".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from darbnica.errors import InvalidInput
from darbnica.i18n import pick
from darbnica.model import Choice, Step
from darbnica.text import fold

ESCAPE = "##"
"""Typed at the start, a note's text that begins with "#"."""


@dataclass(frozen=True)
class ParsedNote:
    text: str
    tag: str | None
    """The key of the note's tag, or ``None``."""


def parse_note(step: Step, typed: str, current_tag: str | None, lang: str) -> ParsedNote:
    """The note ``typed`` on ``step``: its text and tag (``current_tag`` unless it names one with "#").

    ``lang`` is the language a refusal lists the step's tags in. Raises :class:`InvalidInput` (``error.tag_unknown``,
    ``error.tag_ambiguous``, ``error.tag_missing``, ``error.tag_without_text``, ``error.step_has_no_tags``).
    """
    text = typed.lstrip()
    if text.startswith(ESCAPE):
        return ParsedNote(text[1:], current_tag)
    if not text.startswith("#"):
        return ParsedNote(typed, current_tag)
    after = text[1:]
    if not step.tags:
        raise InvalidInput("error.step_has_no_tags")
    known = ", ".join(f"#{_shown(tag, lang)}" for tag in step.tags)
    if not after or after[0].isspace():
        raise InvalidInput("error.tag_missing", known=known)
    length, found = _named(step.tags, after)
    word = after[:length]
    if not found:
        raise InvalidInput("error.tag_unknown", word=word, known=known)
    if len(found) > 1:
        raise InvalidInput("error.tag_ambiguous", word=word, known=", ".join(f"#{_shown(t, lang)}" for t in found))
    rest = after[length:].strip()
    if not rest:
        raise InvalidInput("error.tag_without_text", word=word)
    return ParsedNote(rest, found[0].key)


def matching_tags(tags: tuple[Choice, ...], word: str) -> list[Choice]:
    """The tags ``word`` may name: the one whose label or symbol it is, else every one whose label starts so."""
    return _named(tags, word)[1] if word and " " not in word.strip() else []


def _named(tags: tuple[Choice, ...], typed: str) -> tuple[int, list[Choice]]:
    """How many characters at the start of ``typed`` name a tag, and the tags they may name.

    A whole label of several words is looked for first, then the first word: exactly a label or a symbol, else the
    start of labels.
    """
    folded = fold(typed)
    if len(folded) != len(typed):  # folding changed the length (a rare ligature): match on the first word only
        folded = ""
    whole = [
        (len(label), tag)
        for tag in tags
        for label in _labels(tag)
        if " " in label and folded.startswith(label) and folded[len(label) : len(label) + 1] in ("", " ")
    ]
    if whole:
        length = max(n for n, _ in whole)
        return length, _unique(tag for n, tag in whole if n == length)
    word = typed.split(maxsplit=1)[0]
    key = fold(word)
    exact = [tag for tag in tags if key in _labels(tag) or (tag.symbol.isalnum() and key == fold(tag.symbol))]
    if exact:
        return len(word), _unique(exact)
    return len(word), _unique(tag for tag in tags if any(label.startswith(key) for label in _labels(tag)))


def _labels(tag: Choice) -> list[str]:
    return [fold(label) for label in tag.label.values() if label.strip()]


def _unique(tags: Iterable[Choice]) -> list[Choice]:
    found: list[Choice] = []  # a tag found by its label in both languages is one tag (Choice is not hashable)
    for tag in tags:
        if tag not in found:
            found.append(tag)
    return found


def _shown(tag: Choice, lang: str) -> str:
    """A tag as a refusal lists it: the symbol people type for a numbered tag, else its label in ``lang``."""
    return tag.symbol if tag.symbol.isalnum() else str(pick(tag.label, lang))
