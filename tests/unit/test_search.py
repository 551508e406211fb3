"""Finding workshops: filtering the catalog, searching what was written, sorting."""

from darbnica.editing import Editor
from darbnica.model import Plan
from darbnica.store import Library
from darbnica.store.search import SortKey, filter_entries, search, sort_entries
from darbnica.text import fold


def make(library: Library, plan: Plan) -> dict[str, str]:
    ids = {
        "tuja": library.create(title="Tūjas nākotne", plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze"),
        "salac": library.create(title="Jūras ciems", plan=plan, place="Salacgrīva", date="2026-05-02"),
        "ainazi": library.create(title="Ainažu darbnīca", plan=plan, place="Ainaži", date="2025-11-20"),
        "none": library.create(title="Bez vietas", plan=plan, date="2026-01-10"),
    }
    with Editor.open(library, ids["salac"]) as file:
        file.add_note("problem", "Nav autobusa svētdienās", tag="need")
        file.add_note("future", 'Ostas "Kapteiņu" māja', tag="resource")
    with Editor.open(library, ids["ainazi"]) as file:
        file.add_action("Sarunāt autobusu ar pārvadātāju", who="Jānis")
        file.set_vision("Ainaži — ciems, kur paliek jaunieši")
    return ids


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("TŪJA Ģimenes") == fold("tuja gimenes") == "tuja gimenes"


def test_filter_by_title_place_or_facilitator_without_diacritics(library: Library, plan: Plan) -> None:
    ids = make(library, plan)
    entries = library.listing().entries
    assert [e.id for e in filter_entries(entries, "tuja")] == [ids["tuja"]]
    assert [e.id for e in filter_entries(entries, "ilze")] == [ids["tuja"]]
    assert [e.id for e in filter_entries(entries, "JŪRAS")] == [ids["salac"]]
    assert [e.id for e in filter_entries(entries, "nakotne tuja")] == [ids["tuja"]]  # every word, anywhere
    assert filter_entries(entries, "tuja salacgriva") == []
    assert len(filter_entries(entries, "  ")) == 4


def test_search_finds_words_in_notes_actions_and_vision(library: Library, plan: Plan) -> None:
    ids = make(library, plan)
    entries = library.listing().entries

    def found(query: str) -> set[str]:
        return {e.id for e in search(entries, query, library.path_of)}

    assert found("autobusa") == {ids["salac"]}
    assert found("autobus") == {ids["salac"], ids["ainazi"]}  # a note, a responsibility
    assert found("jaunieši") == {ids["ainazi"]}  # the vision statement
    assert found("svetdienas salacgriva") == {ids["salac"]}  # one word in a note, one in the place
    assert found('"kapteiņu"') == {ids["salac"]}  # quotes are escaped in the file, still found
    # The plan's own questions are in every file, but are not something people wrote.
    assert found("problēmu") == set()


def test_sorting_by_date_place_and_title(library: Library, plan: Plan) -> None:
    ids = make(library, plan)
    entries = library.listing().entries
    assert [e.id for e in sort_entries(entries, SortKey.DATE)] == [ids[k] for k in ("salac", "tuja", "none", "ainazi")]
    # Alphabetical, ignoring the diacritics; a workshop without a place last.
    assert [e.id for e in sort_entries(entries, SortKey.PLACE)] == [ids[k] for k in ("ainazi", "salac", "tuja", "none")]
    assert [e.id for e in sort_entries(entries, SortKey.TITLE)] == [ids[k] for k in ("ainazi", "none", "salac", "tuja")]


def test_a_catalog_of_an_older_version_is_rebuilt_with_the_open_tasks(library: Library, plan: Plan) -> None:
    ids = make(library, plan)
    library.paths.catalog.write_text('{"version": 1, "workshops": []}', encoding="utf-8")
    entries = {e.id: e for e in library.listing().entries}
    assert [t.what for t in entries[ids["ainazi"]].open_tasks] == ["Sarunāt autobusu ar pārvadātāju"]
    assert entries[ids["ainazi"]].open_actions == 1
