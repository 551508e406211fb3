"""`darbnica export` writes the summary as Markdown and HTML, and the QR code of its link as SVG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.room import Room
from darbnica.store import Library
from darbnica.summary import build_summary, to_markdown
from darbnica.summary.export import default_path, render
from darbnica.summary.html import to_html

LINK = "https://example.lv/darbnicas/x.html"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def noted(library: Library, workshop_id: str) -> str:
    with Editor.open(library, workshop_id) as f:
        f.add_note("problem", "# Nav autobusa | svētdienās", tag="need")
    return workshop_id


def test_markdown_to_stdout(noted: str) -> None:
    out = run("export", noted[:12], "--format", "md")
    assert out.startswith("# Tūjas nākotne\n")
    assert "- \\# Nav autobusa \\| svētdienās — *● vajadzība*" in out


def test_html_to_a_file_with_the_link_and_its_qr_code(noted: str, tmp_path: Path) -> None:
    target = tmp_path / "a folder" / "tuja.html"
    target.parent.mkdir()  # one that is not there is refused (test_cli), not made
    out = run("export", noted, "--format", "html", "--link", LINK, "-o", str(target))
    assert out == f"Written to {target}.\n"
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and f'<a href="{LINK}">{LINK}</a>' in page


def test_svg_needs_a_link(noted: str, tmp_path: Path) -> None:
    out = run("export", noted, "--format", "svg", code=1)
    assert "has no link yet" in out
    target = tmp_path / "qr.svg"
    run("export", noted, "--format", "svg", "--link", LINK, "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')


def test_the_public_link_from_the_settings_is_the_default(noted: str, paths: Paths) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text('public_link = "https://example.lv/darbnicas/{id}.html"\n', encoding="utf-8")
    out = run("export", noted, "--format", "md")
    assert out.endswith(f"## Kur atrast šo kopsavilkumu\n\n<https://example.lv/darbnicas/{noted}.html>\n")


def test_a_link_must_be_a_web_link(noted: str) -> None:
    assert "is not a web link" in run("export", noted, "--format", "svg", "--link", "javascript:alert(1)", code=1)


def test_default_paths_are_in_the_exports_folder(paths: Paths) -> None:
    assert default_path(paths, "2026-03-14-tuja-3f9a", "html") == paths.exports / "2026-03-14-tuja-3f9a.html"
    assert default_path(paths, "2026-03-14-tuja-3f9a", "svg") == paths.exports / "2026-03-14-tuja-3f9a-qr.svg"


def test_an_export_after_a_change_has_the_change(editor: Editor) -> None:
    # The summary is built once for a workshop and kept for the next format: an edit must never get the old one.
    before = render(editor.workshop, "md", LINK)
    assert render(editor.workshop, "md", LINK) == before
    editor.add_note("problem", "Tilts pār Gauju ir par šauru")
    for fmt in ("md", "html"):
        assert "Tilts pār Gauju ir par šauru" in render(editor.workshop, fmt, LINK)
    editor.undo()
    assert render(editor.workshop, "md", LINK) == before
    assert "example.lv" not in render(editor.workshop, "md", None)  # the link is part of what is kept
    assert render(editor.workshop, "md", LINK) == before


def test_the_page_and_the_markdown_come_from_the_same_summary(editor: Editor) -> None:
    summary = build_summary(editor.workshop, LINK)
    assert render(editor.workshop, "md", LINK) == to_markdown(summary)
    assert render(editor.workshop, "html", LINK) == to_html(summary)


def test_the_json_copy_has_every_note_a_phone_was_told_was_received(noted: str, library: Library) -> None:
    journal = library.journal_of(noted)
    with Editor.open(library, noted) as opened:
        room = Room(journal)
        room.update(opened.workshop)
        waiting = room.receive("phone-a", "ref-waiting-01", "problem", "Gaida <b>apstiprinājumu</b>")
        on_wall = room.receive("phone-a", "ref-on-wall-01", "problem", "Jau uz sienas")
        opened.take_phone_notes([(on_wall.step, on_wall.text, on_wall.ref)])
        spam = room.receive("phone-b", "ref-blocked-01", "problem", "Reklāma")
        room.block_sender(spam.ref)
        # The app holds the journal while it shares: the export reads it all the same.
        from_app = json.loads(render(opened.workshop, "json", journal=journal))
        room.close()
    from_cli = json.loads(run("export", noted, "--format", "json"))
    for data in (from_app, from_cli):
        assert data["phone_notes_not_on_the_wall"] == [
            {"ref": "ref-waiting-01", "step": "problem", "text": waiting.text, "received": waiting.received,
             "status": "waiting"},
            {"ref": "ref-blocked-01", "step": "problem", "text": "Reklāma", "received": spam.received,
             "status": "blocked"},
        ]  # fmt: skip
        assert "phone-a" not in json.dumps(data) and "phone-b" not in json.dumps(data)  # no phone's id
    copy = library.folder.parent / "copy.json"
    copy.write_text(json.dumps(from_cli), encoding="utf-8")
    run("import", str(copy), "--replace")  # the copy still reads back; the waiting notes stay aside
    assert "Jau uz sienas" in [note.text for note in library.read(noted).notes]


@pytest.mark.parametrize("fmt", ["md", "svg"])
def test_a_link_to_this_computer_alone_is_said_to_be_one(noted: str, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    out = run("export", noted, "--format", fmt, "--link", "http://127.0.0.1:8765/A", "-o", str(target))
    # Given on purpose, it is never dropped in silence: the facilitator may have copied the wrong link.
    said = "no phone that scans this code can open it" if fmt == "svg" else "it is left out"
    assert "darbnica: http://127.0.0.1:8765/A names this computer alone" in out and said in out
    written = target.read_text(encoding="utf-8")
    assert written.startswith("<?xml") if fmt == "svg" else "127.0.0.1" not in written
