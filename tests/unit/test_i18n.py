import re
import string

import pytest

from darbnica.i18n import LANGS, detect_lang, pick, strings, translator


def test_both_languages_have_every_key() -> None:
    lv, en = set(strings("lv")), set(strings("en"))
    assert lv - en == set(), "keys only in Latvian"
    assert en - lv == set(), "keys only in English"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(strings("en")))
def test_translations_use_the_same_placeholders(key: str) -> None:
    assert _fields(strings("lv")[key]) == _fields(strings("en")[key])


def test_every_key_used_in_the_code_exists() -> None:
    from importlib.resources import files

    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in files("darbnica").rglob("*.py")  # type: ignore[attr-defined]
    )
    used = set(
        re.findall(
            r'"((?:error|cli|key|home|new|dialog|step|notes|undo|context|vision|principles|actions|'
            r'status|lang|field|summary|share|qr|export|library|review|tasks|trash|followup|plan\.problem)\.[a-z_]+)"',
            source,
        )
    )
    missing = {key for key in used if key not in strings("en")}
    assert missing == set()


def test_translator_fills_parameters_and_translates_key_parameters() -> None:
    t = translator("lv")
    assert t("error.empty", what_key="field.note") == "Lauks “piezīme” ir tukšs."
    assert translator("en")("error.bad_number", value=9, low=1, high=5) == "9 is not between 1 and 5."


def test_unknown_key_shows_the_key() -> None:
    assert translator("en")("no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "lv_LV.UTF-8"}, "lv"),
        ({"LC_ALL": "lv_LV.UTF-8", "LANG": "en_US.UTF-8"}, "lv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_locale(env: dict[str, str], lang: str) -> None:
    assert detect_lang(env) == lang


def test_pick_falls_back_to_the_other_language() -> None:
    assert pick({"lv": "Sveiki"}, "en") == "Sveiki"
    assert pick({"lv": "Sveiki", "en": "Hello"}, "en") == "Hello"
    assert set(LANGS) == {"lv", "en"}


def test_a_translated_problem_gets_the_parameters_of_its_message(tmp_path) -> None:
    from darbnica.errors import PlanError
    from darbnica.plan import load_plan_file

    path = tmp_path / "dance.toml"
    path.write_text(
        '[plan]\ntitle.lv = "P"\n[[steps]]\nkey = "a"\nkind = "dance"\ntitle.lv = "A"\nquestion.lv = "Q?"\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as caught:
        load_plan_file(path)
    for lang in LANGS:
        message = translator(lang)(caught.value.key, **caught.value.params)
        assert "{" not in message and "dance" in message and "context, notes" in message


def test_no_parameter_brings_a_control_character_into_a_message() -> None:
    hostile = "x\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
    for lang in LANGS:
        message = translator(lang)("error.no_workshop", ref=hostile)
        assert message.isprintable() and "pwned" in message
        assert translator(lang)("error.empty", what_key=hostile).isprintable()
