"""How a tag looks: always its symbol and its word, so it never depends on colour alone.

A tag is a chip: the theme's background colour on the tag's colour. The themes choose tag colours that contrast
7:1 with their background and stay apart for colour-blind eyes, and a chip keeps that contrast on any row
(a highlighted note, the input's border) because it brings its own background.
"""

from __future__ import annotations

from textual.content import Content

from darbnica.i18n import pick
from darbnica.model import Choice, Step

# Theme variables (see themes/), in the order a step's tags use them.
TAG_COLOURS = ("$tag-1", "$tag-2", "$tag-3", "$tag-4", "$tag-5", "$tag-6")


def tag_style(step: Step, tag: str | None) -> str:
    keys = [t.key for t in step.tags]
    if tag not in keys:
        return "bold"
    return f"bold $background on {TAG_COLOURS[keys.index(tag) % len(TAG_COLOURS)]}"


def tag_text(choice: Choice, lang: str) -> str:
    label = pick(choice.label, lang)
    return f"{choice.symbol} {label}" if choice.symbol else label


def tag_content(step: Step, tag: str | None, lang: str, *, none: str = "") -> Content:
    choice = step.tag(tag) if tag else None
    if choice is None:
        return Content(none)
    return Content.styled(f" {tag_text(choice, lang)} ", tag_style(step, tag))


def next_tag(step: Step, tag: str | None) -> str | None:
    """The tag after ``tag`` in the step's vocabulary; after the last comes "no tag"."""
    keys: list[str | None] = [None, *(t.key for t in step.tags)]
    index = keys.index(tag) if tag in keys else 0
    return keys[(index + 1) % len(keys)]
