import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.errors import Ambiguous, CorruptFile, DarbnicaError, InvalidInput, Locked, NotFound, WriteFailed
from darbnica.model import SCHEMA_VERSION, Plan, Status
from darbnica.store import Library
from darbnica.store.library import export_workshop
from darbnica.store.storage import stale_temps


def test_a_note_is_on_disk_when_add_returns(library: Library, opened: Editor) -> None:
    note = opened.add_note("problem", "Nav sabiedriskā transporta", tag="need")
    raw = json.loads(opened.path.read_text(encoding="utf-8"))
    assert raw["notes"][str(note.id)]["text"] == "Nav sabiedriskā transporta"
    assert raw["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert library.read(opened.workshop.id).notes == (note,)


def test_reopening_finds_everything_where_it_was(library: Library, workshop_id: str) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Bērnu laukums", tag="want")
        file.add_action("Izveidot WhatsApp grupu", who="Anna", due="2026-04-01")
        file.set_rating("learning", 4)
        file.set_vision("Tūja — spēcīgāka kopiena")
        file.set_vision_check(2, True)
        file.set_headcount("residents", 23)
        file.set_engagement("together")
        file.go_to("vision")
        file.set_draft("future", "pusē uzrakstīts")
        before = file.workshop
    with Editor.open(library, workshop_id) as file:
        assert file.workshop == before
        assert file.workshop.current_step == "vision"
        assert file.workshop.drafts == {"future": "pusē uzrakstīts"}


def test_no_temp_file_is_left_and_stale_ones_go_on_open(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "x")
    assert stale_temps(path) == []
    leftover = path.with_name(f".{path.name}.999-dead.tmp")
    leftover.write_text("half a wri", encoding="utf-8")
    with library.open(workshop_id):
        assert not leftover.exists()


def test_edit_retag_delete_and_restore(opened: Editor) -> None:
    note = opened.add_note("problem", "pirmais")
    assert opened.edit_note(note, "labots").text == "labots"
    assert opened.retag_note(note, "need").tag == "need"
    deleted = opened.delete_note(note)
    assert not opened.workshop.notes
    opened.undo()  # a deleted note is put back by undoing its deletion
    assert opened.workshop.notes == (deleted,)


@pytest.mark.parametrize(
    ("step", "text", "tag"),
    [
        ("problem", "", None),
        ("problem", "x" * 1001, None),
        ("problem", "ok", "resource"),  # a tag of another step
        ("nowhere", "ok", None),
        ("responsibilities", "ok", None),  # collects actions, not notes
        ("context", "ok", None),
    ],
)
def test_bad_notes_are_refused_and_nothing_is_written(opened: Editor, step: str, text: str, tag: str) -> None:
    before = opened.path.read_bytes()
    with pytest.raises(DarbnicaError):
        opened.add_note(step, text, tag)
    assert opened.path.read_bytes() == before


def test_actions_check_their_fields(opened: Editor) -> None:
    action = opened.add_action("Atrast partnerus", who="Jānis", due="2026-05-01", first_step="Zvanīt")
    assert action.status is Status.PLANNED and action.is_open
    assert opened.update_action(action, status="done").status is Status.DONE
    assert opened.update_action(action, due="līdz Jāņiem").due == "līdz Jāņiem"  # by when, as people say it
    for bad in ({"due": "x" * 201}, {"status": "maybe"}, {"what": " "}):
        with pytest.raises(InvalidInput):
            opened.update_action(action, **bad)
    assert opened.workshop.open_actions == ()


def test_ratings_and_headcounts_are_checked(opened: Editor) -> None:
    with pytest.raises(InvalidInput):
        opened.set_rating("learning", 6)
    with pytest.raises(InvalidInput):
        opened.set_rating("not-a-principle", 3)
    opened.set_headcount("residents", 20)
    opened.set_headcount("Skolotāji", 3)
    opened.set_headcount("residents", 18)
    assert [(h.group, h.count) for h in opened.workshop.headcounts] == [("residents", 18), ("Skolotāji", 3)]
    opened.set_headcount("residents", 0)
    assert opened.workshop.people == 3


def test_a_second_process_is_refused_and_told_who_has_it(library: Library, workshop_id: str) -> None:
    code = (
        "import sys\n"
        "from darbnica.paths import resolve_paths\n"
        "from darbnica.store import Library\n"
        f"f = Library(resolve_paths()).open({workshop_id!r})\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(Locked) as caught:
            library.open(workshop_id)
        assert str(holder.pid) in str(caught.value)
        assert library.read(workshop_id).id == workshop_id  # reading is still fine
    finally:
        holder.kill()
        holder.wait()
    # The OS released the killed process's lock: the workshop opens again without any clean-up.
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "after the crash")


def test_the_same_process_cannot_open_a_workshop_twice(library: Library, opened: Editor) -> None:
    with pytest.raises(Locked):
        library.open(opened.workshop.id)


@pytest.mark.parametrize(
    "damage",
    [b"", b'{"meta": {"1": {"schema": 1, "id"', b"\x00\xff\xfe binary", b"[]", b'{"meta": {}}'],
)
def test_a_damaged_file_is_moved_aside_and_kept(library: Library, plan: Plan, workshop_id: str, damage: bytes) -> None:
    other = library.create(title="Cits", plan=plan)
    path = library.path_of(workshop_id)
    path.write_bytes(damage)
    with pytest.raises(CorruptFile) as caught:
        library.open(workshop_id)
    aside = Path(caught.value.params["aside"])
    assert aside.read_bytes() == damage and not path.exists()
    assert [e.id for e in library.listing().entries] == [other]


def test_a_hand_edited_wrong_type_names_the_field(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"] = {"1": {"step": "problem", "text": 42}}
    path.write_text(json.dumps(data), encoding="utf-8")
    listing = library.listing()
    assert listing.entries == []
    (problem,) = listing.problems
    assert "notes[1].text" in str(problem)


def test_a_file_from_a_newer_darbnica_is_left_alone(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DarbnicaError) as caught:
        library.open(workshop_id)
    assert caught.value.key == "error.newer_schema"
    assert path.exists()


def test_a_full_disk_keeps_the_last_good_file(opened: Editor, monkeypatch: pytest.MonkeyPatch) -> None:
    opened.add_note("problem", "saved before")
    good = opened.path.read_bytes()

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteFailed) as caught:
        opened.add_note("problem", "not saved")
    monkeypatch.undo()
    assert caught.value.key == "error.disk_full"
    assert opened.path.read_bytes() == good
    assert [n.text for n in opened.workshop.notes] == ["saved before"]
    assert stale_temps(opened.path) == []
    opened.add_note("problem", "saved after")  # and it carries on once there is space
    assert [n.text for n in opened.workshop.notes] == ["saved before", "saved after"]


def test_workshops_are_found_by_unique_prefix(library: Library, plan: Plan) -> None:
    a = library.create(title="A", plan=plan, place="Tūja", date="2026-03-14")
    b = library.create(title="B", plan=plan, place="Tūja", date="2026-03-14")
    assert a.startswith("2026-03-14-tuja-")
    assert library.resolve(a) == a and library.resolve(b) == b
    first_difference = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
    assert library.resolve(a[: first_difference + 1]) == a
    with pytest.raises(Ambiguous):
        library.resolve("2026-03-14")
    with pytest.raises(NotFound):
        library.resolve("2025")


def test_the_catalog_is_rebuilt_when_missing_or_damaged(library: Library, plan: Plan) -> None:
    ids = [library.create(title=f"W{i}", plan=plan, date=f"2026-0{i}-01") for i in range(1, 4)]
    assert [e.id for e in library.listing().entries] == ids[::-1]  # newest first
    for damage in (None, b"{not json", b'{"version": 1, "workshops": [{"id": 3}]}'):
        if damage is None:
            library.paths.catalog.unlink()
        else:
            library.paths.catalog.write_bytes(damage)
        assert [e.id for e in library.listing().entries] == ids[::-1]


def test_the_catalog_follows_changes_without_being_written_on_every_note(library: Library, workshop_id: str) -> None:
    library.listing()
    catalog_before = library.paths.catalog.read_bytes()
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "viens")
        file.add_action("darbs")
        assert library.paths.catalog.read_bytes() == catalog_before
    (entry,) = library.listing().entries
    assert (entry.notes, entry.open_actions) == (1, 1)


