"""Copies kept by ``darbnica sync`` when a workshop changed differently on two laptops.

This laptop's copy stays at ``<id>.json``; the other laptop's is kept whole beside it as
``<id>.conflict-<laptop>-<hash>`` (no ``.json`` ending, so it is never listed as a second workshop). The library
names each one as a problem until a person chooses (:meth:`Library.resolve_conflict
<darbnica.store.library.Library.resolve_conflict>`): keep this laptop's copy, take the other, or keep both.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

CONFLICT = ".conflict-"


class Keep(StrEnum):
    THIS = "this"
    """This laptop's copy stays; the other one goes (it is still in the sync history)."""
    OTHER = "other"
    """The other laptop's copy takes this one's place."""
    BOTH = "both"
    """The other copy becomes a workshop of its own, with a new id."""


def conflict_name(name: str, device: str, blob: str) -> str:
    """``<id>.json`` → ``<id>.conflict-<device>-<hash>``; a journal keeps its ending: ``….phones.jsonl``."""
    stem, _, rest = name.partition(".")
    suffix = "" if rest == "json" else f".{rest}"
    return f"{stem}{CONFLICT}{device}-{blob[:7]}{suffix}"


def conflicts_in(folder: Path) -> list[Path]:
    """The kept copies in ``folder``, sorted."""
    try:
        with os.scandir(folder) as found:
            # The name first: a thousand workshop files are passed over without a Path made for each.
            names = [f.name for f in found if CONFLICT in f.name and not f.name.startswith(".") and f.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(folder / name for name in names)


def conflict_of(path: Path) -> str:
    """The id of the workshop a kept copy belongs to."""
    return path.name.partition(CONFLICT)[0]


def device_of(path: Path) -> str:
    """The laptop a kept copy came from."""
    rest = path.name.partition(CONFLICT)[2].partition(".")[0]
    return rest.rpartition("-")[0] or rest


def is_workshop_copy(path: Path) -> bool:
    """A kept copy of a workshop file (not of its phones' journal)."""
    return CONFLICT in path.name and "." not in path.name.partition(CONFLICT)[2]
