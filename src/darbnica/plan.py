"""Session plans: TOML files with Latvian and English text, read and checked into :class:`~darbnica.model.Plan`.

Plans ship in the package (``sessions/``) and facilitators add their own in the config folder (``plans/``); a user
plan with the same name as a shipped one replaces it. A file that cannot be used is reported by name with what is
wrong, and the others still load. A workshop keeps a copy of its plan (see :func:`plan_to_dict`), so editing or
removing a plan file never changes a workshop that already ran.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from darbnica.errors import PlanError
from darbnica.i18n import LANGS
from darbnica.model import Choice, Localized, Plan, Step, StepKind
from darbnica.paths import Paths, builtin_plans
from darbnica.text import display

DEFAULT_PLAN = "cld-workshop"

# What each kind of step needs beyond the common fields.
_NEEDS_TAGS = {StepKind.VISION, StepKind.PRINCIPLES}


class _Reader:
    """Reads one plan's data, naming the exact field when something is wrong.

    Text is cleaned for the terminal (:func:`~darbnica.text.display`) as it is read: a plan file, or a workshop's
    copy of one, is written by hand, and an escape sequence in a title must not reach the screen.
    """

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, problem: str, **params: Any) -> PlanError:
        return PlanError("error.plan_field", file=self.file, field=where, problem_key=problem, **params)

    def table(self, data: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(where, "plan.problem.not_table")
        return data

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{where}.{key}", "plan.problem.text")
        return display(value)

    def localized(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> Localized:
        value = data.get(key)
        if value is None and not required:
            return {}
        return self.localized_value(value, f"{where}.{key}")

    def localized_value(self, value: Any, where: str) -> Localized:
        if isinstance(value, Mapping):
            texts = {lang: text for lang, text in value.items() if lang in LANGS}
            if texts and all(isinstance(text, str) and text.strip() for text in texts.values()):
                return {lang: display(text) for lang, text in texts.items()}
        raise self.fail(where, "plan.problem.localized")

    def hints(self, data: Mapping[str, Any], where: str) -> dict[str, tuple[str, ...]]:
        value = data.get("hints", {})
        table = self.table(value, f"{where}.hints")
        hints: dict[str, tuple[str, ...]] = {}
        for lang, lines in table.items():
            if lang not in LANGS:
                continue
            if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                raise self.fail(f"{where}.hints.{lang}", "plan.problem.text_list")
            hints[lang] = tuple(display(line) for line in lines)
        return hints

    def choices(self, data: Mapping[str, Any], key: str, where: str) -> tuple[Choice, ...]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", "plan.problem.list")
        choices = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            at = f"{where}.{key}[{index}]"
            item = self.table(item, at)
            choice_key = self.text(item, "key", at)
            if choice_key in seen:
                raise self.fail(f"{at}.key", "plan.problem.duplicate", value=choice_key)
            seen.add(choice_key)
            symbol = self.text(item, "symbol", at, required=False)
            choices.append(
                Choice(
                    key=choice_key,
                    label=self.localized(item, "label", at),
                    symbol=symbol,
                    description=self.localized(item, "description", at, required=False),
                )
            )
        return tuple(choices)

    def localized_list(self, data: Mapping[str, Any], key: str, where: str) -> tuple[Localized, ...]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", "plan.problem.list")
        return tuple(self.localized_value(item, f"{where}.{key}[{i}]") for i, item in enumerate(value))

    def step(self, data: Any, where: str) -> Step:
        data = self.table(data, where)
        kind_name = self.text(data, "kind", where)
        try:
            kind = StepKind(kind_name)
        except ValueError:
            raise self.fail(
                f"{where}.kind",
                "plan.problem.kind",
                value=kind_name,
                known=", ".join(k.value for k in StepKind),
            ) from None
        minutes = data.get("minutes", 0)
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= 600:
            raise self.fail(f"{where}.minutes", "plan.problem.minutes")
        step = Step(
            key=self.text(data, "key", where),
            kind=kind,
            title=self.localized(data, "title", where),
            question=self.localized(data, "question", where),
            minutes=minutes,
            hints=self.hints(data, where),
            tags=self.choices(data, "tags", where),
            checks=self.localized_list(data, "checks", where),
            groups=self.choices(data, "groups", where),
            levels=self.choices(data, "levels", where),
            suggestions=self.localized_list(data, "suggestions", where),
        )
        if kind in _NEEDS_TAGS and not step.tags:
            raise self.fail(f"{where}.tags", "plan.problem.needs_tags")
        return step

    def plan(self, data: Mapping[str, Any], name: str) -> Plan:
        head = self.table(data.get("plan", {}), "plan")
        raw_steps = data.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            raise self.fail("steps", "plan.problem.no_steps")
        steps = tuple(self.step(item, f"steps[{i}]") for i, item in enumerate(raw_steps))
        keys = [step.key for step in steps]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise self.fail(f"steps[{i}].key", "plan.problem.duplicate", value=key)
        return Plan(
            name=name,
            title=self.localized(head, "title", "plan"),
            description=self.localized(head, "description", "plan", required=False),
            steps=steps,
        )


def plan_from_dict(data: Mapping[str, Any], *, name: str, file: str) -> Plan:
    """Check plan data (from a TOML file or a workshop's copy) and build the :class:`Plan`."""
    return _Reader(file).plan(data, name)


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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PlanError("error.plan_syntax", file=str(path), detail=str(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError("error.plan_unreadable", file=str(path), detail=str(error)) from None
    except RecursionError:  # "a = [[[[…" nested deeper than the TOML parser can follow
        raise PlanError("error.plan_syntax", file=str(path), detail="nested too deeply") from None
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


def _plan_files(folder: Path) -> Iterable[Path]:
    if folder.is_dir():
        yield from sorted(folder.glob("*.toml"))


def load_plans(paths: Paths) -> PlanLibrary:
    """The shipped plans, then the user's (which replace shipped plans of the same name)."""
    library = PlanLibrary()
    for folder in (builtin_plans(), paths.user_plans):
        for path in _plan_files(folder):
            try:
                plan = load_plan_file(path)
            except PlanError as problem:
                library.problems.append(problem)
                continue
            library.plans[plan.name] = plan
            library.sources[plan.name] = path
    return library
