import re
import string

import pytest
from babel.core import Locale

from darbnica.i18n import (
    LANGS,
    PLURAL_CATEGORIES,
    detect_lang,
    pick,
    plural_category,
    plural_forms,
    strings,
    translator,
)


def messages(lang: str) -> dict[str, str | dict[str, str]]:
    """Every message of ``lang`` by key: a string, or a plural message's forms (the ``[plural]`` rule left out)."""
    table = strings(lang)
    found: dict[str, str | dict[str, str]] = {}
    for key, text in table.items():
        stem, _, last = key.rpartition(".")
        if key.startswith("plural."):
            continue
        if last in (*PLURAL_CATEGORIES, "by") and f"{stem}.other" in table:
            found[stem] = plural_forms(table, stem) or {}
        else:
            found[key] = text
    return found


def texts(lang: str) -> list[tuple[str, str]]:
    """Every text a user may read in ``lang``: each string and each form of each plural message."""
    out: list[tuple[str, str]] = []
    for key, message in messages(lang).items():
        forms = message if isinstance(message, dict) else {"": message}
        out += [(f"{key}.{form}" if form else key, text) for form, text in forms.items()]
    return out


def test_both_languages_have_every_key() -> None:
    lv, en = set(messages("lv")), set(messages("en"))
    assert lv - en == set(), "keys only in Latvian"
    assert en - lv == set(), "keys only in English"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _all_fields(message: str | dict[str, str]) -> set[str]:
    forms = message.values() if isinstance(message, dict) else [message]
    return set().union(*(_fields(form) for form in forms))


@pytest.mark.parametrize("key", sorted(messages("en")))
def test_translations_use_the_same_placeholders(key: str) -> None:
    assert _all_fields(messages("lv")[key]) == _all_fields(messages("en")[key])
    for lang in LANGS:
        message = messages(lang)[key]
        if isinstance(message, dict):  # every form of a plural message fills the same parameters
            assert len({frozenset(_fields(form)) for form in message.values()}) == 1, (lang, key)


# -- plurals -----------------------------------------------------------------------------------------------------

COUNTS = (0, 1, 2, 11, 21, 100)
# What CLDR says, written out: in Latvian 1 and 21 are "one", 0, 11 and 100 "zero", 2 "other"; in English only 1.
EXPECTED = {
    "lv": {0: "zero", 1: "one", 2: "other", 11: "zero", 21: "one", 100: "zero"},
    "en": {0: "other", 1: "one", 2: "other", 11: "other", 21: "other", 100: "other"},
}
PLURALS = sorted({(lang, key) for lang in LANGS for key, m in messages(lang).items() if isinstance(m, dict)})


@pytest.mark.parametrize("lang", LANGS)
def test_the_plural_rule_is_cldrs(lang: str) -> None:
    cldr = Locale(lang).plural_form
    assert [plural_category(lang, n) for n in range(10_000)] == [cldr(n) for n in range(10_000)]
    assert {plural_category(lang, n) for n in COUNTS} <= set(strings(lang)["plural.categories"].split())


def test_the_rule_gives_what_cldr_documents() -> None:
    assert {lang: {n: plural_category(lang, n) for n in COUNTS} for lang in LANGS} == EXPECTED


@pytest.mark.parametrize(("lang", "key"), PLURALS)
@pytest.mark.parametrize("count", COUNTS)
def test_a_plural_message_takes_the_form_of_its_count(lang: str, key: str, count: int) -> None:
    forms = messages(lang)[key]
    assert isinstance(forms, dict) and "other" in forms
    assert set(forms) <= set(strings(lang)["plural.categories"].split()), "a form the language does not have"
    by = strings(lang).get(f"{key}.by", "count")
    params = {name: 7 for name in _all_fields(forms)} | {by: count}
    text = translator(lang)(key, **params)
    wanted = forms.get(EXPECTED[lang][count], forms["other"])
    assert text == wanted.format(**params)
    assert str(count) in text


def test_the_number_picks_the_form() -> None:
    lv, en = translator("lv"), translator("en")
    assert lv("cli.notes", count=1) == "1 piezīme"
    assert lv("cli.notes", count=21) == "21 piezīme"
    assert lv("cli.notes", count=11) == "11 piezīmes"
    assert lv("library.count", shown=1, total=1) == "1 no 1 darbnīcas"
    assert lv("library.count", shown=2, total=5) == "2 no 5 darbnīcām"
    assert en("cli.notes", count=1) == "1 note"
    assert en("cli.notes", count=21) == "21 notes"


