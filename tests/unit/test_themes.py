"""Themes are small TOML files: the shipped ones load, a facilitator's own are added, a broken one is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

import darbnica.ui
from darbnica.i18n import translator
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


def _nested(depth: int) -> str:
    return "[" * depth + '"#000000"' + "]" * depth


BAD_VALUES = {
    # file body after name and a good primary → the field the report names
    'dark = "yes"': "dark",
    "title.lv = 5": "title.lv",
    "[colors]\nprimary = 7": "colors.primary",
    '[variables]\ntext-muted = "banana"': "variables.text-muted",
    '[variables]\nborder = "auto 87%"': "variables.border",  # a foreground's form where a plain colour goes
    '[variables]\nlink-background = "auto"': "variables.link-background",
    '[variables]\nblock-cursor-text-style = "blinking"': "variables.block-cursor-text-style",
    '[variables]\nblock-cursor-text-style = "#FFFFFF"': "variables.block-cursor-text-style",
    '[variables]\ntext = "red; } Screen { display: none"': "variables.text",
    '[variables]\ntext = "$primary"': "variables.text",
    '[variables]\ntag-1 = "initial"': "variables.tag-1",
    '[variables]\nno-such-variable = "#FFFFFF"': "variables.no-such-variable",
    "[variables]\ntag-2 = 3": "variables.tag-2",
    "[variables]\ntag-3 = " + _nested(500): "",  # deeper than the TOML parser follows
    "[variables." + ".".join(["a"] * 500) + "]\nx = 1": "variables.a",  # a table 500 deep
    "[colors." + ".".join(["a"] * 500) + "]\nx = 1": "colors.a",
    '[colors]\nprimary = "#003366"\nmauve = "#FF00FF"': "colors.mauve",
}


@pytest.mark.parametrize("body", list(BAD_VALUES))
def test_every_kind_of_unusable_value_is_reported_by_field_and_skipped(paths: Paths, body: str) -> None:
    paths.user_themes.mkdir(parents=True)
    head = 'name = "bad"\n' if body.startswith("[colors]") else 'name = "bad"\n[colors]\nprimary = "#003366"\n'
    if body.startswith("[colors]") or body.startswith("[variables"):
        text = head + body + "\n"
    else:  # top-level keys come before the first table
        text = 'name = "bad"\n' + body + '\n[colors]\nprimary = "#003366"\n'
    (paths.user_themes / "bad.toml").write_text(text, encoding="utf-8")
    themes = load_themes(paths)
    assert "bad" not in themes.themes and DEFAULT_THEME in themes.themes
    (problem,) = themes.problems
    for lang in ("en", "lv"):
        message = translator(lang)(problem.key, **problem.params)
        assert "bad.toml" in message and message.isprintable()
        assert BAD_VALUES[body] in message


def test_a_hostile_theme_name_or_title_never_reaches_the_terminal(paths: Paths) -> None:
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "title.toml").write_text(
        GOOD.replace('title.lv = "Zāle"', 'title.lv = "Zāle\\u001b]0;pwned\\u0007"'), encoding="utf-8"
    )
    (paths.user_themes / "name.toml").write_text(GOOD.replace('"zale"', '"x\\u001b[2J"'), encoding="utf-8")
    themes = load_themes(paths)
    assert themes.title("zale", "lv") == "Zāle"  # the window title it would set goes with its sequence
    (problem,) = themes.problems
    assert "name.toml" in str(problem) and "name" in problem.params["detail"]
    assert str(problem).isprintable()


def _every_default_css() -> list[tuple[str, str]]:
    """(scope, CSS) of every Textual widget and every darbnica screen and widget: where theme variables are used."""
    import importlib
    import pkgutil

    import textual.widgets
    from textual.dom import DOMNode

    import darbnica.ui.screens
    import darbnica.ui.widgets

    for name in textual.widgets.__all__:  # type: ignore[attr-defined]
        getattr(textual.widgets, name)  # Textual loads its widgets on first use
    for package in (darbnica.ui.screens, darbnica.ui.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found, stack = [], [DOMNode]
    while stack:
        node = stack.pop()
        stack.extend(node.__subclasses__())
        css = node.__dict__.get("DEFAULT_CSS", "")
        if css:
            found.append((node._css_type_name if node.__dict__.get("SCOPED_CSS", True) else "", css))
    return found


def _apply(theme) -> None:
    """Parse darbnica's stylesheet and every widget's default CSS with ``theme``'s variables, as the app does."""
    from textual.app import App

    class Probe(App[None]):
        CSS_PATH = str(Path(darbnica.ui.__file__).parent / "darbnica.tcss")

    probe = Probe()
    probe.register_theme(theme)
    probe.theme = theme.name
    probe.stylesheet.set_variables(probe.get_css_variables())
    probe.stylesheet.read_all(probe.css_path)
    for scope, css in _every_default_css():
        probe.stylesheet.add_source(css, read_from=(scope, ""), is_default_css=True, scope=scope)
    probe.stylesheet.parse()  # raises StylesheetParseError for a value Textual cannot use


def test_a_value_textual_cannot_use_ends_the_probe_as_it_would_end_the_app() -> None:
    from textual.css.stylesheet import StylesheetParseError
    from textual.theme import Theme

    with pytest.raises(StylesheetParseError):  # what the check below would miss if the probe saw less
        _apply(Theme(name="unchecked", primary="#003366", variables={"border": "auto 87%"}))


def test_every_textual_variable_takes_a_value_of_its_kind_and_the_app_can_use_it(paths: Paths) -> None:
    """What the check lets through is what Textual can apply: the loosest value of each kind, for every variable."""
    from darbnica.ui.themes import BACKGROUND, FOREGROUND, STYLE, textual_variables

    loosest = {FOREGROUND: "auto 30%", BACKGROUND: "initial", STYLE: "b reverse"}
    lines = [f'"{name}" = "{loosest.get(kind, "rgb(10, 20, 30)")}"' for name, kind in textual_variables().items()]
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "all.toml").write_text(
        'name = "all"\n[colors]\nprimary = "#003366"\n[variables]\n' + "\n".join(lines) + "\n", encoding="utf-8"
    )
    themes = load_themes(paths)
    assert not themes.problems and "all" in themes.themes
    _apply(themes.themes["all"])
