"""Files people write by hand: session plans, themes and the settings, read as TOML and checked by declared types.

Each kind declares its shape as :mod:`msgspec` structs (types, lengths, ranges); :func:`convert` checks data against
it and turns msgspec's one-line English report into a :class:`FieldProblem`: the field's path
(``steps[3].tags[0].label.lv``) and what is wrong with it as a :class:`~darbnica.i18n.Phrase`, said in the interface
language. What a type cannot say (a key repeated, a step kind that does not exist) each kind checks after, and
reports the same way.

:func:`load_named_files` is the one loader of "the shipped folder, then the user's, whose files replace same-named
ones" that plans and themes share.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import msgspec

from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS, Phrase
from darbnica.text import display

T = TypeVar("T")

FILE_LIMIT = 1_000_000
"""Bytes a plan, theme or settings file may have: the shipped plan is 20 kB; anything near this is not one."""


class FieldProblem(Exception):
    """What is wrong with one field of a hand-written file: its path and a phrase for the problem."""

    def __init__(self, field: str, problem: Phrase) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class Texts(msgspec.Struct):
    """Text in Latvian and English (``title.lv = …``, ``title.en = …``); other languages are ignored."""

    lv: str | None = None
    en: str | None = None

    def localized(self, where: str) -> dict[str, str]:
        """The texts present, cleaned for the terminal; a problem at ``where`` if neither has any text."""
        texts = {lang: display(text) for lang in LANGS if (text := getattr(self, lang)) is not None}
        if not texts or not all(text.strip() for text in texts.values()):
            raise FieldProblem(where, Phrase("config.problem.localized"))
        return texts


# msgspec reports one problem as "<what> - at `$.<path>`", or just "<what>" at the top of the data.
_AT = re.compile(r"(?P<what>.*?)(?: - at `\$\.?(?P<path>[^`]*)`)?", re.DOTALL)
_KINDS = {"str", "int", "float", "bool", "object", "array", "null"}
_WHAT: list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, Phrase]]]] = [
    (
        re.compile(r"Expected `([^`]+)`, got `(\w+)`"),
        lambda m: ("", Phrase("config.problem.type", expected_key=_kind(m[1]))),
    ),
    (re.compile(r"Expected `str` of length >= 1"), lambda m: ("", Phrase("config.problem.empty"))),
    (
        re.compile(r"Expected `str` of length <= (\d+)"),
        lambda m: ("", Phrase("config.problem.too_long", limit=int(m[1]))),
    ),
    (
        re.compile(r"Expected `(?:array|object)` of length <= (\d+)"),
        lambda m: ("", Phrase("config.problem.too_many", limit=int(m[1]))),
    ),
    (
        re.compile(r"Expected `(?:array|object)` of length >= (\d+)"),
        lambda m: ("", Phrase("config.problem.too_few", limit=int(m[1]))),
    ),
    (re.compile(r"Expected `\w+` >= (-?\d+)"), lambda m: ("", Phrase("config.problem.at_least", limit=int(m[1])))),
    (re.compile(r"Expected `\w+` <= (-?\d+)"), lambda m: ("", Phrase("config.problem.at_most", limit=int(m[1])))),
    (re.compile(r"Object missing required field `([^`]*)`"), lambda m: (m[1], Phrase("config.problem.missing"))),
    (re.compile(r"Object contains unknown field `([^`]*)`"), lambda m: (m[1], Phrase("config.problem.unknown"))),
]


def _kind(expected: str) -> str:
    """The locale key of what msgspec expected: ``str | null`` (an optional text) is "text"."""
    name = next((kind for kind in expected.split(" | ") if kind != "null"), "null")
    return f"config.kind.{name if name in _KINDS else 'unknown'}"


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and name else path or name


def problem_of(error: msgspec.ValidationError, explain: Mapping[str, str] = {}) -> FieldProblem:
    """The field and the problem in msgspec's report. ``explain`` maps a field's own name to a locale key that says
    better what that field needs (``minutes`` → "a whole number of minutes from 0 to 600"); it is used for a
    missing field, a wrong type or a number out of range there, not for a length."""
    report = _AT.fullmatch(str(error))
    assert report is not None  # the pattern matches any text
    path = report["path"] or ""
    for pattern, make in _WHAT:
        found = pattern.match(report["what"])
        if found:
            name, problem = make(found)
            where = _join(path, name)
            own = re.sub(r"\[[^\]]*\]$", "", where).rsplit(".", 1)[-1]
            if own in explain and problem.key not in ("config.problem.too_long", "config.problem.too_many"):
                problem = Phrase(explain[own])
            return FieldProblem(where or "-", problem)
    return FieldProblem(path or "-", Phrase("config.problem.unusable", detail=report["what"]))


def convert(data: Any, kind: type[T], explain: Mapping[str, str] = {}) -> T:
    """``data`` as ``kind``, checked strictly (no "10" for 10); the first problem is raised as a FieldProblem."""
    try:
        return msgspec.convert(data, kind, strict=True)
    except msgspec.ValidationError as error:
        raise problem_of(error, explain) from None
    except UnicodeEncodeError:  # a lone surrogate (JSON's "\\ud800") where msgspec wanted a name: it says not where
        raise FieldProblem("-", Phrase("config.problem.not_text")) from None


class TomlProblem(Exception):
    """A file that cannot be read as TOML: ``unreadable`` (missing, too large, not UTF-8) or not TOML at all."""

    def __init__(self, detail: str | Phrase, *, unreadable: bool) -> None:
        super().__init__(str(detail))
        self.detail = detail
        self.unreadable = unreadable


def read_toml(path: Path) -> dict[str, Any]:
    """The data in a hand-written TOML file; :class:`TomlProblem` if there is none to check."""
    try:
        if path.stat().st_size > FILE_LIMIT:
            raise TomlProblem(Phrase("config.problem.file_too_large", limit=FILE_LIMIT), unreadable=True)
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TomlProblem(str(error), unreadable=False) from None
    except RecursionError:  # "a = [[[[…" nested deeper than the TOML parser can follow
        raise TomlProblem(Phrase("config.problem.nested"), unreadable=False) from None
    except (OSError, UnicodeDecodeError) as error:
        raise TomlProblem(str(error), unreadable=True) from None


@dataclass
class Loaded(Generic[T]):
    """What loaded from the folders, by name; where each came from; the files that did not load."""

    items: dict[str, T] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[DarbnicaError] = field(default_factory=list)


def load_named_files(folders: Iterable[Path], load: Callable[[Path], tuple[str, T]]) -> Loaded[T]:
    """Every ``*.toml`` of ``folders`` in order, by the name ``load`` gives each: a later folder's file (the user's)
    replaces an earlier one's (shipped) of the same name. A file ``load`` refuses (a :class:`DarbnicaError`) is
    reported once and skipped, so the same-named one from an earlier folder stays in use."""
    loaded: Loaded[T] = Loaded()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                name, item = load(path)
            except DarbnicaError as problem:
                loaded.problems.append(problem)
                continue
            loaded.items[name] = item
            loaded.sources[name] = path
    return loaded
