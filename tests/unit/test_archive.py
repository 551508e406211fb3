"""Backup: every workshop into one archive, and back into an empty data folder unchanged."""

import zipfile

import pytest

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, InvalidInput
from darbnica.plan import load_plans
from darbnica.sample import generate
from darbnica.store import Library
from darbnica.store.archive import read_archive, write_archive
from darbnica.store.library import ImportOutcome


def test_export_all_then_import_into_an_empty_folder_gives_the_same_workshops(
    library: Library, paths_factory, tmp_path
) -> None:
    made = generate(library, load_plans(library.paths).get("cld-workshop"), count=6, notes=30, seed=4)
    archive = tmp_path / "backup.zip"
    exported = write_archive(library, archive)
    assert (exported.count, exported.problems) == (6, [])

    other = Library(paths_factory("elsewhere"))
    imported = read_archive(other, archive)
    assert sorted(imported.ids(ImportOutcome.CREATED)) == sorted(made.ids)
    assert [other.read(i) for i in sorted(made.ids)] == [library.read(i) for i in sorted(made.ids)]

    again = read_archive(other, archive)  # everything is there already, unchanged: skipped and reported
    assert sorted(again.ids(ImportOutcome.UNCHANGED)) == sorted(made.ids)
    assert again.ids(ImportOutcome.CREATED) == []


def test_a_different_workshop_with_the_same_id_refuses_the_whole_import(
    library: Library, workshop_id: str, plan, tmp_path
) -> None:
    second = library.create(title="Otrā", plan=plan)
    archive = tmp_path / "backup.zip"
    write_archive(library, archive)
    library.delete(second)
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Pēc dublējuma")
    changed = library.path_of(workshop_id).read_bytes()

    with pytest.raises(DarbnicaError) as caught:
        read_archive(library, archive)
    assert caught.value.key == "error.archive_conflicts" and workshop_id in caught.value.params["ids"]
    assert library.path_of(workshop_id).read_bytes() == changed
    assert not library.path_of(second).exists()  # checked first: nothing at all was written

    replaced = read_archive(library, archive, replace_existing=True)
    assert replaced.ids(ImportOutcome.REPLACED) == [workshop_id]
    assert replaced.ids(ImportOutcome.CREATED) == [second]
    assert library.read(workshop_id).notes == ()


def test_something_else_is_not_imported(library: Library, tmp_path) -> None:
    stray = tmp_path / "photos.zip"
    with zipfile.ZipFile(stray, "w") as archive:
        archive.writestr("a.jpg", b"...")
    with pytest.raises(InvalidInput):
        read_archive(library, stray)
    assert library.ids() == []