def test_export_import_export_is_the_same(library: Library, workshop_id: str, paths_factory) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Nav ceļa «uz» skolu [x]", tag="need")
        file.add_action("Sarunāt ar pašvaldību", who="Ilze")
    exported = export_workshop(library.read(workshop_id))
    elsewhere = Library(paths_factory("elsewhere"))
    assert elsewhere.import_data(exported)[1].value == "created"
    assert export_workshop(elsewhere.read(workshop_id)) == exported
    assert elsewhere.import_data(exported)[1].value == "unchanged"


def test_import_refuses_to_overwrite_a_different_workshop(library: Library, workshop_id: str) -> None:
    exported = export_workshop(library.read(workshop_id))
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "changed since the export")
    with pytest.raises(DarbnicaError) as caught:
        library.import_data(exported)
    assert caught.value.key == "error.import_conflict"
    assert library.import_data(exported, replace_existing=True)[1].value == "replaced"
    assert library.read(workshop_id).notes == ()


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps only the read-only bit")
def test_a_private_workshop_file_stays_private_after_a_write(library: Library, workshop_id: str) -> None:
    path = library.path_of(workshop_id)
    path.chmod(0o600)
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Tikai vadītājai")
    assert path.stat().st_mode & 0o777 == 0o600


def test_two_laptops_making_the_same_workshop_the_same_day_get_different_ids(paths_factory, plan: Plan) -> None:
    """Their files meet later in one shared archive: the random end of an id is 32 bits, not 16 (where a dozen
    laptops making a hundred workshops in one place on one day shared an id about once in ten archives)."""
    laptops = [Library(paths_factory(name)) for name in ("a", "b")]
    made = [
        {lib.create(title="Tūja", plan=plan, place="Tūja", date="2026-03-14") for _ in range(40)} for lib in laptops
    ]
    assert not made[0] & made[1]
    for workshop_id in made[0] | made[1]:
        prefix, random_part = workshop_id.rsplit("-", 1)
        assert prefix == "2026-03-14-tuja"
        assert len(random_part) == 8 and int(random_part, 16) >= 0


def test_an_id_made_before_sharing_keeps_working(library: Library, workshop_id: str) -> None:
    old = "2025-06-01-tuja-3f9a"  # 4 hex digits, as ids were made until sharing came
    library.path_of(workshop_id).rename(library.path_of(old))
    assert library.resolve("2025-06-01") == old
    assert library.read(old).id == old
    with Editor.open(library, old) as editor:
        editor.add_note("problem", "vēl strādā", tag="need")
    assert [e.id for e in library.listing().entries] == [old]
