"""Themes: small TOML files turned into Textual themes.

The shipped ones live in the top-level ``themes/`` folder (packaged into the wheel); a facilitator's own go in the
config folder's ``themes/`` and replace a shipped theme of the same name. A file that cannot be used is reported in
one message and skipped; the others still load.

```toml
name = "projector-light"          # what --theme and settings.toml's theme name
dark = false
title.lv = "Projektors, gaišs"    # shown in the command palette (optional)
title.en = "Projector, light"
[colors]                          # textual.theme.Theme's colours: primary (required), secondary, accent, ...
primary = "#0B3D91"
[variables]                       # any Textual theme variable, and darbnica's tag-1 ... tag-6
tag-1 = "#075555"
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from darbnica.errors import DarbnicaError
from darbnica.i18n import pick
from darbnica.paths import Paths, builtin_themes

DEFAULT_THEME = "projector-light"
"""Dark text on white: a projector in a lit hall washes out dark backgrounds, never a white one."""

COLOURS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
)
TAG_VARIABLES = tuple(f"tag-{n}" for n in range(1, 7))
# Where a theme names no tag colours, its own palette stands in, in this order.
TAG_FALLBACKS = ("primary", "secondary", "warning", "success", "accent", "error")
_KNOWN = {"name", "dark", "title", "colors", "variables"}


@dataclass
class ThemeLibrary:
    themes: dict[str, Theme] = field(default_factory=dict)
    titles: dict[str, Mapping[str, str]] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[DarbnicaError] = field(default_factory=list)

    def title(self, name: str, lang: str) -> str:
        return str(pick(self.titles.get(name, {}), lang)) or name


class _Broken(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _colour(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _Broken(f"{where}: not a colour")
    try:
        Color.parse(value)
    except ColorParseError:
        raise _Broken(f"{where}: “{value}” is not a colour") from None
    return value


def theme_from_data(data: Mapping[str, Any]) -> tuple[Theme, Mapping[str, str]]:
    """A Textual theme and its titles from a theme file's data; raises ``_Broken`` on the first mistake."""
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise _Broken(f"unknown field {unknown[0]}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Broken("name: missing")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise _Broken("dark: not true or false")
    title = data.get("title", {})
    if not isinstance(title, dict) or not all(isinstance(v, str) for v in title.values()):
        raise _Broken("title: not title.lv / title.en texts")
    colours = data.get("colors", {})
    variables = data.get("variables", {})
    if not isinstance(colours, dict) or not isinstance(variables, dict):
        raise _Broken("colors and variables must be tables")
    wrong = sorted(set(colours) - set(COLOURS))
    if wrong:
        raise _Broken(f"colors.{wrong[0]}: not a theme colour ({', '.join(COLOURS)})")
    if "primary" not in colours:
        raise _Broken("colors.primary: missing")
    checked = {key: _colour(value, f"colors.{key}") for key, value in colours.items()}
    extra: dict[str, str] = {}
    for key, value in variables.items():
        if not isinstance(value, str):
            raise _Broken(f"variables.{key}: not text")
        extra[key] = _colour(value, f"variables.{key}") if key in TAG_VARIABLES else value
    for variable, fallback in zip(TAG_VARIABLES, TAG_FALLBACKS, strict=True):
        extra.setdefault(variable, checked.get(fallback, checked["primary"]))
    theme = Theme(
        name=name.strip(),
        dark=dark,
        variables=extra,
        primary=checked["primary"],
        secondary=checked.get("secondary"),
        warning=checked.get("warning"),
        error=checked.get("error"),
        success=checked.get("success"),
        accent=checked.get("accent"),
        foreground=checked.get("foreground"),
        background=checked.get("background"),
        surface=checked.get("surface"),
        panel=checked.get("panel"),
    )
    return theme, title


def _load_folder(folder: Path, library: ThemeLibrary) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            theme, title = theme_from_data(data)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            library.problems.append(DarbnicaError("error.theme", file=str(path), detail=str(error)))
            continue
        except _Broken as error:
            library.problems.append(DarbnicaError("error.theme", file=str(path), detail=error.detail))
            continue
        library.themes[theme.name] = theme
        library.titles[theme.name] = title
        library.sources[theme.name] = path


def load_themes(paths: Paths) -> ThemeLibrary:
    """The shipped themes, then the facilitator's (which replace a shipped theme of the same name)."""
    library = ThemeLibrary()
    _load_folder(builtin_themes(), library)
    _load_folder(paths.user_themes, library)
    return library
