import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from darbnica import __version__
from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.store import Library


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, code: int = 0) -> str:  # noqa: A002
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    return invoke


def new(run, *extra: str) -> str:
    return run("new", "Tūjas nākotne", "--place", "Tūja", "--date", "2026-03-14", *extra).strip()


def test_version(run) -> None:
    assert __version__ in run("--version")


@pytest.mark.parametrize(
    "command",
    [
        "",
        "open",
        "new",
        "add",
        "list",
        "plans",
        "locate",
        "export",
        "import",
        "share",
        "show",
        "delete",
        "restore",
        "trash",
    ],
)
def test_every_command_has_help(run, command: str) -> None:
    assert "Usage:" in run(*([command] if command else []), "--help")


def test_new_prints_an_id_and_list_shows_it(run, library: Library) -> None:
    workshop_id = new(run, "--facilitator", "Ilze", "--lang", "lv")
    assert workshop_id.startswith("2026-03-14-tuja-")
    workshop = library.read(workshop_id)
    assert (workshop.title, workshop.facilitator, workshop.lang) == ("Tūjas nākotne", "Ilze", "lv")
    assert workshop_id in run("list")
    (entry,) = json.loads(run("list", "--json"))
    assert entry["id"] == workshop_id and entry["notes"] == 0


def test_add_a_note_and_a_stack_of_paper_stickies(run, library: Library) -> None:
    workshop_id = new(run)
    run("add", workshop_id[:16], "problem", "Nav autobusa svētdienās", "--tag", "need")
    run("add", workshop_id, "future", "-", "--tag", "strength", input="Upe\n\nMežs\n  Skola  \n")
    notes = library.read(workshop_id).notes
    assert [(n.step, n.text, n.tag) for n in notes] == [
        ("problem", "Nav autobusa svētdienās", "need"),
        ("future", "Upe", "strength"),
        ("future", "Mežs", "strength"),
        ("future", "Skola", "strength"),
    ]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["problem", "x", "--tag", "resource"], None, "Step “Problem” has no tag “resource”. Tags: #need, #want."),
        (["nowhere", "x"], None, "no step"),
        (["problem", "   "], None, "empty"),
        (["problem", "x" * 100_000], None, "100000 characters"),
        (["problem", "-"], "fine\n" + "y" * 2000 + "\n", "Line 2"),
        (["responsibilities", "x"], None, "Step “Responsibilities” takes no notes."),
    ],
)
def test_bad_notes_exit_non_zero_and_write_nothing(
    run, library: Library, args: list[str], stdin: str | None, message: str
) -> None:
    workshop_id = new(run)
    before = library.path_of(workshop_id).read_bytes()
    output = run("add", workshop_id, *args, input=stdin, code=1)
    assert message.lower() in output.lower()
    assert len(output.strip().splitlines()) == 1
    assert library.path_of(workshop_id).read_bytes() == before


def test_unknown_workshop_and_plan(run) -> None:
    assert "No workshop" in run("add", "nope", "problem", "x", code=1)
    assert "cld-workshop" in run("new", "X", "--plan", "nope", code=1)
    assert "YYYY-MM-DD" in run("new", "X", "--date", "14.03.2026", code=1)


def test_errors_speak_latvian(run) -> None:
    assert "Nav darbnīcas" in run("--lang", "lv", "add", "nope", "problem", "x", code=1)


def test_plans_and_locate(run, data_home: Path) -> None:
    plans = json.loads(run("plans", "--json"))
    assert {p["name"] for p in plans} >= {"cld-workshop", "follow-up-meeting"}
    assert "need, want" in run("plans")
    located = run("locate")
    assert str(data_home / "workshops") in located and str(data_home / "config" / "plans") in located


def test_data_dir_option_wins_over_the_environment(run, tmp_path: Path) -> None:
    other = tmp_path / "stick"
    run("--data-dir", str(other), "new", "Uz zibatmiņas")
    assert list((other / "workshops").glob("*.json"))


def test_export_import_round_trip(run, tmp_path: Path, paths_factory) -> None:
    workshop_id = new(run)
    run("add", workshop_id, "problem", "«Pēdiņas» un [markup] <b>", "--tag", "want")
    first = tmp_path / "a.json"
    run("export", workshop_id, "--format", "json", "-o", str(first))
    elsewhere = str(paths_factory("elsewhere").data)
    assert "Imported" in run("--data-dir", elsewhere, "import", str(first))
    second = run("--data-dir", elsewhere, "export", workshop_id)
    assert second == first.read_text(encoding="utf-8")
    assert "unchanged" in run("--data-dir", elsewhere, "import", str(first))


