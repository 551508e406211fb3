"""How a tag looks: always its symbol and its word, so it never depends on colour alone."""

from __future__ import annotations

from textual.content import Content

from darbnica.i18n import pick
from darbnica.model import Choice, Step

# Theme variables, in the order a step's tags use them.
TAG_COLOURS = ("$primary", "$secondary", "$warning", "$success", "$accent", "$error")


def tag_style(step: Step, tag: str | None) -> str:
    keys = [t.key for t in step.tags]
    if tag not in keys:
        return "bold"
    return f"bold {TAG_COLOURS[keys.index(tag) % len(TAG_COLOURS)]}"


def tag_text(choice: Choice, lang: str) -> str:
    label = pick(choice.label, lang)
    return f"{choice.symbol} {label}" if choice.symbol else label


def tag_content(step: Step, tag: str | None, lang: str, *, none: str = "") -> Content:
    choice = step.tag(tag) if tag else None
    if choice is None:
        return Content(none)
    return Content.styled(tag_text(choice, lang), tag_style(step, tag))


def next_tag(step: Step, tag: str | None) -> str | None:
    """The tag after ``tag`` in the step's vocabulary; after the last comes "no tag"."""
    keys: list[str | None] = [None, *(t.key for t in step.tags)]
    index = keys.index(tag) if tag in keys else 0
    return keys[(index + 1) % len(keys)]
