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
