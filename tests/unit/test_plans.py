from pathlib import Path

import pytest

from darbnica.errors import NotFound, PlanError
from darbnica.i18n import translator
from darbnica.model import StepKind
from darbnica.paths import Paths
from darbnica.plan import DEFAULT_PLAN, load_plan_file, load_plans, plan_from_dict, plan_to_dict


def test_the_default_plan_follows_the_workshop_model(paths: Paths) -> None:
    plan = load_plans(paths).get(DEFAULT_PLAN)
    assert [(s.key, s.kind) for s in plan.steps] == [
        ("context", StepKind.CONTEXT),
        ("problem", StepKind.NOTES),
        ("future", StepKind.NOTES),
        ("vision", StepKind.VISION),
        ("principles", StepKind.PRINCIPLES),
        ("responsibilities", StepKind.ACTIONS),
        ("closing", StepKind.CLOSING),
    ]
    assert plan.step("problem").question["lv"] == "Kādu problēmu Jūs mēģināt atrisināt?"
    assert [t.key for t in plan.step("problem").tags] == ["need", "want"]
    assert [t.key for t in plan.step("future").tags] == ["capacity", "need", "resource", "strength"]
    assert [t.label["lv"] for t in plan.step("vision").tags] == [
        "Spēcīgāka",
        "Pārtikusi",
        "Savienota",
        "Izturīga",
    ]
    assert len(plan.step("vision").checks) == 4
    assert len(plan.step("principles").tags) == 5
    assert [g.key for g in plan.step("context").groups][:2] == ["residents", "municipality"]
    assert [level.key for level in plan.step("context").levels] == ["informing", "consulting", "together"]


def test_every_shipped_step_speaks_both_languages(paths: Paths) -> None:
    library = load_plans(paths)
    assert library.problems == []
    assert {"cld-workshop", "follow-up-meeting"} <= set(library.plans)
    for plan in library.plans.values():
        for step in plan.steps:
            for text in (step.title, step.question):
                assert set(text) == {"lv", "en"}, (plan.name, step.key)
            assert set(step.hints) == {"lv", "en"}
            for choice in (*step.tags, *step.groups, *step.levels):
                assert set(choice.label) == {"lv", "en"}, (plan.name, step.key, choice.key)


def test_the_follow_up_plan_is_shorter(paths: Paths) -> None:
    plans = load_plans(paths).plans
    assert plans["follow-up-meeting"].minutes == 60 < plans["cld-workshop"].minutes


def test_a_plan_survives_being_copied_into_a_workshop(paths: Paths) -> None:
    plan = load_plans(paths).get(DEFAULT_PLAN)
    assert plan_from_dict(plan_to_dict(plan), name=plan.name, file="copy") == plan


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_plan_is_named_with_its_line_and_the_others_still_load(paths: Paths) -> None:
    _write(paths.user_plans, "broken.toml", '[plan]\ntitle.lv = "x"\n\n[[steps]\nkey = "a"\n')
    library = load_plans(paths)
    assert DEFAULT_PLAN in library.plans
    (problem,) = library.problems
    message = translator("en")(problem.key, **problem.params)
    assert "broken.toml" in message and "line 4" in message


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('[[steps]]\nkey = "a"\nkind = "dance"\ntitle.lv = "A"\nquestion.lv = "Q?"\n', "steps[0].kind"),
        ('[[steps]]\nkey = "a"\nkind = "notes"\ntitle.lv = "A"\n', "steps[0].question"),
        (
            '[[steps]]\nkey = "a"\nkind = "notes"\nminutes = "ten"\ntitle.lv = "A"\nquestion.lv = "Q"\n',
            "minutes",
        ),
        ('[[steps]]\nkey = "v"\nkind = "vision"\ntitle.lv = "V"\nquestion.lv = "Q"\n', "steps[0].tags"),
        ("", "steps"),
    ],
)
def test_a_plan_with_wrong_types_says_which_field(tmp_path: Path, body: str, field: str) -> None:
    path = _write(tmp_path, "bad.toml", '[plan]\ntitle.lv = "Plāns"\n' + body)
    with pytest.raises(PlanError) as caught:
        load_plan_file(path)
    assert field in caught.value.params["field"]
    assert str(path) in str(caught.value)


