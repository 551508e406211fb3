"""The facilitator's settings: ``settings.toml`` in the config folder. Every setting is optional.

```toml
lang = "lv"                # interface language; otherwise from the locale
plan = "cld-workshop"      # the plan a new workshop starts with
theme = "projector-light"  # the app's theme
public_link = "https://example.lv/darbnicas/{id}.html"   # where published summaries live
```

A file that cannot be used is reported, and the defaults are used: a broken settings file never stops the app.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from typing import Any

from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS
from darbnica.paths import Paths


@dataclass(frozen=True)
class Settings:
    lang: str | None = None
    plan: str | None = None
    theme: str | None = None
    public_link: str | None = None
    problems: tuple[DarbnicaError, ...] = field(default=(), compare=False)


def _problem(paths: Paths, name: str, detail: str) -> DarbnicaError:
    return DarbnicaError("error.settings", file=str(paths.settings), field=name, detail=detail)


def load_settings(paths: Paths) -> Settings:
    try:
        data: dict[str, Any] = tomllib.loads(paths.settings.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:  # RecursionError: [[[[…
        return Settings(problems=(_problem(paths, "-", str(error)),))
    values: dict[str, Any] = {}
    problems = []
    for item in fields(Settings):
        if item.name == "problems" or item.name not in data:
            continue
        value = data[item.name]
        if not isinstance(value, str) or not value.strip():
            problems.append(_problem(paths, item.name, "not text"))
        elif item.name == "lang" and value not in LANGS:
            problems.append(_problem(paths, item.name, f"{value} (lv, en)"))
        elif item.name == "public_link" and "{id}" not in value:
            problems.append(_problem(paths, item.name, "needs {id}"))
        else:
            values[item.name] = value
    return Settings(**values, problems=tuple(problems))
