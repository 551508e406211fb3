"""Themes: small TOML files turned into Textual themes.

The shipped ones live in the top-level ``themes/`` folder (packaged into the wheel); a facilitator's own go in the
config folder's ``themes/`` and replace a shipped theme of the same name. The core reads and checks a file's shape
(:mod:`darbnica.theme_files`); here every value is checked as the kind of value Textual will use it as, before the
theme is offered: Textual parses a theme's variables only when the theme is applied, and a value it cannot parse
there ends the app (at start with ``--theme``, or at F4). A file that cannot be used is reported in one message
and skipped; the others still load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.parse import parse_declarations
from textual.theme import Theme

from darbnica.config_files import FieldProblem, load_named_files
from darbnica.errors import DarbnicaError
from darbnica.i18n import Phrase, pick
from darbnica.paths import Paths, builtin_themes
from darbnica.theme_files import COLOURS, TAG_VARIABLES, ThemeData, read_theme_file, theme_problem

__all__ = ["COLOURS", "DEFAULT_THEME", "TAG_VARIABLES", "ThemeLibrary", "load_themes", "textual_theme"]

DEFAULT_THEME = "projector-light"
"""Dark text on white: a projector in a lit hall washes out dark backgrounds, never a white one."""

# Where a theme names no tag colours, its own palette stands in, in this order.
TAG_FALLBACKS = ("primary", "secondary", "warning", "success", "accent", "error")


@dataclass
class ThemeLibrary:
    themes: dict[str, Theme] = field(default_factory=dict)
    titles: dict[str, Mapping[str, str]] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[DarbnicaError] = field(default_factory=list)

    def title(self, name: str, lang: str) -> str:
        return str(pick(self.titles.get(name, {}), lang)) or name


# The kinds of value a Textual theme variable holds, told apart by the value Textual itself gives it.
COLOUR, FOREGROUND, BACKGROUND, STYLE = "colour", "foreground", "background", "style"


@cache
def textual_variables() -> dict[str, str]:
    """Every variable a Textual theme sets, with the kind of value it holds.

    A *colour* is used anywhere a colour goes (``background: $x``, ``border: tall $x``), so it must be a colour
    alone; a *foreground* (``$text``, its default ``auto 87%``) is used only as a text colour, where a colour may
    be followed by its opacity, or be ``auto``; a *background* (``$link-background``, default ``initial``) is a
    colour or ``initial``, none; a *style* is a text style (``bold``, ``b reverse``)."""
    kinds: dict[str, str] = {}
    for dark in (True, False):
        for name, default in Theme(name="probe", primary="#0B3D91", dark=dark).to_color_system().generate().items():
            # Nearly all are "#rrggbb"; the test of a style comes before that of a colour, because a failed
            # colour parse looks for a similar colour name (about 1 ms each).
            if default.startswith("#") or default == "transparent":
                kinds[name] = COLOUR
            elif default == "initial":
                kinds[name] = BACKGROUND
            elif _declares("text-style", default):
                kinds[name] = STYLE
            elif default.startswith("auto") or default.endswith("%"):
                kinds[name] = FOREGROUND
            else:
                kinds[name] = COLOUR  # the strictest: a colour alone is valid wherever a colour goes
    kinds.update(dict.fromkeys(TAG_VARIABLES, COLOUR))
    return kinds


def _is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def _declares(rule: str, value: str) -> bool:
    """Whether Textual's CSS parser takes ``value`` as the whole value of ``rule`` (and nothing more)."""
    if any(mark in value for mark in ";{}$\n"):
        return False
    try:
        parse_declarations(f"{rule}: {value};", ("theme", ""))
    except Exception:  # noqa: BLE001 - the parser raises several kinds; any of them means "not this kind"
        return False
    return True


def _check_variable(name: str, value: str) -> None:
    where = f"variables.{name}"
    kind = textual_variables().get(name)
    if kind is None:
        raise FieldProblem(where, Phrase("config.problem.not_variable"))
    if kind in (COLOUR, BACKGROUND) and not (_is_colour(value) or (kind == BACKGROUND and value == "initial")):
        raise FieldProblem(where, Phrase("config.problem.not_colour", value=value))
    if kind == FOREGROUND and not (_is_colour(value) or _declares("color", value)):
        raise FieldProblem(where, Phrase("config.problem.not_foreground", value=value))
    if kind == STYLE and not _declares("text-style", value):
        raise FieldProblem(where, Phrase("config.problem.not_style", value=value))


def textual_theme(data: ThemeData) -> Theme:
    """The Textual theme of checked theme data; raises :class:`FieldProblem` for a value Textual cannot use."""
    for name, value in data.colours.items():
        if not _is_colour(value):
            raise FieldProblem(f"colors.{name}", Phrase("config.problem.not_colour", value=value))
    for name, value in data.variables.items():
        _check_variable(name, value)
    variables = dict(data.variables)
    for variable, fallback in zip(TAG_VARIABLES, TAG_FALLBACKS, strict=True):
        variables.setdefault(variable, data.colours.get(fallback, data.colours["primary"]))
    colours = data.colours
    return Theme(
        name=data.name,
        dark=data.dark,
        variables=variables,
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        accent=colours.get("accent"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
    )


def _load(path: Path) -> tuple[str, tuple[Theme, dict[str, str]]]:
    data = read_theme_file(path)
    try:
        theme = textual_theme(data)
    except FieldProblem as problem:
        raise theme_problem(path, problem) from None
    return data.name, (theme, data.title)


def load_themes(paths: Paths) -> ThemeLibrary:
    """The shipped themes, then the facilitator's (which replace a shipped theme of the same name)."""
    loaded = load_named_files((builtin_themes(), paths.user_themes), _load)
    return ThemeLibrary(
        themes={name: theme for name, (theme, _) in loaded.items.items()},
        titles={name: title for name, (_, title) in loaded.items.items()},
        sources=loaded.sources,
        problems=loaded.problems,
    )
