"""Interface language: Latvian first, English too.

Every interface string lives in ``locales/<lang>.toml``; code refers to it by a dotted key. Plans carry their own
texts in both languages (see :func:`pick`).

A message that counts something is a table of plural forms instead of one string, chosen by the ``count``
parameter (or by the parameter its ``by`` names) under the language's plural rule::

    [cli.added]
    one = "Pievienota {count} piezīme …"      # 1, 21, 31 … in Latvian; 1 in English
    other = "Pievienotas {count} piezīmes …"  # everything else, and any form the table leaves out

The forms are CLDR's plural categories (``zero``, ``one``, ``two``, ``few``, ``many``, ``other``). Each locale file
gives its rule in ``[plural]`` as a gettext ``Plural-Forms`` expression (``rule``, evaluated by the standard
library's gettext) and the category each of its values stands for (``categories``); a test checks the rule against
CLDR's, as the Babel library has it.
"""

from __future__ import annotations

import gettext
import os
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"

Translate = Callable[..., str]

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories: the names a plural table's forms may have."""


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


@cache
def _plural_rule(lang: str) -> Callable[[int], str]:
    """The plural category of a number in ``lang``, from its locale file's ``[plural]`` rule."""
    table = strings(lang)
    # c2py turns a Plural-Forms expression into a function; it is what gettext's own catalogs use.
    index = gettext.c2py(table["plural.rule"])
    categories = table["plural.categories"].split()
    return lambda n: categories[index(n)]


def plural_category(lang: str, n: int) -> str:
    """``one``, ``other``… : the form a message takes for ``n`` in ``lang``."""
    return _plural_rule(lang)(abs(n))


def plural_forms(table: Mapping[str, str], key: str) -> dict[str, str] | None:
    """The forms of the plural message ``key`` in ``table`` (one language's :func:`strings`), if it is one."""
    if f"{key}.other" not in table:
        return None
    return {c: table[f"{key}.{c}"] for c in PLURAL_CATEGORIES if f"{key}.{c}" in table}


def _template(table: Mapping[str, str], lang: str, key: str, params: Mapping[str, Any]) -> str | None:
    """The text of ``key`` in ``table``: the string itself, or the form of a plural message its count asks for."""
    text = table.get(key)
    forms = plural_forms(table, key) if text is None else None
    if forms is None:
        return text
    count = params.get(table.get(f"{key}.by", "count"))
    category = plural_category(lang, count) if isinstance(count, int) else "other"
    return forms.get(category) or forms["other"]


def translator(lang: str) -> Translate:
    """A function ``t(key, **params)`` for ``lang``; a key missing there falls back to English, then to itself."""
    lang = lang if lang in LANGS else "en"
    own = strings(lang)

    def t(key: str, **params: Any) -> str:
        # English is read only if a key is missing (a test keeps both languages complete): one file less at start.
        template = _template(own, lang, key, params) or _template(strings("en"), "en", key, params) or key
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
