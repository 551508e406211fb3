"""Themes are small TOML files: the shipped ones load, a facilitator's own are added, a broken one is skipped."""

from __future__ import annotations

from darbnica.paths import Paths
from darbnica.ui.themes import DEFAULT_THEME, load_themes

GOOD = """
name = "zale"
dark = false
title.lv = "Zāle"
[colors]
primary = "#003366"
background = "#FFFFFF"
[variables]
tag-1 = "#075555"
"""


def test_the_shipped_themes_load(paths: Paths) -> None:
    themes = load_themes(paths)
    assert not themes.problems
    assert {"projector-light", "projector-dark", "high-contrast"} <= set(themes.themes)
    assert DEFAULT_THEME == "projector-light" and not themes.themes[DEFAULT_THEME].dark
    assert themes.title("projector-dark", "lv") == "Projektors, tumšs"


def test_a_facilitators_theme_is_added_and_may_replace_a_shipped_one(paths: Paths) -> None:
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "zale.toml").write_text(GOOD, encoding="utf-8")
    (paths.user_themes / "mine.toml").write_text(GOOD.replace("zale", "projector-dark"), encoding="utf-8")
    themes = load_themes(paths)
    assert not themes.problems
    zale = themes.themes["zale"]
    assert (zale.primary, zale.dark, themes.title("zale", "en")) == ("#003366", False, "Zāle")
    # Tag colours the file leaves out come from its own palette.
    assert zale.variables["tag-1"] == "#075555" and zale.variables["tag-2"] == "#003366"
    assert themes.sources["projector-dark"] == paths.user_themes / "mine.toml"


def test_a_broken_theme_is_reported_once_and_skipped(paths: Paths) -> None:
    paths.user_themes.mkdir(parents=True)
    broken = {
        "syntax.toml": "name = ",
        "colour.toml": GOOD.replace("#003366", "blueish").replace("zale", "colour"),
        "field.toml": GOOD.replace("dark = false", "dark = false\nfont = 'big'").replace("zale", "field"),
        "primary.toml": 'name = "p"\n[colors]\nbackground = "#000000"\n',
        "tag.toml": GOOD.replace('tag-1 = "#075555"', 'tag-1 = "teal-ish"').replace("zale", "tag"),
    }
    for name, text in broken.items():
        (paths.user_themes / name).write_text(text, encoding="utf-8")
    (paths.user_themes / "zale.toml").write_text(GOOD, encoding="utf-8")
    themes = load_themes(paths)
    assert "zale" in themes.themes and not {"colour", "field", "p", "tag"} & set(themes.themes)
    assert sorted(p.params["file"] for p in themes.problems) == sorted(str(paths.user_themes / n) for n in broken)
    details = {p.params["file"].rsplit("/", 1)[-1]: p.params["detail"] for p in themes.problems}
    assert "blueish" in details["colour.toml"] and "font" in details["field.toml"]
    assert "primary" in details["primary.toml"] and "tag-1" in details["tag.toml"]
