"""What a word search matches: the words people wrote in a workshop, as terms, and the words of a query.

One definition serves both ways of searching, so they cannot disagree: reading the workshop files
(:mod:`.search`) and the full-text index (:mod:`.index`). A text's terms are its words (runs of letters and digits)
folded (:func:`~darbnica.text.fold`: no case, no diacritics, so "tuja" finds "Tūja"); a word of a query is found in
a workshop when each of its terms begins one of the workshop's terms ("autobus" finds "autobusa", "5/5" finds a
"5" and a "5…"). A query word with no letter or digit ("—", "#") is never found in what was written.

A term is kept in the alphabet ``a-z 0-9 _``: any other letter (ł, ж, 水) is written as ``_<hex code>_``. SQLite's
tokenizer then takes every term exactly as it is here, whatever its own tables of Unicode say about a letter, and
matching the beginning of a term means the same in both places: each letter's code starts with a character no other
letter's does and ends where it ends, so one term begins another exactly when the letters do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from darbnica.model import Workshop
from darbnica.store.records import ACTIONS, META, META_ID, NOTES
from darbnica.text import fold

_WORD = re.compile(r"[^\W_]+")  # letters and digits: Python's word characters without the underscore
_PLAIN = re.compile(r"[a-z0-9]*")
_ACTION_FIELDS = ("what", "who", "first_step")


def _spelt(word: str) -> str:
    if _PLAIN.fullmatch(word):
        return word
    return "".join(c if "a" <= c <= "z" or "0" <= c <= "9" else f"_{ord(c):x}_" for c in word)


def text_terms(text: str) -> Iterator[str]:
    """The terms of ``text``, in order, repeated as often as they occur."""
    return (_spelt(word) for word in _WORD.findall(fold(text)))


def query_words(query: str) -> list[list[str]]:
    """The words of a query (separated by spaces) and the terms of each."""
    return [list(text_terms(word)) for word in fold(query).split()]


def terms_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(term for text in texts for term in text_terms(text))


def has_word(terms: Iterable[str], word: Sequence[str]) -> bool:
    """Whether each term of a query word begins one of ``terms``."""
    terms = tuple(terms)
    return bool(word) and all(any(term.startswith(wanted) for term in terms) for wanted in word)


def written(workshop: Workshop) -> Iterator[str]:
    """Everything people wrote in a workshop: its vision statement, notes and responsibilities."""
    yield workshop.vision
    for note in workshop.notes:
        yield note.text
    for action in workshop.actions:
        yield action.what
        yield action.who
        yield action.first_step


def written_in_tables(tables: Any) -> Iterator[str]:
    """The same, from a workshop file's tables as they are on disk (which :func:`written` writes)."""
    meta = tables.get(META, {}).get(META_ID, {})
    if isinstance(meta, dict) and isinstance(meta.get("vision"), str):
        yield meta["vision"]
    for doc in tables.get(NOTES, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("text"), str):
            yield doc["text"]
    for doc in tables.get(ACTIONS, {}).values():
        if isinstance(doc, dict):
            yield from (value for name in _ACTION_FIELDS if isinstance(value := doc.get(name), str))


class TermCache:
    """The terms of one workshop as it changes: each text's terms are worked out once, not at every write."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, ...]] = {}

    def of(self, workshop: Workshop) -> frozenset[str]:
        known, kept = self._known, {}
        for text in written(workshop):
            terms = known.get(text)
            if terms is None:
                terms = tuple(text_terms(text))
            kept[text] = terms
        self._known = kept  # only the texts the workshop still has
        return frozenset(term for terms in kept.values() for term in terms)
