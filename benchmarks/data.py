"""The data folders a benchmark run works on, made with the generator the tests use (:mod:`darbnica.sample`).

Every folder is a whole darbnica installation (``--data-dir``): workshops, catalog and a settings file with a
public link, so that the QR code can be exported. The workshop that notes are added to is the same one (same seed)
in every folder that has it, alone or among the other workshops of a large library.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.sample import generate
from darbnica.store import Library

STEP = "problem"
"""The step a workshop is opened at: the first one that collects notes."""
SETTINGS = 'lang = "lv"\npublic_link = "https://example.lv/darbnicas/{id}.html"\n'
LIBRARY_SEED = 1
WORKSHOP_SEED = 2


@dataclass(frozen=True)
class Sizes:
    library: int
    """Workshops in the large library."""
    small_library: int
    library_notes: int
    """Notes in each workshop of the libraries."""
    notes: int
    """Notes in the workshop that notes are added to, exported and measured for memory."""
    growth: tuple[int, ...]


FULL = Sizes(library=1000, small_library=10, library_notes=200, notes=1000, growth=(20, 200, 2000))
QUICK = Sizes(library=300, small_library=10, library_notes=50, notes=1000, growth=(20, 200, 2000))
SMOKE = Sizes(library=12, small_library=3, library_notes=5, notes=30, growth=(5, 60))


@dataclass(frozen=True)
class Folder:
    path: Path
    workshop: str | None = None
    """The id of the workshop to open, if the folder has one to measure."""


def _library(path: Path) -> Library:
    paths = resolve_paths(path)
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text(SETTINGS, encoding="utf-8")
    return Library(paths)


def _generate(path: Path, count: int, notes: int, seed: int) -> list[str]:
    library = _library(path)
    plan = load_plans(library.paths).get(DEFAULT_PLAN)
    return generate(library, plan, count=count, notes=notes, seed=seed).ids


def library(path: Path, count: int, notes: int) -> Folder:
    _generate(path, count, notes, LIBRARY_SEED)
    return Folder(path)


def workshop(path: Path, notes: int) -> Folder:
    """A library of one workshop of ``notes`` notes."""
    (workshop_id,) = _generate(path, 1, notes, WORKSHOP_SEED)
    return Folder(path, workshop_id)


def crowded(path: Path, others: Folder, notes: int) -> Folder:
    """A copy of the library ``others`` with the same workshop :func:`workshop` makes added to it."""
    shutil.copytree(others.path, path)
    (workshop_id,) = _generate(path, 1, notes, WORKSHOP_SEED)
    return Folder(path, workshop_id)
