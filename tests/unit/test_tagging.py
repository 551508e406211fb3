"""A tag typed at the start of a note: matched by the words the room sees, or refused so the note stays in the input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darbnica.errors import InvalidInput
from darbnica.i18n import translator
from darbnica.model import Plan
from darbnica.tagging import ParsedNote, parse_note


@pytest.mark.parametrize(
    ("step", "typed", "text", "tag"),
    [
        ("problem", "#vaj nav autobusa", "nav autobusa", "need"),
        ("problem", "#vel slidotava", "slidotava", "want"),  # no diacritics: vēlme
        ("problem", "#VĒLME slidotava", "slidotava", "want"),
        ("problem", "#want slidotava", "slidotava", "want"),  # the other language's word
        ("problem", "#nee nav autobusa", "nav autobusa", "need"),
        ("problem", "#ne no bus", "no bus", "need"),  # the English key help's example
        ("future", "#stipr upe", "upe", "strength"),
        ("future", "#stiprā puse upe un mežs", "upe un mežs", "strength"),  # a label of two words, typed whole
        ("future", "#stipra puse upe", "upe", "strength"),
        ("future", "#str upe", "upe", "strength"),  # the English label; the keys play no part
        ("vision", "#sav vilciens uz Rīgu", "vilciens uz Rīgu", "connected"),
        ("vision", "#izt mežs", "mežs", "resilient"),
        ("principles", "#1 sāksim ar talku", "sāksim ar talku", "shared-vision"),  # the number the room sees
        ("principles", "#mācī talka", "talka", "learning"),
        ("problem", "  #vaj ar atstarpi", "ar atstarpi", "need"),
    ],
)
def test_a_tag_the_room_can_see_is_read(plan: Plan, step: str, typed: str, text: str, tag: str) -> None:
    assert parse_note(plan.step(step), typed, None, "lv") == ParsedNote(text, tag)


def test_without_a_hash_the_note_keeps_its_text_and_the_current_tag(plan: Plan) -> None:
    problem = plan.step("problem")
    assert parse_note(problem, "nav autobusa", "want", "lv") == ParsedNote("nav autobusa", "want")
    assert parse_note(problem, "cena #1 jautājums", None, "lv") == ParsedNote("cena #1 jautājums", None)


def test_two_hashes_make_a_note_that_starts_with_one(plan: Plan) -> None:
    problem = plan.step("problem")
    assert parse_note(problem, "##1 prioritāte", "need", "lv") == ParsedNote("#1 prioritāte", "need")
    assert parse_note(problem, "## virsraksts", None, "lv") == ParsedNote("# virsraksts", None)


@pytest.mark.parametrize(
    ("step", "typed", "key", "says"),
    [
        ("problem", "#1 prioritāte", "error.tag_unknown", "Šim solim nav birkas „#1“. Birkas: #vajadzība, #vēlme."),
        ("problem", "#xyz nav autobusa", "error.tag_unknown", "nav birkas „#xyz“"),
        ("problem", "#need-ish x", "error.tag_unknown", "„#need-ish“"),
        ("future", "#strength-ish x", "error.tag_unknown", "#kapacitāte, #vajadzība, #resurss, #stiprā puse"),
        ("principles", "#shared x", "error.tag_unknown", "#1, #2, #3, #4, #5"),  # a key, not a word on screen
        ("problem", "#v nav autobusa", "error.tag_ambiguous", "„#v“ der vairākām birkām: #vajadzība, #vēlme."),
        ("problem", "# virsraksts", "error.tag_missing", "Pēc # rakstiet birku: #vajadzība, #vēlme."),
        ("problem", "#", "error.tag_missing", "Piezīmei, kas sākas ar #, rakstiet ##."),
        ("problem", "#vaj", "error.tag_without_text", "Pēc birkas „#vaj“ ierakstiet piezīmes tekstu."),
        ("problem", "#vaj    ", "error.tag_without_text", "„#vaj“"),
        ("closing", "#labi jautri", "error.step_has_no_tags", "Šim solim nav birku."),
    ],
)
def test_a_tag_that_names_nothing_or_several_is_refused(plan: Plan, step: str, typed: str, key: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_note(plan.step(step), typed, "need", "lv")
    assert refused.value.key == key
    assert says in translator("lv")(refused.value.key, **refused.value.params)


def test_a_refusal_lists_the_tags_in_the_language_asked_for(plan: Plan) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_note(plan.step("problem"), "#xyz no bus", None, "en")
    assert translator("en")(refused.value.key, **refused.value.params) == (
        "This step has no tag “#xyz”. Tags: #need, #want. For a note that starts with #, type ##."
    )


def test_step_find_tag_follows_the_same_words(plan: Plan) -> None:
    problem, principles = plan.step("problem"), plan.step("principles")
    assert problem.find_tag("vel") is not None and problem.find_tag("vel").key == "want"  # type: ignore[union-attr]
    assert problem.find_tag("v") is None  # ambiguous
    assert principles.find_tag("strengths") is None  # an internal key
    assert principles.find_tag("3").key == "diversity"  # type: ignore[union-attr]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the plan is read only
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_typing_gives_a_note_or_a_refusal_and_never_loses_the_words(plan: Plan, typed: str) -> None:
    problem = plan.step("problem")
    try:
        parsed = parse_note(problem, typed, None, "lv")
    except InvalidInput:
        assert typed.lstrip().startswith("#") and not typed.lstrip().startswith("##")
        return
    if parsed.tag is None or typed.lstrip().startswith("##"):
        assert parsed.text in (typed, typed.lstrip()[1:])
    else:
        assert parsed.text and parsed.text in typed
