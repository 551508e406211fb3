"""Finding workshops: filter the catalog by title, place and facilitator, search note text in the files, sort.

Matching ignores case and Latvian (and other) diacritics, so "tuja" finds "Tūja" and "ŪDENS" finds "ūdens". A query
of several words finds the workshops that contain every word, wherever each one is.

Filtering reads only the catalog, so it is instant at any size. Searching note text has to read the workshop files;
:func:`scan` does that one file at a time so a caller (the library screen's worker, the CLI) can show progress and
stop early. It only reads: no lock, no write.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from darbnica.store.catalog import Entry, newest_first
from darbnica.store.records import ACTIONS, META, META_ID, NOTES
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


def details_text(entry: Entry) -> str:
    return fold(" ".join((entry.title, entry.place, entry.facilitator)))


def missing_in(text: str, wanted: Sequence[str]) -> list[str]:
    """The words of ``wanted`` that ``text`` (already folded) does not contain."""
    return [word for word in wanted if word not in text]


def filter_entries(entries: Iterable[Entry], query: str) -> list[Entry]:
    """The entries whose title, place or facilitator contain every word of ``query``."""
    wanted = words(query)
    if not wanted:  # nothing typed: every entry, without folding the details of each (a thousand of them)
        return list(entries)
    return [entry for entry in entries if not missing_in(details_text(entry), wanted)]


def place_matches(entry: Entry, place: str) -> bool:
    return not missing_in(fold(entry.place), words(place))


def written_text(tables: Any) -> str:
    """Everything people wrote in a workshop file: notes, the vision statement, responsibilities (folded)."""
    parts: list[str] = []
    meta = tables.get(META, {}).get(META_ID, {})
    if isinstance(meta, dict) and isinstance(meta.get("vision"), str):
        parts.append(meta["vision"])
    for doc in tables.get(NOTES, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("text"), str):
            parts.append(doc["text"])
    for doc in tables.get(ACTIONS, {}).values():
        if isinstance(doc, dict):
            parts.extend(str(doc.get(name) or "") for name in ("what", "who", "first_step"))
    return fold("\n".join(parts))


def file_contains(path: Path, wanted: Sequence[str]) -> bool:
    """Whether what people wrote in the workshop file at ``path`` contains every word of ``wanted``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # a file that cannot be read is reported by the listing, not by a search
    # A cheap first look at the whole file (the plan copy included) rules out most files without parsing them.
    # darbnica writes letters as they are, so only a word with a character JSON escapes (a quote, a backslash), or
    # a hand-made file with \u escapes, needs the full check.
    quick = [] if "\\u" in raw else [word for word in wanted if '"' not in word and "\\" not in word]
    if missing_in(fold(raw), quick):
        return False
    try:
        tables = json.loads(raw)
    except json.JSONDecodeError:
        return False
    return isinstance(tables, dict) and not missing_in(written_text(tables), wanted)


def scan(entries: Sequence[Entry], query: str, path_of: Callable[[str], Path]) -> Iterator[Entry | None]:
    """For each entry in turn: the entry if it matches ``query`` (details or written text), else ``None``.

    One item per entry, so the caller can count progress and stop whenever it likes.
    """
    wanted = words(query)
    for entry in entries:
        rest = missing_in(details_text(entry), wanted)
        yield entry if not rest or file_contains(path_of(entry.id), rest) else None


def search(entries: Sequence[Entry], query: str, path_of: Callable[[str], Path]) -> list[Entry]:
    """Every entry that matches ``query`` in its details or in anything written in it."""
    return [entry for entry in scan(entries, query, path_of) if entry is not None]
