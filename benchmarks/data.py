"""The data folders a benchmark run works on, made with the generator the tests use (:mod:`darbnica.sample`).

Every folder is a whole darbnica installation (``--data-dir``): workshops, catalog and a settings file with a
public link, so that the QR code can be exported. The workshop that notes are added to is the same one (same seed)
in every folder that has it, alone or among the other workshops of a large library.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.sample import generate
from darbnica.store import Library
from darbnica.store.terms import written_in_tables

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
    huge: int
    """Workshops in the archive that start-up and search are measured at against the large library: a
    municipality's dozen facilitators, years on."""


FULL = Sizes(library=1000, small_library=10, library_notes=200, notes=1000, growth=(20, 200, 2000), huge=10_000)
QUICK = Sizes(library=300, small_library=10, library_notes=50, notes=1000, growth=(20, 200, 2000), huge=3000)
SMOKE = Sizes(library=12, small_library=3, library_notes=5, notes=30, growth=(5, 60), huge=36)


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


def fts_table(path: Path, library: Folder) -> Path:
    """The search floor's data: a plain SQLite FTS5 table holding what people wrote in each workshop of
    ``library`` (the same text darbnica's index is made from), one row a workshop, in the file ``path``."""
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE texts USING fts5(workshop UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')"
    )
    folder = _library(library.path).folder
    with db:
        for file in sorted(folder.glob("*.json")):
            tables = json.loads(file.read_bytes())
            db.execute("INSERT INTO texts VALUES (?, ?)", (file.stem, "\n".join(written_in_tables(tables))))
    db.close()
    return path


def search_word(fts: Path, workshops: int) -> tuple[str, int]:
    """A word people wrote, to search for: of the words in the table (folded, as typed without diacritics), the
    one whose workshops are nearest a third of them, but not all; and how many workshops have a word beginning so.
    The same data gives the same word."""
    db = sqlite3.connect(fts)
    db.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, texts, 'row')")
    terms = db.execute("SELECT term, doc FROM temp.vocabulary WHERE length(term) >= 6 AND doc < ?", (workshops,))
    nearest = sorted(terms.fetchall(), key=lambda row: (abs(row[1] - workshops / 3), row[0]))
    query = "SELECT count(*) FROM texts WHERE texts MATCH ?"
    for term, _ in nearest[:50]:
        (hits,) = db.execute(query, (f'"{term}"*',)).fetchone()  # longer words that begin so are found too
        if 0 < hits < workshops:
            db.close()
            return str(term), int(hits)
    db.close()
    raise RuntimeError("no word people wrote is found in some workshops but not all")
