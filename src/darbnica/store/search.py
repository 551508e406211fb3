"""Finding workshops: filter the catalog by title, place and facilitator, search what people wrote, sort.

Matching ignores case and Latvian (and other) diacritics, so "tuja" finds "Tūja" and "ŪDENS" finds "ūdens". A query
of several words finds the workshops that contain every word, wherever each one is: in the title, place or
facilitator (anywhere in them), or in what people wrote (a word that begins with it: see :mod:`.terms`).

Filtering reads only the catalog, so it is instant at any size. What people wrote is looked up in the full-text
index (:mod:`.index`) for every workshop it holds as its file is now, and read from the workshop file for the rest;
:func:`scan` answers one workshop at a time, those the index answers first, so a caller (the library screen's
worker, the CLI) can show progress and stop early. It only reads: no lock, no write.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from darbnica.store.catalog import Entry, newest_first
from darbnica.store.index import SearchIndex, Unusable, entry_stamp
from darbnica.store.terms import has_word, query_words, terms_of, written_in_tables
from darbnica.text import fold


def words(query: str) -> list[str]:
    return fold(query).split()


class SortKey(StrEnum):
    DATE = "date"
    PLACE = "place"
    TITLE = "title"


def sort_entries(entries: Iterable[Entry], key: SortKey) -> list[Entry]:
    """Newest first; by place or title alphabetically (newest first within one), empty ones last."""
    ordered = newest_first(list(entries))
    if key is SortKey.DATE:
        return ordered
    return sorted(ordered, key=lambda e: (not getattr(e, key.value), fold(getattr(e, key.value))))


@lru_cache(maxsize=100_000)
def _details(title: str, place: str, facilitator: str) -> str:
    return fold(" ".join((title, place, facilitator)))


def details_text(entry: Entry) -> str:
    """The entry's title, place and facilitator, folded (remembered: the list filters a thousand at each key)."""
    return _details(entry.title, entry.place, entry.facilitator)


def missing_in(text: str, wanted: Sequence[str]) -> list[str]:
    """The words of ``wanted`` that ``text`` (already folded) does not contain."""
    return [word for word in wanted if word not in text]


def filter_entries(
    entries: Sequence[Entry], query: str, details: Sequence[str] | None = None, *, also: Container[str] = ()
) -> list[Entry]:
    """The entries whose title, place or facilitator contain every word of ``query``, in their order, and those
    whose ids are in ``also`` (found in their notes). ``details``: each entry's :func:`details_text`, if the caller
    has them already."""
    wanted = words(query)
    if not wanted:  # nothing typed: every entry, without folding the details of each (a thousand of them)
        return list(entries)
    folded = details if details is not None else map(details_text, entries)
    if len(wanted) == 1:  # the usual query, without a call for each entry (half the time, at 10,000 workshops)
        (word,) = wanted
        return [e for e, text in zip(entries, folded, strict=True) if word in text or e.id in also]
    return [e for e, text in zip(entries, folded, strict=True) if e.id in also or not missing_in(text, wanted)]


def place_matches(entry: Entry, place: str) -> bool:
    return not missing_in(fold(entry.place), words(place))


@dataclass(frozen=True)
class Word:
    """A word of a query: as typed, folded (found anywhere in the details), and its terms (see :mod:`.terms`)."""

    text: str
    terms: tuple[str, ...]


def query(text: str) -> list[Word]:
    return [Word(word, tuple(terms)) for word, terms in zip(words(text), query_words(text), strict=True)]


def file_has(path: Path, wanted: Sequence[Word]) -> bool:
    """Whether what people wrote in the workshop file at ``path`` has every word of ``wanted``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # a file that cannot be read is reported by the listing, not by a search
    if not all(word.terms for word in wanted):
        return False
    # A cheap first look at the whole file (the plan copy included) rules out most files without parsing them: a
    # term of only a-z and 0-9 found in the text is in the folded file too. darbnica writes letters as they are,
    # so only a hand-made file with \u escapes needs the full check.
    if "\\u" not in raw:
        folded = fold(raw)
        plain = (term for word in wanted for term in word.terms if "_" not in term)
        if any(term not in folded for term in plain):
            return False
    try:
        tables = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    if not isinstance(tables, dict):
        return False
    terms = terms_of(written_in_tables(tables))
    return all(has_word(terms, word.terms) for word in wanted)


def scan(
    entries: Sequence[Entry],
    text: str,
    path_of: Callable[[str], Path],
    index: SearchIndex | None = None,
    details: Sequence[str] | None = None,
) -> Iterator[Entry | None]:
    """For each entry: the entry if it matches ``text`` (details or written text), else ``None``.

    One item per entry, so the caller can count progress and stop whenever it likes; the entries the index
    answers for come first, then those whose files are read. ``details``: each entry's :func:`details_text`, if
    the caller has them already.
    """
    wanted = query(text)
    fresh: set[str] = set()
    having: list[set[str]] = []
    if index is not None:
        try:
            stamps, having = index.having([word.terms for word in wanted])
        except Unusable:
            pass
        else:
            fresh = {entry.id for entry in entries if stamps.get(entry.id) == entry_stamp(entry)}
    unread: list[tuple[Entry, list[Word]]] = []
    for entry, folded in zip(entries, details if details is not None else map(details_text, entries), strict=True):
        rest = [(n, word) for n, word in enumerate(wanted) if word.text not in folded]
        if not rest:
            yield entry
        elif entry.id in fresh:
            yield entry if all(entry.id in having[n] for n, _ in rest) else None
        else:
            unread.append((entry, [word for _, word in rest]))
    for entry, rest_words in unread:
        yield entry if file_has(path_of(entry.id), rest_words) else None


def found_in_index(
    entries: Sequence[Entry], text: str, index: SearchIndex, details: Sequence[str] | None = None
) -> list[Entry] | None:
    """The entries that match ``text`` only with what people wrote in them (not by their details alone), in their
    order, answered by the index at once; ``None`` if it cannot answer. For a list the index is known to be in
    step with (the library's, once its index check is done): no file is read, and no entry is compared with its
    indexed stamp, so the time grows with the workshops found, not with those listed (:func:`scan` answers one
    entry at a time, for the rest)."""
    wanted = query(text)
    if not wanted:
        return []
    try:
        _, having = index.having([word.terms for word in wanted], stamps=False)
    except Unusable:
        return None
    folded = details if details is not None else [details_text(entry) for entry in entries]
    by_details: list[set[str]] = [
        {entry.id for entry, text in zip(entries, folded, strict=True) if word.text in text} for word in wanted
    ]
    anywhere = [in_details | in_notes for in_details, in_notes in zip(by_details, having, strict=True)]
    matched = anywhere[0].intersection(*anywhere[1:]) - by_details[0].intersection(*by_details[1:])
    return [entry for entry in entries if entry.id in matched] if matched else []


def search(
    entries: Sequence[Entry], text: str, path_of: Callable[[str], Path], index: SearchIndex | None = None
) -> list[Entry]:
    """Every entry that matches ``text`` in its details or in anything written in it, in the order given."""
    found = {entry.id for entry in scan(entries, text, path_of, index) if entry is not None}
    return [entry for entry in entries if entry.id in found]