def test_a_user_plan_replaces_a_shipped_one_of_the_same_name(paths: Paths) -> None:
    _write(
        paths.user_plans,
        f"{DEFAULT_PLAN}.toml",
        '[plan]\ntitle.lv = "Īsā"\n[[steps]]\nkey = "p"\nkind = "notes"\ntitle.lv = "P"\nquestion.lv = "Kas?"\n',
    )
    library = load_plans(paths)
    assert [s.key for s in library.get(DEFAULT_PLAN).steps] == ["p"]
    assert library.sources[DEFAULT_PLAN].parent == paths.user_plans


def test_asking_for_an_unknown_plan_lists_the_known_ones(paths: Paths) -> None:
    with pytest.raises(NotFound) as caught:
        load_plans(paths).get("nope")
    assert "cld-workshop" in str(caught.value)


def _step(key: str = "a", **extra) -> dict:
    return {"key": key, "kind": "notes", "title": {"lv": "A"}, "question": {"lv": "Q?"}, **extra}


def _problem(data: dict, lang: str = "en") -> str:
    with pytest.raises(PlanError) as caught:
        plan_from_dict(data, name="x", file="x.toml")
    message = translator(lang)(caught.value.key, **caught.value.params)
    assert "{" not in message and message.isprintable()
    return message


@pytest.mark.parametrize(
    ("steps", "en", "lv"),
    [
        (
            [_step(), _step("b"), _step("c"), _step("d", tags=[{"key": "t", "label": {"lv": 3}}])],
            "steps[3].tags[0].label.lv must be text.",
            "steps[3].tags[0].label.lv jābūt tekstam.",
        ),
        ([_step(minutes=-1)], "steps[0].minutes must be a whole number of minutes from 0 to 600", "minūšu"),
        ([_step(key="")], "steps[0].key must be non-empty text.", "steps[0].key jābūt tekstam"),
        ([_step(title="A")], "steps[0].title must have text in lv or en", "steps[0].title vajag tekstu"),
        ([_step(hints={"lv": ["x" * 2001]})], "steps[0].hints.lv[0] is longer than 2000 characters.", "2000"),
        ([_step(key="k" * 61)], "steps[0].key is longer than 60 characters.", "60"),
        ([_step(tags=[{"key": str(i), "label": {"en": "t"}} for i in range(51)])], "steps[0].tags has more", "50"),
        ([_step(), _step()], "steps[1].key repeats the key “a”.", "atkārto atslēgu „a“"),
        ([_step(tags=[{"key": "t", "label": {"en": "x"}}] * 2)], "steps[0].tags[1].key repeats", "atkārto"),
        ([_step(kind="dance")], "steps[0].kind is “dance”; a step's kind is one of: context, notes", "dance"),
    ],
)
def test_a_plans_problem_names_the_field_path_in_the_interface_language(steps: list, en: str, lv: str) -> None:
    data = {"plan": {"title": {"lv": "P"}}, "steps": steps}
    assert en in _problem(data, "en")
    assert lv in _problem(data, "lv")


def test_a_plan_of_forty_thousand_steps_is_refused_by_its_field_and_limit() -> None:
    steps = [_step(str(i)) for i in range(40_000)]
    message = _problem({"plan": {"title": {"lv": "P"}}, "steps": steps})
    assert "x.toml: steps has more than 100 entries" in message


def test_a_long_plan_under_the_limit_finds_a_repeated_key_at_its_end() -> None:
    steps = [_step(str(i)) for i in range(99)] + [_step("0")]
    assert "steps[99].key repeats the key “0”" in _problem({"plan": {"title": {"lv": "P"}}, "steps": steps})


def test_a_plan_file_too_large_to_be_one_is_not_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.toml", '[plan]\ntitle.lv = "P"\n# ' + "x" * 1_000_001 + "\n")
    with pytest.raises(PlanError) as caught:
        load_plan_file(path)
    assert "larger than 1000000 bytes" in str(caught.value)


@pytest.mark.parametrize("key", ["\x00", "\x07\x08", "\u202e"])
def test_a_key_of_control_characters_alone_is_refused_not_written_back_empty(key: str) -> None:
    # Cleaned, such a key is empty: a workshop holding this plan would save a copy it can no longer read.
    group = {"key": key, "label": {"lv": "Iedzīvotāji"}}
    message = _problem({"plan": {"title": {"lv": "P"}}, "steps": [_step(groups=[group])]})
    assert "steps[0].groups[0].key" in message