def test_export_to_a_folder_that_is_not_there_says_so_in_one_line_and_makes_nothing(run, tmp_path: Path) -> None:
    workshop_id = new(run)
    said = run("--lang", "en", "export", workshop_id, "--format", "md", "-o", str(tmp_path / "usb" / "a.md"), code=1)
    assert f"there is no folder {tmp_path / 'usb'}" in said and len(said.strip().splitlines()) == 1
    assert not (tmp_path / "usb").exists()


def test_import_of_something_else_fails_cleanly(run, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    assert "not a darbnica" in run("import", str(junk), code=1)
    junk.write_text("{", encoding="utf-8")
    assert "cannot be read" in run("import", str(junk), code=1)


def test_list_by_place_and_by_a_word_from_a_note(run, library: Library) -> None:
    tuja = new(run)
    salac = run("new", "Jūras ciems", "--place", "Salacgrīva").strip()
    run("add", salac, "problem", "Nav autobusa svētdienās")
    assert run("list", "--place", "tuja").split()[0] == tuja
    assert [e["id"] for e in json.loads(run("list", "--search", "AUTOBUSA", "--json"))] == [salac]
    assert "No workshop matches." in run("list", "--search", "slidotava")


def test_delete_restore_and_empty_the_trash(run, library: Library) -> None:
    workshop_id = new(run)
    assert "moved to the trash" in run("delete", workshop_id[:14])
    assert "No workshops yet" in run("list")
    assert workshop_id in run("trash")
    run("restore", workshop_id[:14])
    assert workshop_id in run("list")

    run("delete", workshop_id)
    assert "Nothing was deleted." in run("trash", "--empty", input="n\n")
    assert workshop_id in run("trash")
    assert "1 workshop deleted for good." in run("trash", "--empty", input="y\n")
    assert "The trash is empty." in run("trash")
    assert "in the trash" in run("restore", workshop_id, code=1)


def test_new_follow_up_carries_open_responsibilities(run, library: Library) -> None:
    first = new(run, "--facilitator", "Ilze")
    with Editor.open(library, first) as file:
        file.add_action("Izveidot WhatsApp grupu", who="Anna")
        file.add_action("Uzrakstīt projektu", status="done")
    second = run("new", "Tūja pēc pusgada", "--follow-up", first[:14], "--date", "2026-09-01").strip()
    workshop = library.read(second)
    assert (workshop.place, workshop.facilitator, workshop.follows, workshop.plan.name) == (
        "Tūja",
        "Ilze",
        first,
        "follow-up-meeting",
    )
    assert [(a.what, a.origin) for a in workshop.actions] == [("Izveidot WhatsApp grupu", f"{first}#1")]
    assert "same place" in run("new", "X", "--follow-up", first, "--place", "Rīga", code=1)


def test_export_all_and_import_into_another_folder(run, library: Library, tmp_path: Path) -> None:
    ids = {new(run), new(run)}
    archive = tmp_path / "visas.zip"
    assert "2 workshops written" in run("export", "--all", "-o", str(archive))
    other = tmp_path / "other"
    assert "Imported: 2; already here, unchanged (skipped): 0;" in run("--data-dir", str(other), "import", str(archive))
    again = run("--data-dir", str(other), "import", str(archive))
    assert "Imported: 0; already here, unchanged (skipped): 2;" in again
    assert all(f"{i} is already here, unchanged: skipped." in again for i in ids)
    assert "--all" in run("export", code=1)


def test_show_prints_the_summary(run) -> None:
    workshop_id = new(run, "--lang", "lv")
    run("add", workshop_id, "problem", "# Nav autobusa <b>", "--tag", "need")
    shown = run("show", workshop_id)
    assert shown.startswith("# Tūjas nākotne\n")
    assert "\\# Nav autobusa \\<b> — *● vajadzība*" in shown


def test_an_unknown_theme_is_refused_before_the_app_starts(workshop_id: str) -> None:
    result = CliRunner().invoke(main, ["--theme", "neon", "open", workshop_id])
    assert result.exit_code == 1
    assert "neon" in result.output and "projector-light" in result.output


def test_a_refused_write_is_one_line_without_the_cores_log_lines(
    run, library: Library, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.faults import Disk

    workshop_id = new(run)
    disk = Disk(monkeypatch, data_home)
    disk.refuse("disk full")  # the lock's record of its holder is refused first (logged), then the note itself
    output = run("add", workshop_id, "problem", "Nav autobusa", code=1)
    assert len(output.strip().splitlines()) == 1, output
    assert "disk is full" in output and "kept" not in output


def test_a_command_that_works_shows_what_the_core_logged_once_as_clean_lines(run, library: Library) -> None:
    new(run)
    library.paths.catalog.write_bytes(b"\x1b[31m not a catalog")
    output = run("list")
    warnings = [line for line in output.splitlines() if line.startswith("darbnica: ")]
    assert len(warnings) == 1 and "catalog" in warnings[0]
    assert all(line.isprintable() for line in output.splitlines())


# -- the words: counts, quotes, prompts in the interface language --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("lv", "Pievienota 1 piezīme solim „Problēma“", "Pievienotas 2 piezīmes solim „Nākotne“"),
        ("en", "1 note added to the step “Problem”", "2 notes added to the step “Future”"),
    ],
)
def test_added_notes_are_counted_in_words_under_the_steps_title(run, lang: str, one: str, two: str) -> None:
    workshop_id = new(run, "--lang", lang)
    assert one in run("--lang", lang, "add", workshop_id, "problem", "Nav autobusa")
    assert two in run("--lang", lang, "add", workshop_id, "future", "-", input="Upe\nMežs\n")


