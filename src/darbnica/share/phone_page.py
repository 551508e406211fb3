"""The participant page: what a phone in the room shows, made on the server as plain HTML that works without
JavaScript (forms that post, then a redirect back).

Everything taken from the workshop (its title, the talk's question, the notes on the wall) is escaped; nothing a
phone sent is ever markup here. The page loads only its own stylesheet and script (from the same server, so the
policy can forbid everything else), never anything from the internet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from darbnica.followup import carried_vision
from darbnica.i18n import LANGS, pick, translator
from darbnica.model import Step, Workshop
from darbnica.room import PHONE_NOTE_LIMIT, Ballot

ICON = '<link rel="icon" href="data:,">'
"""No icon: said in the page, so a phone does not ask the server for ``/favicon.ico`` (and get a 404)."""
LANGUAGE_NAMES = {"lv": "Latviešu", "en": "English"}
"""Each language named in itself, for the links that choose one."""


@dataclass(frozen=True)
class PhoneView:
    """What one phone's page shows now."""

    base: str
    """The page's own path (``/<token>``): every form and link is under it."""
    lang: str
    workshop: Workshop
    step: Step
    """The step the room is at: the note form files under it."""
    form_token: str
    """The hidden field that proves a form came from this phone's page."""
    ref: str
    """The new note's id, made with the page: the same form sent twice is one note."""
    waiting: int = 0
    shown: int = 0
    ballot: Ballot | None = None
    phone_dots: Mapping[int, int] = field(default_factory=dict)
    """Note id → the dots phones gave it, as the room counts them now (the workshop has them a moment later)."""
    flash: str = ""
    """A sentence about what the phone just did (received, a dot given), or what was refused."""
    refused: bool = False
    """Whether :attr:`flash` says something was not taken."""
    kept: str = ""
    """The text of a note that was not received, put back into the box."""
    scribe: bool = False


def _a(text: str) -> str:
    return escape(text, quote=True)


