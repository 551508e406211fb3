"""Session plans: TOML files with Latvian and English text, read and checked into :class:`~darbnica.model.Plan`.

Plans ship in the package (``sessions/``) and facilitators add their own in the config folder (``plans/``); a user
plan with the same name as a shipped one replaces it. A file that cannot be used is reported by name with what is
wrong, and the others still load. A workshop keeps a copy of its plan (see :func:`plan_to_dict`), so editing or
removing a plan file never changes a workshop that already ran.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from darbnica.config_files import FieldProblem, Texts, TomlProblem, convert, load_named_files, read_toml
from darbnica.errors import PlanError
from darbnica.i18n import LANGS, Phrase
from darbnica.model import Choice, Localized, Plan, Step, StepKind
from darbnica.paths import Paths, builtin_plans
from darbnica.text import STATEMENT_LIMIT, display

DEFAULT_PLAN = "cld-workshop"

MAX_STEPS = 100
"""Steps a plan may have: a day-long workshop has a dozen."""

MAX_CHOICES = 50
"""Tags, groups or levels a step may have, and hint lines, checks or suggestions."""

KEY_LIMIT = 60
"""Characters of a key (a step's, a tag's): keys are typed on the command line."""

TEXT_LIMIT = STATEMENT_LIMIT
"""Characters of a title, question, hint, label or description: a vision statement's length."""

SYMBOL_LIMIT = 8

# What each kind of step needs beyond the common fields.
_NEEDS_TAGS = {StepKind.VISION, StepKind.PRINCIPLES}

# The shape of a plan file, as declared types: msgspec checks them and names the field that is wrong.
_Key = Annotated[str, Meta(max_length=KEY_LIMIT)]
_Text = Annotated[str, Meta(max_length=TEXT_LIMIT)]
_Lines = Annotated[list[_Text], Meta(max_length=MAX_CHOICES)]


class _PlanTexts(Texts):
    lv: _Text | None = None
    en: _Text | None = None


class _Hints(msgspec.Struct):
    lv: _Lines | None = None
    en: _Lines | None = None


class _Choice(msgspec.Struct):
    key: _Key
    label: _PlanTexts
    symbol: Annotated[str, Meta(max_length=SYMBOL_LIMIT)] = ""
    description: _PlanTexts | None = None


_Choices = Annotated[list[_Choice], Meta(max_length=MAX_CHOICES)]
_TextList = Annotated[list[_PlanTexts], Meta(max_length=MAX_CHOICES)]


class _Step(msgspec.Struct):
    key: _Key
    kind: _Key
    title: _PlanTexts
    question: _PlanTexts
    minutes: Annotated[int, Meta(ge=0, le=600)] = 0
    hints: _Hints = msgspec.field(default_factory=_Hints)
    tags: _Choices = []
    checks: _TextList = []
    groups: _Choices = []
    levels: _Choices = []
    suggestions: _TextList = []


class _Head(msgspec.Struct):
    title: _PlanTexts
    description: _PlanTexts | None = None


class _PlanFile(msgspec.Struct):
    plan: _Head
    steps: Annotated[list[_Step], Meta(max_length=MAX_STEPS)] = []


# Fields whose own message says better what they need than "must be a table".
_EXPLAIN = {
    "minutes": "plan.problem.minutes",
    **{name: "config.problem.localized" for name in ("title", "question", "label", "description")},
}


def _key(value: str, where: str) -> str:
    key = display(value)
    if not key.strip():  # checked after cleaning: a key of control characters alone would be written back empty
        raise FieldProblem(where, Phrase("plan.problem.text"))
    return key


def _unique(keys: list[str], where: str) -> None:
    seen: set[str] = set()  # a set, not a search of the keys before each: a long list costs no more than its length
    for index, key in enumerate(keys):
        if key in seen:
            raise FieldProblem(where.format(index), Phrase("plan.problem.duplicate", value=key))
        seen.add(key)


def _choices(items: list[_Choice], where: str) -> tuple[Choice, ...]:
    choices = tuple(
        Choice(
            key=_key(item.key, f"{where}[{i}].key"),
            label=item.label.localized(f"{where}[{i}].label"),
            symbol=display(item.symbol),
            description=item.description.localized(f"{where}[{i}].description") if item.description else {},
        )
        for i, item in enumerate(items)
    )
    _unique([c.key for c in choices], where + "[{}].key")
    return choices


