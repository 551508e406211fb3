"""Imports keep the promises of typing: every workshop is checked with the limits and ranges typing has, each
refusal names the workshop, the field and the limit, a whole archive is refused with nothing written, and an
archive that unpacks to far more than it is (a zip bomb) is refused without being unpacked."""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.errors import InvalidInput
from darbnica.i18n import translator
from darbnica.store import Library
from darbnica.store.archive import read_archive
from darbnica.store.library import WORKSHOP_LIMIT, export_json

MANIFEST = json.dumps({"format": "darbnica-archive", "version": 1})


def exported(library: Library, workshop_id: str) -> dict[str, Any]:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Nav autobusa")
        file.add_action("Sarunāt ar pašvaldību", who="Ilze")
        file.set_headcount("residents", 12)
    return json.loads(export_json(library.read(workshop_id)))


def message(error: InvalidInput, lang: str = "en") -> str:
    return translator(lang)(error.key, **error.params)


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("darbnica.json", MANIFEST)
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def meta(data: dict[str, Any]) -> dict[str, Any]:
    return data["tables"]["meta"]["1"]


def note(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["tables"]["notes"].values()))


OUT_OF_RANGE = {
    "a note of 50 MB": (lambda d: note(d).update(text="x" * 50_000_000), "notes[1].text", "1000"),
    "a note over the limit": (lambda d: note(d).update(text="x" * 1001), "notes[1].text", "1000"),
    "a head-count of -10^50": (
        lambda d: meta(d)["headcounts"][0].update(count=-(10**50)),
        "meta.headcounts[0].count",
        "100000",
    ),
    "votes of a million": (lambda d: note(d).update(votes=10**6), "notes[1].votes", "999"),
    "a rating of 9": (lambda d: meta(d).update(ratings={"learning": 9}), "meta.ratings.learning", "5"),
    "a title of 300 characters": (lambda d: meta(d).update(title="T" * 300), "meta.title", "200"),
    "a date that is not one": (lambda d: meta(d).update(date="tomorrow"), "meta.date", "tomorrow"),
    "a due date longer than a task's fields": (
        lambda d: next(iter(d["tables"]["actions"].values())).update(due="d" * 201),
        "actions[1].due",
        "200",
    ),
    "a vision too long": (lambda d: meta(d).update(vision="v" * 2001), "meta.vision", "2000"),
    "a step time of 10^50 s": (lambda d: meta(d).update(step_seconds={"problem": 10**50}), "step_seconds", "0"),
    "a language nobody speaks": (lambda d: meta(d).update(lang="xx"), "meta.lang", ""),
}


@pytest.mark.parametrize("case", list(OUT_OF_RANGE))
def test_an_import_outside_the_ranges_of_typing_is_refused_by_workshop_field_and_limit(
    library: Library, workshop_id: str, paths_factory, case: str
) -> None:
    data = exported(library, workshop_id)
    change, field, limit = OUT_OF_RANGE[case]
    change(data)
    other = Library(paths_factory("elsewhere"))
    with pytest.raises(InvalidInput) as caught:
        other.import_data(data)
    for lang in ("en", "lv"):
        said = message(caught.value, lang)
        assert workshop_id in said and field in said and limit in said and said.isprintable()
    assert other.ids() == []


def test_an_archive_holding_one_bad_workshop_writes_none_and_names_it(
    library: Library, workshop_id: str, plan, paths_factory, tmp_path: Path
) -> None:
    good = exported(library, workshop_id)
    second = library.create(title="Otrā", plan=plan)
    bad = json.loads(export_json(library.read(second)))
    meta(bad)["headcounts"] = [{"group": "residents", "count": -(10**50)}]
    archive = zip_of(
        tmp_path / "a.zip",
        {f"workshops/{workshop_id}.json": json.dumps(good).encode(), "workshops/z.json": json.dumps(bad).encode()},
    )
    other = Library(paths_factory("elsewhere"))
    with pytest.raises(InvalidInput) as caught:
        read_archive(other, archive)
    assert "workshops/z.json" in message(caught.value) and "headcounts[0].count" in message(caught.value)
    assert other.ids() == []


@pytest.mark.parametrize("replace", [False, True])
def test_two_members_with_one_id_refuse_the_archive_with_nothing_written(
    library: Library, workshop_id: str, paths_factory, tmp_path: Path, replace: bool
) -> None:
    first = exported(library, workshop_id)
    second = json.loads(json.dumps(first))
    note(second)["text"] = "Cits teksts"
    archive = zip_of(
        tmp_path / "twice.zip",
        {"workshops/a.json": json.dumps(first).encode(), "workshops/b.json": json.dumps(second).encode()},
    )
    other = Library(paths_factory("elsewhere"))
    with pytest.raises(InvalidInput) as caught:
        read_archive(other, archive, replace_existing=replace)
    said = message(caught.value)
    assert workshop_id in said and "workshops/a.json" in said and "workshops/b.json" in said
    assert other.ids() == []


def _bomb(path: Path, unpacked: int) -> Path:
    """An archive whose one member is ``unpacked`` zero bytes: a few hundred kilobytes on disk."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("darbnica.json", MANIFEST)
        with archive.open("workshops/bomb.json", "w") as member:
            chunk = b"\0" * 2**20
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return path


def _lie(path: Path, member: str, size: int) -> None:
    """Make the archive's local and central headers of ``member`` say it unpacks to ``size`` bytes."""
    raw = bytearray(path.read_bytes())
    name = member.encode()
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # where each header keeps the unpacked size
        start = 0
        while (start := raw.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + len(name)] == name:
                raw[start + at : start + at + 4] = size.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(raw))


def test_a_zip_bomb_is_refused_without_being_unpacked(library: Library, tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", WORKSHOP_LIMIT + 2**20)
    assert bomb.stat().st_size < WORKSHOP_LIMIT // 100
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput) as caught:
            read_archive(library, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "workshops/bomb.json" in message(caught.value) and str(WORKSHOP_LIMIT) in message(caught.value)
    assert peak < 4 * 2**20  # nothing like the 65 MiB it unpacks to was held
    assert library.ids() == []


def test_a_zip_bomb_that_lies_about_its_size_is_stopped_at_the_limit(library: Library, tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "liar.zip", WORKSHOP_LIMIT + 2**20)
    _lie(bomb, "workshops/bomb.json", 100)
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("workshops/bomb.json").file_size == 100  # the lie is what the archive says
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput):
            read_archive(library, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20
    assert library.ids() == []


def test_a_json_file_larger_than_any_workshop_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(WORKSHOP_LIMIT + 1)  # sparse: nothing to read, only its size
    result = CliRunner().invoke(main, ["import", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "huge.json" in result.output and str(WORKSHOP_LIMIT) in result.output
    assert len(result.output.strip().splitlines()) == 1
