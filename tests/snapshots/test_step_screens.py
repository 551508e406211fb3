"""Every step screen as the room sees it: both languages, 80×24 and 160×45, in the three shipped themes; and the
layout at 80×24, 120×36 and 200×56.

A snapshot is an SVG of the screen (pytest-textual-snapshot). After a change to what a screen shows, look at the
differences (``snapshot_report.html``), then accept them with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import pytest

from darbnica.editing import Editor
from darbnica.paths import Paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store import Library
from darbnica.ui.app import make_app

STEPS = ("context", "problem", "future", "vision", "principles", "responsibilities", "closing")
THEMES = ("projector-light", "projector-dark", "high-contrast")


def a_workshop_in_progress(paths: Paths, lang: str) -> str:
    """A workshop with something on every step; the same every run (fixed date, no clock)."""
    library = Library(paths)
    plan = load_plans(paths).get(DEFAULT_PLAN)
    title = "Tūjas nākotne" if lang == "lv" else "The future of Tūja"
    workshop_id = library.create(title=title, plan=plan, place="Tūja", date="2026-03-14", facilitator="Ilze", lang=lang)
    with Editor.open(library, workshop_id) as file:
        file.set_headcount("residents", 23)
        file.set_headcount("municipality", 2)
        file.set_engagement("together")
        transport = file.add_group("problem", "Satiksme" if lang == "lv" else "Transport")
        for text, tag, votes in (
            ("Nav autobusa svētdienās", "need", 7),
            ("Slidotava ziemā", "want", 2),
            ("Jauniešiem nav kur satikties vakaros", "need", 5),
        ):
            note = file.add_note("problem", text, tag)
            file.set_votes(note, votes)
        file.group_note(file.note(1), transport.id)
        for text, tag in (("Upe un mežs", "strength"), ("Brīvprātīgo ugunsdzēsēji", "capacity"), ("Skola", "resource")):
            file.add_note("future", text, tag)
        file.set_vision("Tūja — zaļš ciems, kur jaunieši paliek un vecie jūtas droši.")
        file.set_vision_check(0, True)
        file.add_note("vision", "Vilciens uz Rīgu katru stundu", "connected")
        file.set_rating("shared-vision", 3)
        file.set_rating("learning", 4)
        file.add_note("principles", "Sāksim ar mazu talku", "learning")
        file.add_action("Izveidot ciema WhatsApp grupu", who="Anna", due="2026-04-01", first_step="Uzaicināt kaimiņus")
        file.add_note("closing", "Kopā ir jautrāk")
    return workshop_id


def snapshot(snap_compare, paths: Paths, step: str, lang: str, theme: str, size: tuple[int, int]) -> bool:
    workshop_id = a_workshop_in_progress(paths, lang)
    app = make_app(paths, lang=lang, workshop=workshop_id, step=step, theme=theme, clock=lambda: 0.0)
    return snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("step", STEPS)
def test_step_screen(snap_compare, paths: Paths, step: str, lang: str, size: tuple[int, int], theme: str) -> None:
    assert snapshot(snap_compare, paths, step, lang, theme, size)


@pytest.mark.parametrize("size", [(120, 36), (200, 56)], ids=["120x36", "200x56"])
@pytest.mark.parametrize("step", STEPS)
def test_layout(snap_compare, paths: Paths, step: str, size: tuple[int, int]) -> None:
    assert snapshot(snap_compare, paths, step, "lv", "projector-light", size)