def _step(data: _Step, where: str) -> Step:
    try:
        kind = StepKind(data.kind)
    except ValueError:
        raise FieldProblem(
            f"{where}.kind",
            Phrase("plan.problem.kind", value=data.kind, known=", ".join(k.value for k in StepKind)),
        ) from None
    hints = {
        lang: tuple(display(line) for line in lines)
        for lang in LANGS
        if (lines := getattr(data.hints, lang)) is not None
    }
    step = Step(
        key=_key(data.key, f"{where}.key"),
        kind=kind,
        title=data.title.localized(f"{where}.title"),
        question=data.question.localized(f"{where}.question"),
        minutes=data.minutes,
        hints=hints,
        tags=_choices(data.tags, f"{where}.tags"),
        checks=tuple(text.localized(f"{where}.checks[{i}]") for i, text in enumerate(data.checks)),
        groups=_choices(data.groups, f"{where}.groups"),
        levels=_choices(data.levels, f"{where}.levels"),
        suggestions=tuple(text.localized(f"{where}.suggestions[{i}]") for i, text in enumerate(data.suggestions)),
    )
    if kind in _NEEDS_TAGS and not step.tags:
        raise FieldProblem(f"{where}.tags", Phrase("plan.problem.needs_tags"))
    return step


def plan_from_dict(data: Mapping[str, Any], *, name: str, file: str) -> Plan:
    """Check plan data (from a TOML file or a workshop's copy) and build the :class:`Plan`.

    Text is cleaned for the terminal (:func:`~darbnica.text.display`) as it is read: a plan file, or a workshop's
    copy of one, is written by hand, and an escape sequence in a title must not reach the screen.
    """
    try:
        checked = convert(data, _PlanFile, _EXPLAIN)
        if not checked.steps:
            raise FieldProblem("steps", Phrase("plan.problem.no_steps"))
        steps = tuple(_step(step, f"steps[{i}]") for i, step in enumerate(checked.steps))
        _unique([step.key for step in steps], "steps[{}].key")
        return Plan(
            name=name,
            title=checked.plan.title.localized("plan.title"),
            description=checked.plan.description.localized("plan.description") if checked.plan.description else {},
            steps=steps,
        )
    except FieldProblem as problem:
        raise PlanError("error.plan_field", file=file, field=problem.field, problem=problem.problem) from None


def _choice_dict(choice: Choice) -> dict[str, Any]:
    out: dict[str, Any] = {"key": choice.key, "label": dict(choice.label)}
    if choice.symbol:
        out["symbol"] = choice.symbol
    if choice.description:
        out["description"] = dict(choice.description)
    return out


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as data in the same shape as its TOML file, for keeping a copy inside each workshop."""
    steps = []
    for step in plan.steps:
        item: dict[str, Any] = {
            "key": step.key,
            "kind": step.kind.value,
            "minutes": step.minutes,
            "title": dict(step.title),
            "question": dict(step.question),
            "hints": {lang: list(lines) for lang, lines in step.hints.items()},
        }
        for name in ("tags", "groups", "levels"):
            choices: tuple[Choice, ...] = getattr(step, name)
            if choices:
                item[name] = [_choice_dict(choice) for choice in choices]
        for name in ("checks", "suggestions"):
            texts: tuple[Localized, ...] = getattr(step, name)
            if texts:
                item[name] = [dict(text) for text in texts]
        steps.append(item)
    head: dict[str, Any] = {"title": dict(plan.title)}
    if plan.description:
        head["description"] = dict(plan.description)
    return {"plan": head, "steps": steps}


def load_plan_file(path: Path) -> Plan:
    try:
        data = read_toml(path)
    except TomlProblem as problem:
        key = "error.plan_unreadable" if problem.unreadable else "error.plan_syntax"
        raise PlanError(key, file=str(path), detail=problem.detail) from None
    return plan_from_dict(data, name=path.stem, file=str(path))


@dataclass
class PlanLibrary:
    """All plans that loaded, where each came from, and the files that did not load."""

    plans: dict[str, Plan] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[PlanError] = field(default_factory=list)

    def get(self, name: str | None) -> Plan:
        from darbnica.errors import NotFound

        wanted = name or DEFAULT_PLAN
        if wanted in self.plans:
            return self.plans[wanted]
        raise NotFound("error.no_plan", plan=wanted, known=", ".join(sorted(self.plans)) or "-")


def _load(path: Path) -> tuple[str, Plan]:
    plan = load_plan_file(path)
    return plan.name, plan


def load_plans(paths: Paths) -> PlanLibrary:
    """The shipped plans, then the user's (which replace shipped plans of the same name)."""
    loaded = load_named_files((builtin_plans(), paths.user_plans), _load)
    problems = [problem for problem in loaded.problems if isinstance(problem, PlanError)]
    return PlanLibrary(loaded.items, loaded.sources, problems)
