"""What a workshop open on a step of notes does not load: memory the facilitator's laptop keeps for nothing.

TextArea brings Textual's document and syntax modules (about 1 MB); only the vision's step has one, so it is
imported when that step is first shown. The package's own files (strings, plans, the block font, the phone page's
files) are read from its folder, without importlib.resources and the zipfile module it brings. Both were loaded
with every workshop once, unnoticed: a list on every step imported TextArea for one check.

Nor does it load what only some workshops use, until used: the phones' room and queue (share mode, F10), the
export dialog (Ctrl+E), the summary's builder (the closing step, the review, the follow view). The calendar
module was loaded for the length of a month.

Each app runs in a fresh interpreter: the test process has loaded everything already.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("textual.widgets._text_area", "textual.document._document", "zipfile", "importlib.resources")

WHEN_USED = (
    "darbnica.room",
    "darbnica.journal",
    "darbnica.ui.screens.queue",
    "darbnica.ui.screens.export",
    "darbnica.summary.build",
    "darbnica.ui.screens.follow",
    "calendar",
)

SCRIPT = """
import asyncio, json, sys
from pathlib import Path

from textual.widgets import Input

from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp

folder, step, heavy = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
Input.cursor_blink = False
paths = resolve_paths(Path(folder))
library = Library(paths)
ids = library.ids()
workshop = ids[0] if ids else library.create(title="Tūja", plan=load_plans(paths).get(DEFAULT_PLAN), lang="lv")


async def main() -> list[str]:
    app = DarbnicaApp(paths, lang="lv", workshop=workshop, step=step)
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(500):
            if getattr(app.screen, "step", None) is not None and app.screen.step.key == step:
                break
            await pilot.pause(0.02)
        else:
            raise SystemExit("the step was never shown")
        await pilot.pause()
        return [name for name in heavy if name in sys.modules]


print(json.dumps(asyncio.run(main())))
"""


def loaded_on(folder: Path, step: str, names: tuple[str, ...] = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder), step, json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_step_of_notes_loads_neither_text_area_nor_zipfile(tmp_path: Path) -> None:
    assert loaded_on(tmp_path, "problem") == []


def test_the_vision_s_step_loads_text_area_when_shown(tmp_path: Path) -> None:
    # The other side of the test above: the names it looks for are the ones a TextArea brings.
    assert loaded_on(tmp_path, "vision") == ["textual.widgets._text_area", "textual.document._document"]


def test_a_step_of_notes_loads_the_phones_export_and_summary_only_when_used(tmp_path: Path) -> None:
    assert all(importlib.util.find_spec(name) is not None for name in WHEN_USED)  # each name is a real module
    assert loaded_on(tmp_path, "problem", WHEN_USED) == []
