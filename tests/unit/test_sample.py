"""The test data generator makes realistic workshops that the store reads like any other, the same from a seed."""

from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from darbnica.model import Status, Workshop
from darbnica.plan import load_plans
from darbnica.sample import generate, main
from darbnica.store import Library


def test_generated_workshops_are_complete_and_read_back_through_the_store(library: Library) -> None:
    made = generate(library, load_plans(library.paths).get("cld-workshop"), count=40, notes=25, seed=7)
    assert len(made.ids) == 40 and made.notes == 1000
    workshops = [library.read(i) for i in made.ids]  # every field checked by the store's reader
    assert all(len(w.notes) == 25 for w in workshops)
    assert all(w.place and w.title and w.date and w.vision and w.ratings and w.headcounts for w in workshops)
    assert [w.date for w in workshops] == sorted(w.date for w in workshops)
    assert any("ā" in n.text or "ē" in n.text for w in workshops for n in w.notes)  # Latvian text
    assert any(n.votes for w in workshops for n in w.notes) and any(n.group for w in workshops for n in w.notes)
    statuses = Counter(a.status for w in workshops for a in w.actions)
    assert set(statuses) == set(Status)
    assert all(a.who for w in workshops for a in w.actions)

    by_id = {w.id: w for w in workshops}
    follow_ups = [w for w in workshops if w.follows]
    assert follow_ups, "some workshops follow up an earlier one in the same place"
    for w in follow_ups:
        assert w.follows is not None
        previous = by_id[w.follows]
        assert previous.place == w.place and previous.date <= w.date
        origins = {a.origin for a in w.actions if a.origin}
        assert origins == {f"{previous.id}#{a.id}" for a in previous.open_actions}

    # The catalog was written with the files: the library lists them without reading any.
    def not_read(path: Path) -> Workshop:
        raise AssertionError(f"{path} was read")

    assert {e.id for e in library.catalog.refresh(not_read, print)} == set(made.ids)


def test_the_same_seed_makes_the_same_files(paths_factory) -> None:
    first, second, third = (Library(paths_factory(name)) for name in ("a", "b", "c"))
    plan = load_plans(first.paths).get("cld-workshop")
    ids = generate(first, plan, count=5, notes=10, seed=3).ids
    assert generate(second, plan, count=5, notes=10, seed=3).ids == ids
    assert all(first.path_of(i).read_bytes() == second.path_of(i).read_bytes() for i in ids)
    assert generate(third, plan, count=5, notes=10, seed=4).ids != ids


def test_the_command(library: Library) -> None:
    result = CliRunner().invoke(main, ["3", "--notes", "4", "--plan", "follow-up-meeting"])
    assert result.exit_code == 0, result.output
    assert len(library.listing().entries) == 3
