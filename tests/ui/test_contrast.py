"""Every text colour pair the app paints, measured on screen in each shipped theme: at least 7:1 (WCAG AAA).

The themes come from the theme files in themes/. Each step screen is rendered in the states a workshop goes
through (a highlighted note, dots, a heading, the timer warning and over time, dialogs, the export dialog's
formats, the key help, the top notes, the vision alone); every widget's lines are rendered as Textual paints them
(line filters included) and every character inside a widget's content area, and every letter or digit on its
border (a border title), is measured against the background it is drawn on. Box-drawing and block characters on
borders are lines, not text, and are left out.
"""

from __future__ import annotations

import itertools
import tomllib
import unicodedata
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.geometry import Region
from textual.widget import Widget

from darbnica.editing import Editor
from darbnica.paths import builtin_themes
from darbnica.store import Library
from darbnica.ui.app import DarbnicaApp
from darbnica.ui.screens.notes import NotesScreen
from tests.colour import CVD_MATRICES, RGB, contrast, delta_e, parse_hex, simulate

AAA = 7.0
SHIPPED = sorted(path.stem for path in builtin_themes().glob("*.toml"))


def _rgb(colour: RichColor) -> RGB:
    red, green, blue = colour.get_truecolor()
    return (red / 255, green / 255, blue / 255)


def _is_line_drawing(char: str) -> bool:
    return "\u2500" <= char <= "\u259f"


def low_contrast(app: DarbnicaApp) -> set[str]:
    """Each text pair under 7:1 on the current screen, described for the failure message."""
    found = set()
    for widget in app.screen.walk_children(Widget, with_self=False):
        region = widget.region
        if not widget.display or not widget.visible or not region.area:
            continue
        content = widget.content_region
        for y, strip in enumerate(widget.render_lines(Region(0, 0, region.width, region.height))):
            for line_filter in app.get_line_filters():
                strip = strip.apply_filter(line_filter, widget.background_colors[1])
            x = region.x
            for segment in strip:
                style = segment.style
                for char in segment.text:
                    inside = content.contains(x, region.y + y)
                    text = inside or unicodedata.category(char)[0] in "LN"
                    if char.strip() and text and style is not None and not (not inside and _is_line_drawing(char)):
                        fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
                        assert fg is not None and bg is not None, f"{widget!r} paints {char!r} in a default colour"
                        ratio = contrast(_rgb(fg), _rgb(bg))
                        if ratio < AAA:
                            found.add(f"{widget!r} {char!r} {fg.get_truecolor().hex} on {bg.get_truecolor().hex}")
                    x += 1
    return found


async def _walk(app: DarbnicaApp, pilot, clock) -> dict[str, set[str]]:
    """Go through the states a workshop passes through; the low-contrast pairs seen in each."""
    seen: dict[str, set[str]] = {}

    async def look(name: str) -> None:
        await pilot.pause()
        seen[name] = low_contrast(app)

    screen = app.screen
    assert isinstance(screen, NotesScreen)
    screen.note_list.focus()
    await pilot.press("up", "plus", "plus")  # a note with dots, highlighted
    await pilot.press("f7")
    clock.advance(21 * 60)  # 4 of 25 minutes left: the warning colour
    screen.timer.show()
    await look("problem: dots, heading, highlighted note, timer warning")
    await pilot.press("r")
    clock.advance(10 * 60)  # over time: the alert
    screen.timer.show()
    await look("problem: ranked, timer over time")
    await pilot.press("f1")
    await look("key help")
    await pilot.press("escape", "v")
    await look("dots dialog")
    await pilot.press("escape", "g")
    await look("heading dialog")
    await pilot.press("escape", "p")
    await look("top notes")
    await pilot.press("escape", "f3")
    await look("projector view")
    await pilot.press("f3", "ctrl+g")
    await look("step picker")
    await pilot.press("escape", "ctrl+e")
    await look("export dialog, typing the file name")
    await pilot.press("shift+tab")
    await look("export dialog, the formats focused (the chosen one highlighted)")
    await pilot.press("down")
    await look("export dialog, another format chosen")
    await pilot.press("escape")
    for step in ("context", "future", "vision", "principles", "responsibilities", "closing"):
        app.go_to_step(step)
        await pilot.pause()
        for selector in ("#checks", "#principles", "#actions", "#engagement"):
            for widget in app.screen.query(selector):
                widget.focus()
        await look(step)
        if step == "vision":
            await pilot.press("ctrl+b")
            await look("the vision alone, big")
            await pilot.press("escape")
    return seen


