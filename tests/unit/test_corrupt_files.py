"""Damaged files: each one is named with what is wrong, kept as it was, and nothing else stops working.

Workshop files are moved aside (``<id>.json.corrupt-<time>``) and never written over. The catalog is only an index
(every entry is remade from the workshop files), so a damaged one is rebuilt. Plan and settings files are never
written by darbnica: a broken one is reported and the others are used. Theme files come with issue 5 and are not
covered here.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.errors import CorruptFile, PlanError
from darbnica.model import Plan
from darbnica.paths import Paths, builtin_plans
from darbnica.plan import load_plans
from darbnica.settings import load_settings
from darbnica.store import Library
from darbnica.store.library import export_json
from darbnica.text import display


@pytest.fixture
def full(library: Library, workshop_id: str) -> Path:
    """A workshop file with something in every table, in Latvian (multi-byte letters to cut in half)."""
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Nav autobusa svētdienās", tag="need")
        file.add_note("future", "Upe un mežs — mūsu spēks")
        file.add_action("Sarunāt ar pašvaldību", who="Ilze", due="2026-04-01")
        file.add_group("problem", "Transports")
        file.set_rating("learning", 4)
        file.set_headcount("residents", 23)
        file.set_vision("Zaļš ciems")
    return library.path_of(workshop_id)


def aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def assert_set_aside(library: Library, path: Path, damaged: bytes, other: str) -> CorruptFile:
    """The listing names the damaged file, keeps it byte for byte, and still lists the other workshop."""
    listing = library.listing()
    assert [e.id for e in listing.entries] == [other]
    (problem,) = listing.problems
    assert isinstance(problem, CorruptFile) and problem.key == "error.set_aside"
    assert path.name in str(problem)
    (aside,) = aside_files(path)
    assert aside.read_bytes() == damaged and not path.exists()
    return problem


@pytest.mark.parametrize("cut", [0.0, 0.01, 0.25, 0.5, 0.75, 0.99])
def test_a_truncated_workshop_file_is_set_aside(library: Library, plan: Plan, full: Path, cut: float) -> None:
    other = library.create(title="Cita darbnīca", plan=plan)
    data = full.read_bytes()
    damaged = data[: int(len(data) * cut)]
    full.write_bytes(damaged)
    assert_set_aside(library, full, damaged, other)


def test_every_cut_of_a_workshop_file_is_refused_never_half_read(library: Library, full: Path) -> None:
    data = full.read_bytes()
    for length in range(0, len(data), max(1, len(data) // 300)):  # ~300 cuts, many inside a multi-byte letter
        full.write_bytes(data[:length])
        with pytest.raises(CorruptFile):
            library._read_path(full)  # reading only; moving aside is tested above


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="binary"),
        pytest.param(b"   \n\t", id="blank"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested too deep"),
        pytest.param(b'{"meta": {"1": {"schema": ' + b"9" * 5000 + b"}}}", id="5000-digit number"),
        pytest.param(b"null", id="null"),
        pytest.param(b'{"meta": {"1": []}}', id="a document that is a list"),
        pytest.param(b'{"meta": {"1": {"schema": 1}}, "notes": {"x": {}}}', id="a note id that is no number"),
        pytest.param(b'\xef\xbb\xbf{"meta": {}}', id="byte-order mark"),
    ],
)
def test_a_damaged_workshop_file_is_set_aside(library: Library, plan: Plan, full: Path, damage: bytes) -> None:
    other = library.create(title="Cita darbnīca", plan=plan)
    full.write_bytes(damage)
    assert_set_aside(library, full, damage, other)
    assert "Traceback" not in CliRunner().invoke(main, ["list"]).output


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta = data["meta"]["1"]
    assert isinstance(meta, dict)
    return meta


WRONG = {"x": [1.5, None]}  # the wrong type for every field of a workshop file


@pytest.mark.parametrize(
    ("table", "doc", "field"),
    [
        *(("meta", "1", name) for name in ("schema", "id", "title", "lang", "place", "date", "facilitator")),
        *(("meta", "1", name) for name in ("created", "current_step", "engagement", "headcounts", "vision")),
        *(("meta", "1", name) for name in ("vision_checks", "ratings", "step_seconds", "drafts", "follows")),
        *(("meta", "1", name) for name in ("plan_name", "plan")),
        *(("notes", "1", name) for name in ("step", "text", "tag", "author", "votes", "group", "created")),
        *(("actions", "1", name) for name in ("what", "who", "due", "first_step", "status", "origin", "created")),
        *(("groups", "1", name) for name in ("step", "title")),
    ],
)
def test_a_hand_edited_field_of_the_wrong_type_is_named(
    library: Library, plan: Plan, full: Path, table: str, doc: str, field: str
) -> None:
    other = library.create(title="Cita darbnīca", plan=plan)
    data = json.loads(full.read_text(encoding="utf-8"))
    data[table][doc][field] = WRONG
    damaged = json.dumps(data).encode()
    full.write_bytes(damaged)
    problem = assert_set_aside(library, full, damaged, other)
    if (table, field) == ("meta", "plan"):
        assert "copy of its plan" in str(problem)
    else:
        assert (f"meta.{field}" if table == "meta" else f"{table}[1].{field}") in str(problem)


def test_escape_sequences_edited_into_a_file_never_reach_the_screen(library: Library, full: Path) -> None:
    data = json.loads(full.read_text(encoding="utf-8"))
    hostile = "\x1b[2J\x1b[1;1Hpwned\x1b]0;title\x07 \u202eevil\u202c \x00\ud800"
    meta = _meta(data)
    meta["title"] = "Tūja " + hostile
    meta["vision"] = "rinda\x1b[31m\notrā"
    meta["drafts"] = {"problem": hostile}
    meta["ratings"] = {"learning\x1b[5m": 3}
    meta["plan"]["steps"][1]["title"]["en"] = "Problem " + hostile
    data["notes"]["1"]["text"] = hostile
    data["actions"]["1"]["who"] = hostile
    data["groups"]["1"]["title"] = hostile
    full.write_text(json.dumps(data), encoding="utf-8")  # json.dumps writes them as \u escapes, as an editor may
    workshop = library.read(full.stem)
    exported = export_json(workshop)
    assert "\\u001b" not in exported and "\\u0000" not in exported and "\u202e" not in exported
    assert "\ud800" not in exported
    exported.encode("utf-8")  # well-formed: no lone surrogate
    # Each sequence goes whole (the window title it would set too); the words around it stay
    assert workshop.title.startswith("Tūja pwned evil")
    assert workshop.vision == "rinda\notrā"
    assert workshop.plan.steps[1].title["en"].rstrip() == "Problem pwned evil"
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0 and "\x1b" not in result.output and "“Tūja pwned evil" in result.output


def test_a_lone_surrogate_edited_into_a_file_does_not_stop_later_changes(library: Library, full: Path) -> None:
    raw = full.read_text(encoding="utf-8").replace("Upe un mežs", "Upe \\ud800 un mežs")
    full.write_text(raw, encoding="utf-8")
    with Editor.open(library, full.stem) as file:
        assert file.workshop.notes[1].text == "Upe  un mežs — mūsu spēks"  # shown without it
        file.add_note("problem", "vēl viena")  # writing the whole file back works
    # The file is written from what the app holds: the note as it is shown, the unwritable half-character dropped.
    assert library.read(full.stem).notes[1].text == "Upe  un mežs — mūsu spēks"


def test_a_file_from_the_future_or_locked_elsewhere_is_not_moved(library: Library, full: Path) -> None:
    data = json.loads(full.read_text(encoding="utf-8"))
    _meta(data)["schema"] = 99
    full.write_text(json.dumps(data), encoding="utf-8")
    before = full.read_bytes()
    assert [p.key for p in library.listing().problems] == ["error.newer_schema"]
    assert full.read_bytes() == before and aside_files(full) == []


# -- the catalog ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "as darbnica writes it"])
def test_a_hand_edited_catalog_entry_is_remade_from_its_file(library: Library, full: Path, ascii_only: bool) -> None:
    library.listing()
    catalog = json.loads(library.paths.catalog.read_text(encoding="utf-8"))
    good = dict(catalog["workshops"][0])
    wrongs: list[dict[str, object]] = [{"title": 5}, {"notes": "many"}, {"title": "\x1b[2Jx"}, {"title": "\x9b2Jx"}]
    wrongs += [{"title": "a\u202eb"}, {"open_actions": True}, {"size": None}, {"open_tasks": [{"id": 1}]}]
    for wrong in wrongs:
        catalog["workshops"][0] = {**good, **wrong}  # size and time still match the file, so it would be trusted
        text = json.dumps(catalog, ensure_ascii=ascii_only, separators=(",", ":"))
        library.paths.catalog.write_text(text, encoding="utf-8")
        (entry,) = library.listing().entries
        assert (entry.title, entry.notes, entry.open_actions) == ("Tūjas nākotne", 2, 1)


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00\xff", b"[" * 100_000, b'{"version": 1, "workshops": 7}', b"[]"],
    ids=["empty", "binary", "nested too deep", "workshops not a list", "a list"],
)
def test_a_damaged_catalog_is_rebuilt(library: Library, full: Path, damage: bytes) -> None:
    library.paths.catalog.write_bytes(damage)
    (entry,) = library.listing().entries
    assert entry.id == full.stem and entry.notes == 2
    assert json.loads(library.paths.catalog.read_text(encoding="utf-8"))["workshops"][0]["id"] == full.stem


# -- plans, settings and imports ---------------------------------------------------------------------------------


def _user_plan(paths: Paths, name: str, body: bytes) -> Path:
    paths.user_plans.mkdir(parents=True, exist_ok=True)
    path = paths.user_plans / f"{name}.toml"
    path.write_bytes(body)
    return path


SHIPPED = (builtin_plans() / "cld-workshop.toml").read_bytes()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        pytest.param(b"\x00\xff\xfe binary", "cannot be read", id="binary"),
        pytest.param(b"a = " + b"[" * 100_000, "not valid TOML", id="nested too deep"),
        # cut in the middle of a text, as a copy that stopped half-way would be
        pytest.param(SHIPPED[: SHIPPED.index("Izturīga".encode()) + 3], "not valid TOML", id="cut in half"),
        pytest.param(SHIPPED.replace(b"minutes = 10", b'minutes = "ten"', 1), "minutes", id="text for a number"),
        pytest.param(SHIPPED.replace(b'kind = "notes"', b"kind = 5", 1), "kind", id="number for a text"),
        pytest.param(SHIPPED.replace(b'key = "problem"', b"key = []", 1), "key", id="list for a text"),
        pytest.param(SHIPPED.replace(b'label.en = "need"', b"label.en = 1", 1), "label", id="number for a label"),
    ],
)
def test_a_broken_plan_file_is_named_kept_and_replaces_nothing(paths: Paths, body: bytes, says: str) -> None:
    path = _user_plan(paths, "cld-workshop", body)  # same name as the shipped plan it would replace
    plans = load_plans(paths)
    (problem,) = plans.problems
    assert isinstance(problem, PlanError) and str(path) in str(problem) and says in str(problem)
    assert plans.sources["cld-workshop"] == builtin_plans() / "cld-workshop.toml"  # the shipped one is still used
    assert path.read_bytes() == body


def test_a_plan_with_escape_sequences_shows_its_text_without_them(paths: Paths) -> None:
    body = SHIPPED.replace('title.en = "Problem"'.encode(), 'title.en = "Pro\\u001b[2Jblem"'.encode(), 1)
    assert body != SHIPPED
    _user_plan(paths, "cld-workshop", body)
    step = load_plans(paths).get("cld-workshop").step("problem")
    assert step.title["en"] == "Problem" == display(step.title["en"])


def test_a_deeply_nested_settings_file_is_reported(paths: Paths) -> None:
    paths.settings.parent.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text("lang = " + "[" * 100_000, encoding="utf-8")
    (problem,) = load_settings(paths).problems
    assert str(paths.settings) in str(problem)


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"format": ' + b"7" * 5000 + b"}", b"", b"\xff"],
    ids=["nested too deep", "5000-digit number", "empty", "not UTF-8"],
)
def test_an_unreadable_import_is_refused_in_one_line(library: Library, tmp_path: Path, body: bytes) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(body)
    result = CliRunner().invoke(main, ["--lang", "en", "import", str(source)])
    assert result.exit_code == 1
    assert result.output.startswith("darbnica: The export cannot be read") and "Traceback" not in result.output
    assert library.ids() == []


def test_two_damaged_copies_set_aside_in_one_second_are_both_kept(
    library: Library, workshop_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import darbnica.store.library as library_module

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Frozen:
            return cls(2026, 3, 14, 10, 0, 0)

    monkeypatch.setattr(library_module, "datetime", Frozen)
    path = library.path_of(workshop_id)
    for damaged in (b"first damaged copy", b"second damaged copy"):
        path.write_bytes(damaged)
        with pytest.raises(CorruptFile):
            library.read(workshop_id)
        path.write_bytes(b"")  # the next damage finds a file in its place again
    path.unlink()
    assert sorted(p.read_bytes() for p in aside_files(path)) == [b"first damaged copy", b"second damaged copy"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda tables: next(iter(tables["notes"].values())).update(text="x" * 50_000_000), "notes[1].text"),
        (lambda tables: tables["meta"]["1"]["headcounts"][0].update(count=-(10**50)), "headcounts[0].count"),
    ],
)
def test_a_hand_edited_value_beyond_typings_range_is_damage_set_aside_by_field(
    library: Library, plan: Plan, full: Path, change: Any, said: str
) -> None:
    other = library.create(title="Cita", plan=plan)
    tables = json.loads(full.read_bytes())
    change(tables)
    damaged = json.dumps(tables).encode()
    full.write_bytes(damaged)
    problem = assert_set_aside(library, full, damaged, other)
    assert said in str(problem) and str(problem).isprintable()