def render(view: PhoneView) -> str:
    t = translator(view.lang)
    workshop, step = view.workshop, view.step
    parts = [
        "<!doctype html>",
        f'<html lang="{_a(view.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        ICON,
        f"<title>{_a(workshop.title)}</title>",
        f'<link rel="stylesheet" href="{_a(view.base)}/phone.css">',
        f'<script src="{_a(view.base)}/phone.js" defer></script>',
        "</head>",
        f'<body data-base="{_a(view.base)}">',
        "<header>",
        f"<h1>{_a(workshop.title)}</h1>",
        _languages(view),
        "</header>",
        "<main>",
    ]
    if view.flash:
        kind = "refused" if view.refused else "done"
        parts.append(f'<p id="flash" class="flash {kind}" role="status">{_a(view.flash)}</p>')
    else:
        parts.append('<p id="flash" class="flash" role="status" hidden></p>')
    if view.scribe:
        parts.append(f'<p class="scribe">{_a(t("phone.scribe"))}</p>')
    hide = "" if step.takes_notes else " hidden"
    parts += [
        '<section class="step">',
        f'<div id="step-info">{step_info(view)}</div>',
        f'<form id="note-form" method="post" action="{_a(view.base)}/note"{hide}>',
        _hidden("form", view.form_token),
        _hidden("ref", view.ref),
        _hidden("step", step.key),
        _hidden("lang", view.lang),
        f'<label for="text">{_a(t("phone.your_note"))}</label>',
        f'<textarea id="text" name="text" rows="4" maxlength="{PHONE_NOTE_LIMIT}" required>{_a(view.kept)}</textarea>',
        f'<button type="submit">{_a(t("phone.send"))}</button>',
        "</form>",
        f'<p id="mine" class="mine"{hide}>{_a(mine(view))}</p>',
        "</section>",
        f'<div id="wall-box">{wall(view)}</div>',
    ]
    parts += [
        "</main>",
        "<footer>",
        f'<a id="reload" href="{_a(view.base)}">{_a(t("phone.reload"))}</a>',
        f'<a href="{_a(view.base)}/summary">{_a(t("phone.summary"))}</a>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def step_info(view: PhoneView) -> str:
    """The step's title, its question and how its notes reach the wall (what changes when the room moves on)."""
    t, step = translator(view.lang), view.step
    if step.takes_notes:
        mode = "show_at_once" if view.workshop.room_step(step.key).show_at_once else "approve_first"
    else:
        mode = "no_notes_here"
    vision = carried_vision(view.workshop, step.key)  # a follow-up's first step reminds the room of it
    reminder = ""
    if vision:
        lines = "<br>".join(_a(line) for line in vision.splitlines())
        reminder = f'<blockquote id="vision"><strong>{_a(t("vision.statement"))}</strong><br>{lines}</blockquote>'
    return (
        f'<h2 id="step-title">{_a(t("phone.step", step=pick(step.title, view.lang)))}</h2>'
        f'<p id="question" class="question">{_a(pick(step.question, view.lang))}</p>'
        f"{reminder}"
        f'<p id="mode" class="mode">{_a(t("phone." + mode))}</p>'
    )


def mine(view: PhoneView) -> str:
    return translator(view.lang)("phone.mine", waiting=view.waiting, shown=view.shown)


def snapshot(view: PhoneView, version: int) -> dict[str, object]:
    """What the page's script puts in place when something changed: the parts of the page that change, made
    here as on the page itself (escaped), and a version so an older snapshot is never shown after a newer one.
    The wall is not in it: it is the same for every phone of a language (:func:`shared_wall`), made once and
    sent only when it changed; what is this phone's own on it (its dots) is in ``ballot``."""
    return {
        "version": version,
        "step": view.step.key,
        "takes_notes": view.step.takes_notes,
        "form": view.form_token,
        "step_info": step_info(view),
        "mine": mine(view),
        "ballot": ballot(view),
    }


def ballot(view: PhoneView) -> dict[str, object] | None:
    """This phone's dots on the step, while voting is open: what it gave each note, how many are left, and the
    sentences the script shows for them (made here, in the phone's language)."""
    if view.ballot is None or not view.ballot.voting or not view.step.takes_notes:
        return None
    t, ballot = translator(view.lang), view.ballot
    return {
        "given": {str(note): dots for note, dots in ballot.given.items() if dots},
        "left": ballot.left,
        "left_text": t("phone.dots_left", left=ballot.left, budget=ballot.budget),
        "dots_text": [t("phone.your_dots", count=count) for count in range(ballot.budget + 1)],
    }


@dataclass(frozen=True)
class Wall:
    """The wall as the page's script shows it: the same for every phone with this language, so a crowd costs one
    wall, not one each. Its dot buttons carry only the note and the change; the script sends them with the
    phone's own form token and sets what is the phone's own (its dots, which buttons are off) from ``ballot``.
    In parts, so that a phone which has the wall up to a note can be sent only the notes after it."""

    head: str
    items: tuple[str, ...]
    """One ``<li>`` a note, in the wall's order; empty when the wall has no notes (``head`` says so then)."""
    tail: str
    ids: tuple[int, ...] = ()
    """The notes' ids, in the order of ``items``."""

    @property
    def html(self) -> str:
        return "\n".join([self.head, *self.items, self.tail]) if self.head else ""

    def added_to(self, before: Wall) -> str | None:
        """The notes this wall has after all of ``before``'s, when that is the only difference; else ``None``."""
        known = len(before.items)
        if not known or len(self.items) <= known or (self.head, self.tail) != (before.head, before.tail):
            return None
        if self.items[:known] != before.items:
            return None
        return "\n".join(self.items[known:])


def shared_wall(view: PhoneView) -> Wall:
    return _wall(view, live=True)


def _wall(view: PhoneView, *, live: bool) -> Wall:
    """The wall for the page's script (``live``: nothing of one phone's in it, dot buttons the script sends) or
    for the page itself (this phone's dots, and a plain form a dot button, for a phone without JavaScript)."""
    t = translator(view.lang)
    if not view.step.takes_notes:
        return Wall("", (), "")
    ballot = view.ballot if view.ballot is not None and view.ballot.voting else None
    revealed = view.workshop.room_step(view.step.key).revealed
    notes = view.workshop.shown_in(view.step.key)
    head = ['<section class="wall">', f"<h2>{_a(t('phone.wall'))}</h2>"]
    if ballot is not None:
        head.append(f'<p class="voting">{_a(t("phone.voting", count=ballot.budget))}</p>')
        left = "" if live else _a(t("phone.dots_left", left=ballot.left, budget=ballot.budget))
        head.append(f'<p id="dots-left" class="dots-left">{left}</p>')
    if not notes:
        head.append(f'<p class="empty">{_a(t("phone.wall_empty"))}</p>')
        return Wall("\n".join(head), (), "</section>")
    head.append('<ul id="wall">')
    items = []
    for note in notes:
        item = f'<li id="note-{note.id}"><p class="note">{_a(note.text)}</p>'
        extra = ""
        if ballot is not None:
            extra += _live_dots(view, note.id) if live else _own_dots(view, ballot, note.id)
        if revealed:
            total = note.votes + view.phone_dots.get(note.id, note.phone_votes)
            extra += f'<span class="total">{_a(t("phone.total", count=total))}</span>'
        if extra:
            item += f'<div class="dots">{extra}</div>'
        items.append(item + "</li>")
    return Wall("\n".join(head), tuple(items), "</ul>\n</section>", tuple(note.id for note in notes))


def _live_dots(view: PhoneView, note: int) -> str:
    """The dot buttons of the live wall: the script fills in this phone's dots and which buttons are off."""
    t = translator(view.lang)
    take, give = _a(t("phone.take_back")), _a(t("phone.give"))
    return (
        '<span class="mine-dots"></span>'
        f'<button type="button" data-note="{note}" data-change="-1" aria-label="{take}" title="{take}">−</button>'
        f'<button type="button" data-note="{note}" data-change="1" aria-label="{give}" title="{give}">+</button>'
    )


def _own_dots(view: PhoneView, ballot: Ballot, note: int) -> str:
    """This phone's dots on a note and a plain form for each button, for the page without JavaScript."""
    t = translator(view.lang)
    mine = ballot.given.get(note, 0)
    return (
        f'<span class="mine-dots">{_a(t("phone.your_dots", count=mine))}</span>'
        + _dot_form(view, note, -1, t("phone.take_back"), "−", disabled=mine <= 0)
        + _dot_form(view, note, 1, t("phone.give"), "+", disabled=ballot.left <= 0)
    )


def _hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{name}" value="{_a(value)}">'


def _languages(view: PhoneView) -> str:
    t = translator(view.lang)
    links = []
    for lang in LANGS:
        name = _a(LANGUAGE_NAMES[lang])
        if lang == view.lang:
            links.append(f'<strong lang="{lang}">{name}</strong>')
        else:
            links.append(f'<a lang="{lang}" hreflang="{lang}" href="{_a(view.base)}?lang={lang}">{name}</a>')
    return f'<nav class="langs" aria-label="{_a(t("phone.language"))}">{" · ".join(links)}</nav>'


def wall(view: PhoneView) -> str:
    return _wall(view, live=False).html


def _dot_form(view: PhoneView, note: int, change: int, label: str, sign: str, *, disabled: bool) -> str:
    off = " disabled" if disabled else ""
    return (
        f'<form class="dot" method="post" action="{_a(view.base)}/dot">'
        + _hidden("form", view.form_token)
        + _hidden("step", view.step.key)
        + _hidden("note", str(note))
        + _hidden("change", str(change))
        + _hidden("lang", view.lang)
        + f'<button type="submit" aria-label="{_a(label)}" title="{_a(label)}"{off}>{sign}</button></form>'
    )


def message_page(lang: str, title: str, sentence: str) -> str:
    """A page that only says one sentence (a wrong link, a request refused before the page could be made)."""
    return (
        f'<!doctype html>\n<html lang="{_a(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{ICON}\n'
        f"<title>{_a(title)}</title>\n</head>\n<body>\n<p>{_a(sentence)}</p>\n</body>\n</html>\n"
    )
