"""How large the top of a step is drawn: the question and, beside it, the step timer, both grown with the screen.

The question may take up to :data:`BIG_SHARE` of the screen's height. It gets the largest block letters that fit
there beside the timer, and the timer the largest look that leaves the question that size, never larger than the
question: block digits at the question's scale or smaller, Textual's thin 3×3 digits, or one line of bold text.
So at 80×24, where the question is ordinary text, the timer is too; at 240×67 both are tall block letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from textual.renderables.digits import Digits

from darbnica.ui.widgets.big_text import ACTUAL, SCALES, Scale, block_lines

BIG_SHARE = 0.3
"""The question is drawn in block letters only while they take at most this share of the screen's height."""
WIDEST_TIME = "+00:00"
"""The timer keeps the width of this, so the question beside it does not move as the time changes."""
THIN_WIDTH = Digits.get_width(WIDEST_TIME)
THIN_ROWS = 3
PLAIN_WIDTH = 12
"""Bold text's room: wider than the time, so that the line under it ("▶ F7: pauze") stays one line."""
TIMER_FRAME = 4
"""Columns the timer takes beyond its digits (its padding, see the stylesheet's #timer and #timer-digits)."""
QUESTION_FRAME = 4
"""Columns the question takes beyond its text (its padding)."""


@dataclass(frozen=True)
class TimerLook:
    """``block`` digits at ``scale``, ``thin`` 3×3 digits, or ``plain`` bold text."""

    kind: str
    scale: Scale = ACTUAL

    @property
    def width(self) -> int:
        if self.kind == "block":
            rows = block_lines(WIDEST_TIME, 10_000, self.scale)
            assert rows is not None
            return len(rows[0])
        return THIN_WIDTH if self.kind == "thin" else PLAIN_WIDTH

    @property
    def rows(self) -> int:
        if self.kind == "block":
            rows = block_lines(WIDEST_TIME, 10_000, self.scale)
            assert rows is not None
            return len(rows)
        return THIN_ROWS if self.kind == "thin" else 1


PLAIN = TimerLook("plain")
THIN = TimerLook("thin")


@dataclass(frozen=True)
class TopSizes:
    question: Scale | None
    """The question's block letters, or ``None`` for ordinary text."""
    timer: TimerLook


@cache
def top_sizes(question: str, width: int, height: int) -> TopSizes:
    """The sizes of the question and the timer on a screen of ``width`` × ``height``: the largest question with a
    timer in digits beside it (block digits, else the thin ones), else the largest question with the timer in bold
    text. (The largest question first, whatever the timer, gave a long question two giant lines at 240×67 beside a
    timer of one line of text, too small for the back row.)"""
    budget = int(height * BIG_SHARE)
    room = width - TIMER_FRAME - QUESTION_FRAME
    for looks in (_digits, _text):
        for scale in SCALES:
            widest = block_lines(question, room - PLAIN.width, scale)  # beside the smallest timer: if not, never
            if widest is None or len(widest) > budget:
                continue
            for look in looks(scale):
                rows = block_lines(question, room - look.width, scale)
                if rows is not None and len(rows) <= budget and look.rows <= len(rows):
                    return TopSizes(scale, look)
    return TopSizes(None, PLAIN)


def _digits(scale: Scale) -> list[TimerLook]:
    """The timer's digits beside a question at ``scale``: block digits at its scale or smaller, the largest first,
    then the thin ones."""
    return [*(TimerLook("block", s) for s in SCALES if s.wide <= scale.wide and s.tall <= scale.tall), THIN]


def _text(scale: Scale) -> list[TimerLook]:
    return [PLAIN]
