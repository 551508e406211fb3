"""Deleting moves a workshop to the trash; it can be restored whole until the trash is emptied."""

import pytest

from darbnica.editing import Editor
from darbnica.errors import DarbnicaError, Locked, NotFound
from darbnica.model import Plan
from darbnica.store import Library


def test_delete_moves_to_the_trash_and_restore_brings_it_back_whole(library: Library, workshop_id: str) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Nav autobusa", tag="need")
    before = library.path_of(workshop_id).read_bytes()

    assert library.delete(workshop_id[:16]) == workshop_id
    assert library.listing().entries == []
    with pytest.raises(NotFound):
        library.read(workshop_id)
    (trashed,) = library.trashed()
    assert (trashed.id, trashed.title, trashed.place) == (workshop_id, "Tūjas nākotne", "Tūja")
    assert trashed.deleted  # when, for the trash list

    assert library.restore(workshop_id[:16]) == workshop_id
    assert library.path_of(workshop_id).read_bytes() == before
    assert [e.id for e in library.listing().entries] == [workshop_id]
    assert library.trashed() == []


def test_a_workshop_open_elsewhere_is_not_deleted(library: Library, workshop_id: str) -> None:
    with library.open(workshop_id):
        with pytest.raises(Locked):
            library.delete(workshop_id)
    assert library.read(workshop_id).id == workshop_id


def test_restore_never_overwrites_and_trash_never_loses_a_copy(library: Library, workshop_id: str) -> None:
    library.delete(workshop_id)
    path = library.path_of(workshop_id)
    path.write_bytes(library.trash.path_of(workshop_id).read_bytes())  # e.g. imported again meanwhile
    with pytest.raises(DarbnicaError) as restoring:
        library.restore(workshop_id)
    assert restoring.value.key == "error.restore_taken"
    with pytest.raises(DarbnicaError) as deleting:
        library.delete(workshop_id)
    assert deleting.value.key == "error.trash_taken"
    assert path.exists() and library.trash.path_of(workshop_id).exists()


def test_emptying_the_trash_removes_only_the_trash(library: Library, plan: Plan, workshop_id: str) -> None:
    kept = library.create(title="Paliek", plan=plan)
    library.delete(workshop_id)
    assert library.empty_trash() == 1
    assert library.trashed() == []
    with pytest.raises(NotFound):
        library.restore(workshop_id)
    assert [e.id for e in library.listing().entries] == [kept]