@pytest.mark.parametrize("theme", SHIPPED)
async def test_every_text_on_every_step_has_aaa_contrast(
    app_factory, clock, library: Library, workshop_id: str, theme: str
) -> None:
    with Editor.open(library, workshop_id) as file:
        file.set_engagement("together")
        file.set_headcount("residents", 23)
        file.set_vision("Tūja — zaļš ciems, kur jaunieši paliek")
        file.set_vision_check(0, True)
        file.set_rating("learning", 4)
        file.add_action("Izveidot ciema WhatsApp grupu", who="Anna", due="2026-04-01")
        group = file.add_group("problem", "Transports")
        bus = file.add_note("problem", "Nav autobusa svētdienās", "need")
        file.group_note(bus, group.id)
        file.add_note("problem", "Slidotava ziemā", "want")
        for tag in ("capacity", "need", "resource", "strength"):
            file.add_note("future", f"Piezīme ar birku {tag}", tag)
        file.add_note("vision", "Vilciens uz Rīgu", "connected")
        file.add_note("principles", "Sāksim ar mazu talku", "learning")
    app = app_factory(workshop=workshop_id, step="problem", lang="lv", theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.theme == theme
        seen = await _walk(app, pilot, clock)
    failures = {state: pairs for state, pairs in seen.items() if pairs}
    assert not failures, "\n".join(f"{state}: {sorted(pairs)[:5]}" for state, pairs in failures.items())


def _tag_colours(theme: str) -> list[str]:
    data = tomllib.loads(Path(builtin_themes() / f"{theme}.toml").read_text(encoding="utf-8"))
    return [data["variables"][f"tag-{n}"] for n in range(1, 7)]


@pytest.mark.parametrize("theme", SHIPPED)
def test_tag_colours_stay_apart_for_colour_blind_viewers(theme: str) -> None:
    """CIEDE2000 distance between tag colours, as seen with no, red (protan), green (deutan) or blue (tritan) cones.

    A step has two to five tags; the first four must be clearly different colours (≥ 15) for everyone, all six
    still distinguishable side by side (≥ 7). Every tag shows its symbol and word too, so colour is never needed.
    """
    colours = [parse_hex(c) for c in _tag_colours(theme)]
    for vision in ("normal", *CVD_MATRICES):
        seen = colours if vision == "normal" else [simulate(c, vision) for c in colours]
        first_four = min(delta_e(a, b) for a, b in itertools.combinations(seen[:4], 2))
        all_six = min(delta_e(a, b) for a, b in itertools.combinations(seen, 2))
        assert first_four >= 15 and all_six >= 7, (vision, round(first_four, 1), round(all_six, 1))


async def _walk_library(app: DarbnicaApp, pilot) -> dict[str, set[str]]:
    """The library and its dialogs: rows highlighted with and without the focus, every button focused in turn (the
    default one included), and each dialog's widgets disabled."""
    seen: dict[str, set[str]] = {}

    async def look(name: str) -> None:
        await pilot.pause()
        seen[name] = low_contrast(app)

    await look("library, typing in the filter (a row highlighted, the list not focused)")
    app.screen.query_one("#workshops").focus()
    await look("library list focused, a row highlighted")
    await pilot.press("ctrl+n")
    for number in range(12):  # Tab through every field and button of the form
        await look(f"new workshop form, focus {number}: {app.focused!r}")
        await pilot.press("tab")
    for widget in app.screen.query("Input, Button, OptionList, Select, RadioButton"):
        widget.disabled = True
    await look("new workshop form, disabled")
    await pilot.press("escape")
    app.screen.query_one("#workshops").focus()
    await pilot.press("delete")
    for number in range(3):
        await look(f"delete confirmation, focus {number}: {app.focused!r}")
        await pilot.press("tab")
    await pilot.press("escape")
    await pilot.press("a")
    await look("responsibilities of all workshops")
    await pilot.press("escape", "t")
    await look("trash")
    await pilot.press("escape", "enter")
    await look("review")
    return seen


@pytest.mark.parametrize("theme", SHIPPED)
async def test_focused_highlighted_and_disabled_states_have_aaa_contrast(
    app_factory, library: Library, workshop_id: str, theme: str
) -> None:
    with Editor.open(library, workshop_id) as file:
        file.add_note("problem", "Nav autobusa svētdienās", "need")
        file.add_action("Izveidot ciema WhatsApp grupu", who="Anna", due="2026-04-01")
    app = app_factory(lang="lv", theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        seen = await _walk_library(app, pilot)
    failures = {state: pairs for state, pairs in seen.items() if pairs}
    assert not failures, "\n".join(f"{state}: {sorted(pairs)[:5]}" for state, pairs in failures.items())
