"""The facilitator's settings: ``settings.toml`` in the config folder. Every setting is optional.

```toml
lang = "lv"                # interface language; otherwise from the locale
plan = "cld-workshop"      # the plan a new workshop starts with
theme = "projector-light"  # the app's theme
public_link = "https://example.lv/darbnicas/{id}.html"   # where published summaries live
wifi_name = "Tautas nams"  # the hall's Wi-Fi: the join card (F5) shows it as a second QR code for phones
wifi_password = "…"        # leave out for an open network
```

A file that cannot be used is reported, and the defaults are used: a broken settings file never stops the app.
Each setting is checked by its declared type on its own, so one bad value is reported and the others are used.

The app writes two settings itself, as the facilitator chooses them: the interface language and the theme
(:func:`remember`); it changes only that line of the file, so its comments and other settings stay as written.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from darbnica.config_files import FieldProblem, TomlProblem, convert, read_toml
from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS, Phrase
from darbnica.paths import Paths
from darbnica.store.storage import atomic_write, write_failed
from darbnica.text import LINE_LIMIT, STATEMENT_LIMIT


@dataclass(frozen=True)
class Settings:
    lang: str | None = None
    plan: str | None = None
    theme: str | None = None
    public_link: str | None = None
    wifi_name: str | None = None
    wifi_password: str | None = None
    problems: tuple[DarbnicaError, ...] = field(default=(), compare=False)


WIFI_NAME_LIMIT = 32
"""Characters a Wi-Fi network's name may have (32 bytes by the standard; longer is a typing mistake)."""
WIFI_PASSWORD_LIMIT = 63
"""Characters of a WPA passphrase, by the standard."""

_Name = Annotated[str, Meta(min_length=1, max_length=LINE_LIMIT)]


class _SettingsFile(msgspec.Struct):
    """The declared type of each setting; unknown ones are ignored (a newer darbnica's, or a comment-like key)."""

    lang: _Name | None = None
    plan: _Name | None = None
    theme: _Name | None = None
    public_link: Annotated[str, Meta(min_length=1, max_length=STATEMENT_LIMIT)] | None = None
    wifi_name: Annotated[str, Meta(min_length=1, max_length=WIFI_NAME_LIMIT)] | None = None
    wifi_password: Annotated[str, Meta(min_length=1, max_length=WIFI_PASSWORD_LIMIT)] | None = None


def _check(name: str, value: str) -> str:
    if not value.strip():
        raise FieldProblem(name, Phrase("config.problem.empty"))
    if not value.isprintable():  # an escape sequence in a name would be printed in every message naming it
        raise FieldProblem(name, Phrase("config.problem.not_printable"))
    if name == "lang" and value not in LANGS:
        raise FieldProblem(name, Phrase("config.problem.choice", value=value, known=", ".join(LANGS)))
    if name == "public_link" and "{id}" not in value:
        raise FieldProblem(name, Phrase("config.problem.needs_id"))
    return value


def _problem(paths: Paths, name: str, detail: str | Phrase) -> DarbnicaError:
    return DarbnicaError("error.settings", file=str(paths.settings), field=name, detail=detail)


def load_settings(paths: Paths) -> Settings:
    if not paths.settings.exists():
        return Settings()
    try:
        data: dict[str, Any] = read_toml(paths.settings)
    except TomlProblem as problem:
        return Settings(problems=(_problem(paths, "-", problem.detail),))
    values: dict[str, Any] = {}
    problems = []
    for name in _SettingsFile.__struct_fields__:
        if name not in data:
            continue
        try:
            checked = convert({name: data[name]}, _SettingsFile)
            values[name] = _check(name, getattr(checked, name))
        except FieldProblem as problem:
            problems.append(_problem(paths, problem.field, problem.problem))
    return Settings(**values, problems=tuple(problems))


REMEMBERED = ("lang", "theme")
"""The settings the app writes when the facilitator chooses them (with --lang and --theme, F4, the palette)."""

_TABLE = re.compile(r"\s*\[")


def remember(paths: Paths, name: str, value: str) -> None:
    """Write ``name = "value"`` into the settings file, atomically, keeping the rest of it as it was.

    The setting's line is replaced where it is, or added above the file's first table. A file that cannot be read
    as TOML is left alone (it has been reported, and writing would lose what its author meant): raises
    :class:`DarbnicaError` then, or when the disk refuses the write."""
    assert name in REMEMBERED
    path = paths.settings
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise DarbnicaError("error.settings_not_written", file=str(path)) from None
    line = f"{name} = {json.dumps(value, ensure_ascii=False)}"  # a JSON string is a TOML basic string
    lines = text.splitlines()
    top = next((i for i, old in enumerate(lines) if _TABLE.match(old)), len(lines))
    own = re.compile(rf"\s*{name}\s*=")
    at = next((i for i in range(top) if own.match(lines[i])), None)
    if at is None:
        while top > 0 and not lines[top - 1].strip():  # after the last top-level line, not after the blank ones
            top -= 1
        lines.insert(top, line)
    else:
        lines[at] = line
    new = "\n".join(lines) + "\n"
    try:
        written = tomllib.loads(new).get(name)
    except tomllib.TOMLDecodeError:
        written = None
    if written != value:  # the old value spanned lines, or the key was written another way: say so, change nothing
        raise DarbnicaError("error.settings_not_written", file=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_failed(error, path) from error
    atomic_write(path, new.encode("utf-8"))
