"""A follow-up starts from the last workshop's vision and open promises, and shows what changed since."""

from dataclasses import replace
from datetime import date, timedelta

from darbnica.editing import Editor
from darbnica.followup import follow_up, follow_up_date, month_later, open_counts, open_tasks, progress
from darbnica.model import Plan, Status
from darbnica.plan import load_plans
from darbnica.store import Library


def promises(library: Library, workshop_id: str) -> None:
    with Editor.open(library, workshop_id) as file:
        file.set_vision("Tūja — zaļš ciems, kur jaunieši paliek")
        file.add_action("Izveidot WhatsApp grupu", who="Anna", due="2026-04-01", first_step="Piezvanīt")
        file.add_action("Sarīkot talku", who="Jānis", status="in_progress")
        file.add_action("Uzrakstīt projektu", who="Ilze", status="done")
        file.add_action("Skeitparks", status="dropped")


def test_follow_up_carries_the_vision_and_open_responsibilities(library: Library, plan: Plan, workshop_id: str) -> None:
    promises(library, workshop_id)
    follow_plan = load_plans(library.paths).get("follow-up-meeting")
    new_id = follow_up(library, workshop_id[:12], title="Tūja pēc pusgada", plan=follow_plan, date="2026-09-10")
    previous, new = library.read(workshop_id), library.read(new_id)

    assert new.follows == workshop_id
    assert (new.place, new.facilitator, new.lang, new.date) == ("Tūja", "Ilze", previous.lang, "2026-09-10")
    assert new.plan.name == "follow-up-meeting"
    assert new.vision == previous.vision
    carried = [(a.what, a.who, a.due, a.first_step, a.status, a.origin) for a in new.actions]
    assert carried == [
        ("Izveidot WhatsApp grupu", "Anna", "2026-04-01", "Piezvanīt", Status.PLANNED, f"{workshop_id}#1"),
        ("Sarīkot talku", "Jānis", "", "", Status.IN_PROGRESS, f"{workshop_id}#2"),
    ]
    assert library.read(workshop_id) == previous  # the earlier workshop is not touched


def test_progress_shows_done_still_open_dropped_and_new(library: Library, plan: Plan, workshop_id: str) -> None:
    promises(library, workshop_id)
    new_id = follow_up(library, workshop_id, title="Otrā tikšanās", plan=plan)
    with Editor.open(library, new_id) as file:
        whatsapp, talka = file.workshop.actions
        file.update_action(whatsapp, status="done")
        file.add_action("Uzaicināt jauniešus", who="Līga")
    result = progress(library.read(new_id))
    assert result is not None
    assert progress(library.read(workshop_id)) is None  # the first workshop follows nothing
    assert [a.what for a in result.done] == ["Izveidot WhatsApp grupu"]
    assert [a.what for a in result.still_open] == ["Sarīkot talku"]
    assert result.dropped == ()
    assert [a.what for a in result.new] == ["Uzaicināt jauniešus"]
    library.delete(workshop_id)  # the story is in the follow-up itself, even without the earlier workshop
    assert progress(library.read(new_id)) == result


def test_open_tasks_across_workshops_count_a_carried_promise_once(library: Library, plan: Plan) -> None:
    late = (date.today() - timedelta(days=3)).isoformat()
    later = (date.today() + timedelta(days=30)).isoformat()
    tuja = library.create(title="Tūja", plan=plan, place="Tūja", date="2026-01-10")
    ainazi = library.create(title="Ainaži", plan=plan, place="Ainaži", date="2026-02-10")
    with Editor.open(library, tuja) as file:
        file.add_action("Talka", who="Jānis", due=later)
        file.add_action("WhatsApp grupa", who="Anna", due=late)
    with Editor.open(library, ainazi) as file:
        file.add_action("Tirdziņš", who="Dace")
    again = follow_up(library, tuja, title="Tūja atkal", plan=plan)
    with Editor.open(library, again) as file:
        file.update_action(file.action(1), status="done")  # the talka is done; the earlier copy must not show up again

    tasks = open_tasks(library.listing().entries)
    assert [(t.entry.id, t.task.what, t.overdue) for t in tasks] == [
        (ainazi, "Tirdziņš", False),  # places alphabetically
        (again, "WhatsApp grupa", True),  # carried: listed once, in the follow-up, and overdue
    ]
    # The library's and `darbnica list`'s counts say the same: the earlier workshop's two went into the follow-up
    # (where one is done), so it has none left open of its own; it said 2 after the follow-up's talka was done.
    assert open_counts(library.listing().entries) == {tuja: 0, ainazi: 1, again: 1}


def test_the_catalog_reads_back_what_it_saved_for_a_follow_up(library: Library, plan: Plan, workshop_id: str) -> None:
    promises(library, workshop_id)
    new_id = follow_up(library, workshop_id, title="Otrā tikšanās", plan=plan)
    listed = {entry.id: entry for entry in library.listing().entries}
    assert listed[new_id].follows == workshop_id and len(listed[new_id].open_tasks) == 2
    assert listed[new_id].origins == (f"{workshop_id}#1", f"{workshop_id}#2")
    fresh = Library(library.paths)  # another process: it has only the catalog file, and trusts what it holds
    assert {entry.id: entry for entry in fresh.listing().entries} == listed
    assert library.paths.catalog.stat().st_mtime_ns == fresh.paths.catalog.stat().st_mtime_ns  # not rebuilt


def test_a_follow_up_is_dated_about_a_month_after_the_workshop_it_follows(library: Library, plan: Plan) -> None:
    follow_plan = load_plans(library.paths).get("follow-up-meeting")
    soon = (date.today() - timedelta(days=3)).isoformat()  # a workshop held three days ago, followed up now
    earlier = library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date=soon)
    new = library.read(follow_up(library, earlier, title="Tūja pēc mēneša", plan=follow_plan))
    assert date.fromisoformat(new.date) == month_later(date.fromisoformat(soon))
    # A workshop long past: its follow-up is being held now, so today, not a day gone by.
    old = library.create(title="Vecā", plan=plan, place="Tūja", date="2025-01-31")
    assert library.read(follow_up(library, old, title="Vēlāk", plan=follow_plan)).date == date.today().isoformat()


def test_a_month_later_is_the_same_day_or_the_last_of_a_shorter_month() -> None:
    assert month_later(date(2026, 1, 31)) == date(2026, 2, 28)
    assert month_later(date(2026, 12, 15)) == date(2027, 1, 15)
    assert month_later(date(2028, 1, 30)) == date(2028, 2, 29)


def test_a_follow_up_of_a_workshop_without_a_date_is_a_month_from_today(library: Library, workshop_id: str) -> None:
    undated = replace(library.read(workshop_id), date="")  # a hand-edited file may have lost it
    assert follow_up_date(undated, today=date(2026, 12, 2)) == "2027-01-02"
