"""Theme files as data: read and checked here, in the core; :mod:`darbnica.ui.themes` makes Textual themes of them.

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

Here the shape is checked (every field's type, the names of the colours, text lengths) and the title cleaned for
the terminal; whether each value is a colour or a text style Textual can use is checked where Textual is, in the
interface (:func:`darbnica.ui.themes.textual_theme`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from darbnica.config_files import FieldProblem, Texts, TomlProblem, convert, read_toml
from darbnica.errors import DarbnicaError
from darbnica.i18n import Phrase
from darbnica.text import LINE_LIMIT

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
"""Textual's theme colours (the fields of ``textual.theme.Theme``); ``primary`` is required."""

TAG_VARIABLES = tuple(f"tag-{n}" for n in range(1, 7))
"""darbnica's own variables: the colours of a step's tags."""

VARIABLES_LIMIT = 300
"""Variables a theme may set: Textual has about 170."""

VALUE_LIMIT = 100
"""Characters of a colour or style: "rgb(255, 255, 255)" has 18."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_Value = Annotated[str, Meta(max_length=VALUE_LIMIT)]


class _Title(Texts):
    lv: Annotated[str, Meta(max_length=LINE_LIMIT)] | None = None
    en: Annotated[str, Meta(max_length=LINE_LIMIT)] | None = None


class _Colours(msgspec.Struct, forbid_unknown_fields=True):
    primary: _Value
    secondary: _Value | None = None
    warning: _Value | None = None
    error: _Value | None = None
    success: _Value | None = None
    accent: _Value | None = None
    foreground: _Value | None = None
    background: _Value | None = None
    surface: _Value | None = None
    panel: _Value | None = None


class _ThemeFile(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(max_length=60)]
    colors: _Colours
    dark: bool = True
    title: _Title | None = None
    # Checked by hand below: msgspec names a wrong value in a table of any keys "variables[...]", not by its key.
    variables: Annotated[dict[str, Any], Meta(max_length=VARIABLES_LIMIT)] = {}


@dataclass(frozen=True)
class ThemeData:
    """A theme file's content, checked for shape: what :mod:`darbnica.ui.themes` turns into a Textual theme."""

    name: str
    dark: bool
    title: dict[str, str]
    colours: dict[str, str]
    """The colours the file sets, by :data:`COLOURS` name."""
    variables: dict[str, str]


def theme_from_data(data: Any) -> ThemeData:
    """Check a theme file's data; raises :class:`FieldProblem` on the first mistake."""
    checked = convert(data, _ThemeFile, {"title": "config.problem.localized"})
    if not _NAME.fullmatch(checked.name):
        raise FieldProblem("name", Phrase("config.problem.theme_name"))
    variables: dict[str, str] = {}
    for key, value in checked.variables.items():
        where = f"variables.{key}"
        if not isinstance(value, str):
            raise FieldProblem(where, Phrase("config.problem.type", expected_key="config.kind.str"))
        if len(value) > VALUE_LIMIT:
            raise FieldProblem(where, Phrase("config.problem.too_long", limit=VALUE_LIMIT))
        variables[key] = value
    colours = {name: value for name in COLOURS if (value := getattr(checked.colors, name)) is not None}
    return ThemeData(
        name=checked.name,
        dark=checked.dark,
        title=checked.title.localized("title") if checked.title else {},
        colours=colours,
        variables=variables,
    )


def theme_problem(path: Path, problem: FieldProblem) -> DarbnicaError:
    """A theme file that cannot be used, reported once with the field and what is wrong with it."""
    detail = Phrase("error.field_problem", field=problem.field, problem=problem.problem)
    return DarbnicaError("error.theme", file=str(path), detail=detail)


def read_theme_file(path: Path) -> ThemeData:
    """The checked data of one theme file; a :class:`DarbnicaError` naming the file if it cannot be used."""
    try:
        return theme_from_data(read_toml(path))
    except TomlProblem as problem:
        raise DarbnicaError("error.theme", file=str(path), detail=problem.detail) from None
    except FieldProblem as problem:
        raise theme_problem(path, problem) from None
