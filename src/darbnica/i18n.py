"""Interface language: Latvian first, English too.

Every interface string lives in ``locales/<lang>.toml``; code refers to it by a dotted key. Plans carry their own
texts in both languages (see :func:`pick`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"

Translate = Callable[..., str]


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def strings(lang: str) -> dict[str, str]:
    """All strings of one language, by dotted key."""
    text = files("darbnica").joinpath("locales", f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


def translator(lang: str) -> Translate:
    """A function ``t(key, **params)`` for ``lang``; a key missing there falls back to English, then to itself."""
    own = strings(lang if lang in LANGS else "en")

    def t(key: str, **params: Any) -> str:
        # English is read only if a key is missing (a test keeps both languages complete): one file less at start.
        template = own.get(key) or strings("en").get(key) or key
        # A parameter named ``x_key`` is itself a locale key: it is translated and passed as ``x``.
        for name, value in list(params.items()):
            if name.endswith("_key"):
                params[name[: -len("_key")]] = t(str(value))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    return t


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """Latvian when the user's locale is Latvian, English otherwise."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "lv" if value.lower().startswith("lv") else "en"
    return "en"


def pick(texts: Mapping[str, Any], lang: str) -> Any:
    """A plan's text in ``lang``, or in the other language when that one is missing."""
    if lang in texts:
        return texts[lang]
    for other in LANGS:
        if other in texts:
            return texts[other]
    return ""