NUMBERS = {
    "count",
    "length",
    "limit",
    "total",
    "shown",
    "notes",
    "open",
    "done",
    "dropped",
    "new",
    "overdue",
    "created",
    "unchanged",
    "replaced",
    "minutes",
    "planned",
    "spent",
    "low",
    "high",
    "index",
}
# A number followed by a word must agree with it: only a plural message can. Allowed: "min", and a word between two
# numbers ("{shown} of {total}", "{low} and {high}").
_NUMBER_THEN_WORD = re.compile(r"\{(" + "|".join(NUMBERS) + r")\} (?!min\b)(?![^\W\d_]+ \{)[^\W\d_]")


@pytest.mark.parametrize("lang", LANGS)
def test_every_count_message_is_a_plural_message(lang: str) -> None:
    single = [(key, text) for key, text in messages(lang).items() if isinstance(text, str)]
    assert [key for key, text in single if _NUMBER_THEN_WORD.search(text)] == []
    guesses = re.compile(r"\((s|es|-s|-as|-i|-es|-a|-u)\)")
    assert [key for key, text in texts(lang) if guesses.search(text)] == []


def test_latvian_sentences_use_the_name_darbnica_only_as_a_command() -> None:
    # In a Latvian sentence "darbnica" reads as a misspelt "darbnīca" (a workshop): "cita darbnica", "darbnica
    # glabā". It appears only as the command people type, in backticks.
    outside_commands = [(key, text) for key, text in texts("lv") if "darbnica" in re.sub(r"`[^`]*`", "", text)]
    assert outside_commands == []


# -- quotes ------------------------------------------------------------------------------------------------------

QUOTES = {"lv": ("„", "“"), "en": ("“", "”")}
"""Latvian print quotes „…“ (low-high, as Latvian typography sets them); English “…”."""
ALL_QUOTES = "«»“”„‟‹›"


def wrong_quotes(text: str, lang: str) -> str:
    """What is left of ``text``'s quote marks once every pair in the language's own form is taken out."""
    opening, closing = QUOTES[lang]
    paired = re.sub(f"{opening}[^{ALL_QUOTES}]*{closing}", "", text)
    return "".join(c for c in paired if c in ALL_QUOTES)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_quotes_in_one_form(lang: str) -> None:
    assert [(key, text) for key, text in texts(lang) if wrong_quotes(text, lang)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_hints_name_keys_as_the_key_line_does(lang: str) -> None:
    # The key line says "Esc" (ui/keys.py); a hint beside it that says "Escape" reads as another key.
    assert [(key, text) for key, text in texts(lang) if re.search(r"\bEscape\b", text)] == []


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
    missing = {key for key in used if key not in messages("en")}
    assert missing == set()


def test_translator_fills_parameters_and_translates_key_parameters() -> None:
    t = translator("lv")
    assert t("error.empty", what_key="field.note") == "Lauks „piezīme“ ir tukšs."
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
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "lv:en"}, "lv"),
        # A locale that names no language (a fresh laptop, a minimal system, ssh): Latvian first.
        ({}, "lv"),
        ({"LANG": "C"}, "lv"),
        ({"LANG": "C.UTF-8"}, "lv"),
        ({"LC_ALL": "POSIX", "LANG": "en_GB.UTF-8"}, "lv"),
        ({"LANG": "", "LANGUAGE": "en"}, "lv"),
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
    hostile = "x\x1b]0;pwned\x07\x1b[2J\x9b31my\u202e"
    for lang in LANGS:
        message = translator(lang)("error.no_workshop", ref=hostile)
        assert message.isprintable() and "xy" in message and "pwned" not in message  # each sequence whole
        assert translator(lang)("error.empty", what_key=hostile).isprintable()


def _plan_texts(value: object) -> list[tuple[str, str]]:
    """Every (language, text) of a plan file's data: ``title.lv``, ``hints.en``, the ``{lv, en}`` of checks…"""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in LANGS:
                found += [(key, text) for text in (inner if isinstance(inner, list) else [inner])]
            else:
                found += _plan_texts(inner)
    elif isinstance(value, list):
        for inner in value:
            found += _plan_texts(inner)
    return found


def test_the_shipped_plans_quote_as_their_language_does() -> None:
    import tomllib

    from darbnica.paths import builtin_plans

    plans = sorted(builtin_plans().glob("*.toml"))
    assert plans
    texts = [(plan.name, lang, text) for plan in plans for lang, text in _plan_texts(tomllib.loads(plan.read_text()))]
    assert len(texts) > 100
    assert [(name, text) for name, lang, text in texts if wrong_quotes(str(text), lang)] == []
