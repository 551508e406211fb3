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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from darbnica.text import display

if TYPE_CHECKING:
    from darbnica.errors import DarbnicaError

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
    text = (Path(__file__).with_name("locales") / f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


class Phrase:
    """A part of a message that is translated in its turn: what is wrong with a field, inside the error that names
    the file. Pass it as a parameter; the message is then said whole in the reader's language."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params

    @classmethod
    def of(cls, error: DarbnicaError) -> Phrase:
        """An error's message as a part of another one ("The archive's x.json cannot be read: <error>")."""
        return cls(error.key, **error.params)

    def __str__(self) -> str:
        return translator("en")(self.key, **self.params)

    def __contains__(self, text: str) -> bool:
        return text in str(self)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]


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
    """A function ``t(key, **params)`` for ``lang``; a key missing there falls back to English, then to itself.

    A message that counts is said in the plural form its number asks for (see :func:`plural_category`). Every
    parameter is cleaned for the terminal (:func:`~darbnica.text.display`) as it is put in: parameters carry file
    names, ids and values from files people edit by hand (settings, plans, themes, imports), and this is the one
    place every message passes through, in the CLI and the app alike, so no message can carry an escape.
    """
    lang = lang if lang in LANGS else "en"
    own = strings(lang)

    def t(key: str, **params: Any) -> str:
        # English is read only if a key is missing (a test keeps both languages complete): one file less at start.
        template = _template(own, lang, key, params) or _template(strings("en"), "en", key, params) or display(key)
        filled: dict[str, Any] = {}
        for name, value in params.items():
            if isinstance(value, Phrase):
                filled[name] = t(value.key, **value.params)
            elif isinstance(value, Mapping):
                filled[name] = display(str(pick(value, lang)))  # a plan's text in each language: the reader's
            elif name.endswith("_key"):
                # A locale key, translated and passed as ``x``, with the same parameters ("is {value}; one of {known}").
                others = {n: v for n, v in params.items() if not n.endswith("_key")}
                filled[name[: -len("_key")]] = t(str(value), **others)
            elif isinstance(value, int | float):
                filled[name] = value  # numbers keep their formatting
            else:
                filled[name] = display(str(value))
        try:
            return template.format(**filled)
        except (KeyError, IndexError, ValueError):
            return template

    return t


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the user's locale asks for: English for an English (or any other) locale, Latvian
    for a Latvian one and where the locale says no language at all (C, POSIX or unset, as on many a freshly
    installed laptop): darbnica is Latvian first."""
    env = os.environ if environ is None else environ
    # The first of these that is set is the locale in force for messages (as the C library reads them).
    locale = next((env[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(var)), "")
    name = locale.split(".")[0].split("@")[0]
    if name in ("", "C", "POSIX"):
        return DEFAULT_LANG  # gettext too ignores LANGUAGE under the C locale
    # LANGUAGE, where set, is the user's list of languages in order of preference ("lv:en").
    preferred = env.get("LANGUAGE", "").split(":")[0] or name
    return "lv" if preferred.lower().startswith("lv") else "en"


def pick(texts: Mapping[str, Any], lang: str) -> Any:
    """A plan's text in ``lang``, or in the other language when that one is missing."""
    if lang in texts:
        return texts[lang]
    for other in LANGS:
        if other in texts:
            return texts[other]
    return ""
