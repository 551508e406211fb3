"""The full-text index: it finds exactly what reading the files finds, follows every write at once, and is made
again when it is lost or damaged, without ever being needed for a search to be right."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darbnica.editing import Editor
from darbnica.errors import InvalidInput
from darbnica.model import Plan
from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.sample import generate
from darbnica.store import Library, index
from darbnica.store.catalog import Entry
from darbnica.store.library import export_workshop
from darbnica.store.records import workshop_tables
from darbnica.store.search import filter_entries, found_in_index, search
from darbnica.store.storage import dump_json
from darbnica.store.terms import terms_of, written, written_in_tables
from tests.hostile import hostile_text

ROOT = Path(__file__).resolve().parents[2]
LATVIAN = [
    *("Tūja", "ūdens", "ŪDENS", "soliņš", "soliņus", "ģimenes", "ķēde", "Ļaudis", "šķūnis", "žogs", "čaklie"),
    *("Ēdoles", "Ņiprie", "upe", "tilts", "tilta", "gaisma", "autobuss", "autobusa", "jaunieši", "ielas"),
]


def found(library: Library, query: str, *, with_index: bool) -> list[str]:
    entries = library.listing().entries
    return [e.id for e in search(entries, query, library.path_of, library.index if with_index else None)]


def fresh(library: Library) -> bool:
    """Whether the index holds every listed workshop as its file is now (so a search reads no file)."""
    return library.index.stale(library.listing().entries) == []


def at_once(library: Library, query: str) -> list[str]:
    """What the library shows for ``query`` when its index is in step with the list: the workshops matching by
    their details, and those the index answers for at once (:func:`found_in_index`)."""
    entries = library.listing().entries
    in_notes = found_in_index(entries, query, library.index)
    assert in_notes is not None
    return [e.id for e in filter_entries(entries, query, also={e.id for e in in_notes})]


def assert_same(library: Library, query: str) -> list[str]:
    by_index, by_files = found(library, query, with_index=True), found(library, query, with_index=False)
    assert by_index == by_files, query
    if fresh(library):
        assert at_once(library, query) == by_files, query
    return by_index


# -- the same answers ------------------------------------------------------------------------------------------


def queries_from(texts: list[str]) -> st.SearchStrategy[str]:
    """Queries a person might type about these texts: a piece of one of them (a word, the start of a word, in
    other case), a Latvian word, or anything at all."""
    pieces = [text[i:j] for text in texts for i in range(0, len(text), 3) for j in (i + 1, i + 4, i + 9)] or ["x"]
    piece = st.sampled_from(pieces)
    return st.one_of(
        piece,
        piece.map(str.upper),
        st.lists(st.one_of(piece, st.sampled_from(LATVIAN)), min_size=1, max_size=3).map(" ".join),
        hostile_text,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    notes=st.lists(st.one_of(hostile_text, st.sampled_from(LATVIAN)), min_size=1, max_size=12),
    vision=st.one_of(hostile_text, st.sampled_from(LATVIAN)),
    task=hostile_text,
    hand_written=hostile_text,
    data=st.data(),
)
def test_the_index_finds_exactly_what_reading_the_files_finds(
    notes: list[str], vision: str, task: str, hand_written: str, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = Library(resolve_paths(folder))
        plan = load_plans(library.paths).get(DEFAULT_PLAN)
        ids = [library.create(title=f"Darbnīca {n}", plan=plan, place="Tūja") for n in range(3)]
        kept: list[str] = []
        for n, text in enumerate(notes):
            with Editor.open(library, ids[n % 3]) as editor:
                try:
                    kept.append(editor.add_note("problem", text).text)
                except InvalidInput:
                    pass  # empty once cleaned, or too long: refused, nothing stored
        with Editor.open(library, ids[0]) as editor:
            for change in (lambda: editor.set_vision(vision), lambda: editor.add_action(task, who=task)):
                try:
                    change()
                except InvalidInput:
                    pass
        # A file edited by hand holds text the app would have cleaned; the index reads the file as it is.
        with Editor.open(library, ids[2]) as editor:
            editor.add_note("problem", "Sākums")
        path = library.path_of(ids[2])
        tables = json.loads(path.read_text(encoding="utf-8"))
        tables["notes"]["99"] = {**next(iter(tables["notes"].values())), "id": 99, "text": hand_written}
        path.write_bytes(dump_json(tables))
        library.index.refresh(library.listing().entries, library.path_of)
        assert fresh(library)
        for query in data.draw(st.lists(queries_from([*kept, vision, task, hand_written]), min_size=3, max_size=8)):
            assert_same(library, query)


def test_what_is_written_is_the_same_read_from_the_model_or_from_its_file(library: Library, plan: Plan) -> None:
    made = generate(library, plan, count=3, notes=40, seed=5)
    for workshop_id in made.ids:
        workshop = library.read(workshop_id)
        assert terms_of(written(workshop)) == terms_of(written_in_tables(workshop_tables(workshop)))


def test_words_are_found_by_their_beginning_whatever_the_case_and_diacritics(library: Library, plan: Plan) -> None:
    workshop_id = library.create(title="Bez vārda", plan=plan, place="Rīga")
    with Editor.open(library, workshop_id) as editor:
        editor.add_note("problem", "Vajag soliņus gar upi; gaisma pie Tūjas tilta", tag="need")
        editor.add_note("problem", "Кафе у моста, 水 и 5/5 звёзд")
    assert fresh(library)
    # "riga upi": a word of the place and one of the notes, together
    for query in ("tuja", "TŪJ", "solinus", "soliņ", "tilt upi", "кафе", "МОСТ", "水", "5/5", "звезд", "riga upi"):
        assert assert_same(library, query) == [workshop_id], query
    for query in ("ilta", "солнце", "tilts", "—", "#"):  # the middle of a word, other words, no letter at all
        assert assert_same(library, query) == [], query


# -- in step with every write -----------------------------------------------------------------------------------


def test_every_change_is_found_at_once(library: Library, plan: Plan, paths_factory) -> None:
    workshop_id = library.create(title="Ciems", plan=plan, place="Ape")
    other = library.create(title="Cits", plan=plan, place="Ape")

    def finds(word: str) -> list[str]:
        assert fresh(library)  # answered by the index, no file read
        return assert_same(library, word)

    with Editor.open(library, workshop_id) as editor:
        note = editor.add_note("problem", "Skeitparks pie skolas")
        assert finds("skeitp") == [workshop_id]
        note = editor.edit_note(note, "Slidotava pie skolas")
        assert finds("skeitp") == [] and finds("slidot") == [workshop_id]
        editor.delete_note(note)
        assert finds("slidot") == []
        editor.undo()
        assert finds("slidot") == [workshop_id]
        editor.set_vision("Zaļš ciems")
        editor.add_action("Nopļaut zāli", who="Uldis")
        assert finds("zals") == finds("nopl") == finds("uldis") == [workshop_id]
    library.delete(workshop_id)
    assert finds("slidot") == []
    library.restore(workshop_id)
    assert finds("slidot") == [workshop_id]
    copy = library.duplicate(workshop_id, title="Kopija")
    assert finds("slidot") == [workshop_id] and copy in found(library, "kopija", with_index=True)
    elsewhere = Library(paths_factory("elsewhere"))
    elsewhere.import_data(export_workshop(library.read(workshop_id)))
    assert elsewhere.index.stale(elsewhere.listing().entries) == []
    assert [e.id for e in search(elsewhere.listing().entries, "slidot", elsewhere.path_of, elsewhere.index)] == [
        workshop_id
    ]
    assert finds("slidot") == [workshop_id] and other not in finds("slidot")


def test_a_change_made_behind_the_index_is_read_from_the_file_until_it_is_indexed(library: Library, plan: Plan) -> None:
    workshop_id = library.create(title="Ciems", plan=plan, place="Ape")
    path = library.path_of(workshop_id)
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["meta"]["1"]["vision"] = "Ezers un laivas"
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")  # by hand, not through the store
    assert not fresh(library)
    assert found(library, "laivas", with_index=True) == [workshop_id]  # the stale workshop's file is read
    assert library.index.refresh(library.listing().entries, library.path_of)
    assert fresh(library) and found(library, "laivas", with_index=True) == [workshop_id]


# -- lost, damaged, killed ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "empty", "truncated", "garbage", "overwritten middle"])
def test_a_lost_or_damaged_index_is_made_again_and_searches_stay_right(
    library: Library, plan: Plan, damage: str
) -> None:
    made = generate(library, plan, count=40, notes=30, seed=8)
    assert fresh(library)
    expected = found(library, "autobus", with_index=False)
    assert expected and found(library, "autobus", with_index=True) == expected
    path = library.paths.search_index
    library.index.close()  # as when the app has quit; the damage is done to what is on disk
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    size = path.stat().st_size
    if damage == "deleted":
        path.unlink()
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        with path.open("r+b") as file:
            file.truncate(size // 2)
    elif damage == "garbage":
        path.write_bytes(os.urandom(size))
    else:
        with path.open("r+b") as file:
            file.seek(size // 3)
            file.write(os.urandom(size // 3))
    fresh_process = Library(library.paths)  # as the next start finds it
    entries = fresh_process.listing().entries
    assert [e.id for e in search(entries, "autobus", fresh_process.path_of, fresh_process.index)] == expected
    assert fresh_process.index.refresh(entries, fresh_process.path_of)
    assert fresh_process.index.stale(entries) == [] and len(fresh_process.index.stamps()) == len(made.ids)
    assert [e.id for e in search(entries, "autobus", fresh_process.path_of, fresh_process.index)] == expected


def test_a_refresh_killed_midway_leaves_an_index_that_is_whole_and_finishes_next_time(
    library: Library, plan: Plan
) -> None:
    made = generate(library, plan, count=300, notes=20, seed=9)
    library.paths.search_index.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{library.paths.search_index}{suffix}").unlink(missing_ok=True)
    script = (
        "import sys, time\n"
        "from darbnica.paths import resolve_paths\n"
        "from darbnica.store import Library\n"
        "library = Library(resolve_paths(sys.argv[1]))\n"
        "entries = library.listing().entries\n"
        "def slowly(done, total):\n"
        "    print(done, flush=True)\n"
        "    time.sleep(0.05)\n"
        "library.index.refresh(entries, library.path_of, slowly)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(library.paths.data)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    started = time.monotonic()
    while int(child.stdout.readline() or 0) < 100 and time.monotonic() - started < 60:
        pass
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    after = Library(library.paths)
    entries = after.listing().entries
    indexed = len(after.index.stamps())
    assert 100 <= indexed < len(made.ids)  # what was committed is there; the rest is stale, not wrong
    expected = [e.id for e in search(entries, "jaun", after.path_of)]
    assert [e.id for e in search(entries, "jaun", after.path_of, after.index)] == expected
    assert after.index.refresh(entries, after.path_of) and after.index.stale(entries) == []


def test_two_processes_writing_at_once_both_reach_the_index(library: Library, plan: Plan) -> None:
    first = library.create(title="Viens", plan=plan, place="Ape")
    second = library.create(title="Divi", plan=plan, place="Ape")
    darbnica = [sys.executable, "-m", "darbnica", "--data-dir", str(library.paths.data), "add"]
    children = [
        subprocess.Popen([*darbnica, workshop_id, "problem", "-"], stdin=subprocess.PIPE, cwd=ROOT, text=True)
        for workshop_id in (first, second)
    ]
    for n, child in enumerate(children):
        assert child.stdin is not None
        child.stdin.write("".join(f"vārds{n}x{k} un vēl\n" for k in range(200)))
        child.stdin.close()
    writers = [
        subprocess.Popen([*darbnica, workshop_id, "future", f"kopā{workshop_id[-4:]}x{k}"], cwd=ROOT, text=True)
        for k in range(5)
        for workshop_id in (first, second)
    ]
    for process in [*children, *writers]:
        assert process.wait(60) == 0
    assert fresh(library)
    assert assert_same(library, "vards0x199") == [first] and assert_same(library, "vards1x0") == [second]
    for k in range(5):
        assert assert_same(library, f"kopa{first[-4:]}x{k}") == [first]
        assert assert_same(library, f"kopa{second[-4:]}x{k}") == [second]


def test_without_fts5_every_search_reads_the_files(
    library: Library, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MODULE", "fts5_not_built_in")  # what SQLite says without it: no such module
    workshop_id = library.create(title="Ciems", plan=plan, place="Ape")
    with Editor.open(library, workshop_id) as editor:  # writing is not held up by the missing index
        editor.add_note("problem", "Laivu piestātne")
    entries: list[Entry] = library.listing().entries
    assert library.index.refresh(entries, library.path_of) is False
    assert library.index.missing_fts
    assert [e.id for e in search(entries, "laivu", library.path_of, library.index)] == [workshop_id]
