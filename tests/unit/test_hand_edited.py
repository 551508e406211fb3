"""Text from files people edit by hand never reaches the terminal as an escape: settings, import files, archive
members, themes. Every message is made by the translator, which cleans each parameter; these check what is printed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.paths import Paths
from darbnica.store import Library
from darbnica.store.library import export_json

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b1m"
"""A window title set, the screen cleared, a C1 control sequence."""


def invoke(*args: str) -> str:
    # color=True: click keeps escape sequences, as it does for a terminal (it strips some only for a pipe)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, color=True)
    return result.output


def assert_clean(output: str) -> None:
    assert output.strip()
    for line in output.splitlines():
        assert line.isprintable(), repr(line)


@pytest.mark.parametrize("name", ["lang", "plan", "theme", "public_link"])
def test_an_escape_in_a_setting_is_reported_as_text(paths: Paths, name: str) -> None:
    paths.config.mkdir(parents=True)
    paths.settings.write_text(f"{name} = {json.dumps('x' + ESCAPES + '{id}')}\n", encoding="utf-8")
    output = invoke("new", "Tūja")
    assert_clean(output)
    assert f"{name} is ignored" in output


def test_an_escape_in_an_import_files_id_is_printed_as_text(tmp_path: Path, library: Library, workshop_id: str) -> None:
    data = json.loads(export_json(library.read(workshop_id)))
    data["id"] = "x" + ESCAPES + "y"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    output = invoke("import", str(path))
    assert_clean(output)
    assert "xy" in output and "pwned" not in output  # the sequences go whole, the title they would set too


def test_an_escape_in_an_archive_members_name_is_printed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("darbnica.json", json.dumps({"format": "darbnica-archive", "version": 1}))
        archive.writestr(f"workshops/x{ESCAPES}y.json", b"not json")
    output = invoke("import", str(path))
    assert_clean(output)
    assert "workshops/xy.json" in output and "pwned" not in output
