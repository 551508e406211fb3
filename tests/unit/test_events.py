"""Events: what a laptop records about a workshop another laptop owns, and how every view folds them in."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from darbnica.editing import Editor
from darbnica.errors import NotOwner
from darbnica.model import Plan, Status
from darbnica.paths import resolve_paths
from darbnica.promises import set_status
from darbnica.store import Library
from darbnica.store.events import Event, Kind, fold


@pytest.fixture
def pair(tmp_path: Path, plan: Plan) -> tuple[Library, Library, str]:
    """A workshop made on laptop A with one task, its file carried to laptop B (as a sync would)."""
    a, b = Library(resolve_paths(tmp_path / "a")), Library(resolve_paths(tmp_path / "b"))
    workshop_id = a.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14")
    with Editor.open(a, workshop_id) as editor:
        editor.add_action("Uzrakstīt pašvaldībai", who="Anna")
    b.folder.mkdir(parents=True)
    shutil.copy(a.path_of(workshop_id), b.path_of(workshop_id))
    return a, b, workshop_id


def test_another_laptops_workshop_is_not_written_here(pair: tuple[Library, Library, str]) -> None:
    a, b, workshop_id = pair
    before = b.path_of(workshop_id).read_bytes()
    with pytest.raises(NotOwner) as refused:
        Editor.open(b, workshop_id)
    assert "take-over" in str(refused.value) and a.device in str(refused.value)
    with pytest.raises(NotOwner):
        b.delete(workshop_id)
    assert b.path_of(workshop_id).read_bytes() == before


def test_a_status_changed_on_another_laptop_is_an_event_every_view_folds_in(
    pair: tuple[Library, Library, str],
) -> None:
    a, b, workshop_id = pair
    before = b.path_of(workshop_id).read_bytes()
    change = set_status(b, workshop_id, 1, Status.DONE)
    assert change.as_event and change.owner == a.device
    assert b.path_of(workshop_id).read_bytes() == before  # the owner's file is never rewritten
    (event,) = list(b.paths.events.iterdir())
    assert event.name.startswith(f"{workshop_id}.") and b.device in event.name
    assert b.read(workshop_id).actions[0].status is Status.DONE
    (entry,) = b.listing().entries
    assert entry.open_actions == 0 and entry.open_tasks == ()
    # The owner, given the event (by a sync), shows it too, and its next save writes it into the file.
    a.paths.events.mkdir()
    shutil.copy(event, a.paths.events / event.name)
    assert a.listing().entries[0].open_actions == 0
    with Editor.open(a, workshop_id) as editor:
        assert editor.workshop.actions[0].status is Status.DONE
        editor.add_notes("problem", ["Nav autobusa"])
    assert b"done" in a.path_of(workshop_id).read_bytes()


def test_the_latest_change_wins_and_ties_go_by_the_laptops_name(pair: tuple[Library, Library, str]) -> None:
    a, _, workshop_id = pair
    workshop = a.read(workshop_id)
    task = replace(workshop.actions[0], updated="2026-03-14T12:00:00+02:00")
    workshop = replace(workshop, actions=(task,))

    def status_event(stamp: str, device: str, status: Status, time: str) -> Event:
        return Event(f"{workshop_id}.{stamp}-{device}-00000000.json", workshop_id, Kind.STATUS, device, time, 1, status)

    older = status_event("20260314T095959000000Z", "c", Status.DONE, "2026-03-14T11:59:59+02:00")
    assert fold(workshop, [older]).actions[0].status is Status.PLANNED  # the file changed after it: the file's
    newer = status_event("20260314T100001000000Z", "c", Status.DONE, "2026-03-14T12:00:01+02:00")
    dropped = status_event("20260314T100002000000Z", "b", Status.DROPPED, "2026-03-14T12:00:02+02:00")
    assert fold(workshop, [dropped, newer]).actions[0].status is Status.DROPPED  # the latest, in any order
    same_b = status_event("20260314T100003000000Z", "b", Status.IN_PROGRESS, "2026-03-14T12:00:03+02:00")
    same_c = status_event("20260314T100003000000Z", "c", Status.DONE, "2026-03-14T12:00:03+02:00")
    for order in ([same_b, same_c], [same_c, same_b]):
        assert fold(workshop, order).actions[0].status is Status.DONE  # the same instant: laptop "c" sorts last


def test_taking_over_makes_this_laptop_the_owner(pair: tuple[Library, Library, str]) -> None:
    a, b, workshop_id = pair
    assert b.take_over(workshop_id) == (workshop_id, a.device)
    assert b.take_over(workshop_id) == (workshop_id, None)  # already this laptop's: nothing more recorded
    assert len(list(b.paths.events.iterdir())) == 1
    with Editor.open(b, workshop_id) as editor:
        editor.add_notes("problem", ["rakstīts uz B"])
    assert b.listing().entries[0].device == b.device
    # A, given the event, no longer writes it.
    a.paths.events.mkdir()
    for event in b.paths.events.iterdir():
        shutil.copy(event, a.paths.events / event.name)
    with pytest.raises(NotOwner):
        Editor.open(a, workshop_id)
    assert a.listing().entries[0].device == b.device


def test_an_event_file_that_is_not_one_is_left_out(pair: tuple[Library, Library, str]) -> None:
    _, b, workshop_id = pair
    set_status(b, workshop_id, 1, Status.DONE)
    (event,) = list(b.paths.events.iterdir())
    event.write_text('{"format": "darbnica-event", "kind": "status"}', encoding="utf-8")
    assert b.read(workshop_id).actions[0].status is Status.PLANNED
    assert b.listing().entries[0].open_actions == 1


def test_an_event_about_a_task_whose_number_was_given_again_does_not_apply(
    pair: tuple[Library, Library, str],
) -> None:
    a, b, workshop_id = pair
    event = b.record_status(b.read(workshop_id), 1, Status.DONE)
    assert event.task_created == a.read(workshop_id).actions[0].created
    # Meanwhile the owner deleted that task and made a new one, which got the freed number 1.
    workshop = a.read(workshop_id)
    again = replace(workshop.actions[0], what="Cits darbs", created="2026-04-01T10:00:00+03:00")
    assert fold(replace(workshop, actions=(again,)), [event]).actions[0].status is Status.PLANNED
    assert fold(workshop, [event]).actions[0].status is Status.DONE  # the task it was about: done