@pytest.mark.parametrize(
    ("lang", "line"),
    [("lv", "„Tūjas nākotne“  1 piezīme, 0 atvērti darbi"), ("en", "“Tūjas nākotne”  1 note, 0 open tasks")],
)
def test_list_counts_in_words_and_quotes_in_the_language(run, lang: str, line: str) -> None:
    workshop_id = new(run)
    run("add", workshop_id, "problem", "Nav autobusa")
    assert line in run("--lang", lang, "list")
    assert "«" not in run("--lang", lang, "plans") + run("--lang", lang, "list")


def test_the_trash_asks_in_latvian_and_takes_a_latvian_yes(run, library: Library) -> None:
    run("delete", new(run))
    asked = run("--lang", "lv", "trash", "--empty", input="\n")
    assert "Neatgriezeniski dzēst 1 darbnīcu, kas ir miskastē? [j/N]" in asked
    assert "Nekas netika dzēsts." in asked and "y/N" not in asked
    again = run("--lang", "lv", "trash", "--empty", input="varbūt\njā\n")
    assert "Atbildiet j (jā) vai n (nē)." in again
    assert "1 darbnīca neatgriezeniski dzēsta." in again
    assert library.trashed() == []


def test_a_question_left_unanswered_stops_in_the_interface_language(run, library: Library) -> None:
    run("delete", new(run))
    stopped = run("--lang", "lv", "trash", "--empty", input="", code=1)  # end of input, as Ctrl+D
    assert "Pārtraukts." in stopped and "Aborted" not in stopped
    assert len(library.trashed()) == 1


def test_a_tag_is_named_by_the_word_the_room_sees_and_refusals_by_titles(run, library: Library) -> None:
    # The app takes "#vel" for "vēlme"; the command line took only the key ("want"), and its refusals named the
    # step and the tags by their keys: "Solim „problem“ nav birkas „vel“. Birkas: need, want."
    workshop_id = new(run, "--lang", "lv")
    run("--lang", "lv", "add", workshop_id, "problem", "Slidotava", "--tag", "vel")
    run("--lang", "lv", "add", workshop_id, "problem", "Autobuss", "--tag", "need")
    assert [(n.text, n.tag) for n in library.read(workshop_id).notes] == [("Slidotava", "want"), ("Autobuss", "need")]
    said = run("--lang", "lv", "add", workshop_id, "problem", "x", "--tag", "stiprums", code=1)
    assert "Solim „Problēma“ nav birkas „stiprums“. Birkas: #vajadzība, #vēlme." in said
    said = run("--lang", "lv", "add", workshop_id, "context", "x", code=1)
    assert "Solī „Konteksts“ piezīmes nevāc." in said


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["new"], "Trūkst „TITLE“."),
        (["export", "x", "--format", "pdf"], "„--format“ var būt tikai viens no: md, html, svg, json."),
        (["new", "T", "--bogus"], "Tādas opcijas nav: „--bogus“."),
    ],
)
def test_a_command_typed_wrong_is_told_in_latvian(run, args: list[str], said: str) -> None:
    # click said it in English under --lang lv: "Error: Missing argument 'TITLE'." and "Try '… --help' for help."
    output = run("--lang", "lv", *args, code=2)
    assert said in output and "Lietojums:" in output and "--help`" in output
    assert not {"Usage:", "Error:", "Try", "Invalid", "Missing"} & set(output.split())


def test_in_english_click_says_it(run) -> None:
    assert "Missing argument 'TITLE'" in run("--lang", "en", "new", code=2)


def test_a_task_number_the_workshop_does_not_have_is_named_as_a_task_in_either_language(run) -> None:
    workshop_id = new(run)
    assert run("--lang", "en", "status", workshop_id, "99", "done", code=1).strip() == "darbnica: There is no task 99."
    said = run("--lang", "lv", "status", workshop_id, "99", "done", code=1)
    assert "darbs" in said and "99" in said and "action" not in said
