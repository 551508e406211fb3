"""The key help (F1 or ?): every key of the screen underneath, in the interface language.

It is read from the bindings themselves (their descriptions are locale keys), so it cannot fall out of date: the
screen's own keys, the keys of each list or table on it, and the keys that work everywhere. A screen may add lines
for keys that are not bindings (Enter in the note input, "#tag") with ``HELP_LINES``.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Label, Static

from darbnica.ui.keys import key_text
from darbnica.ui.screens.base import DarbnicaModal


def own_bindings(node: type[DOMNode]) -> list[Binding]:
    """The bindings a class and its bases declare with locale keys (Textual's own, in English, are left out)."""
    found: list[Binding] = []
    for cls in reversed(node.__mro__):
        declared = cls.__dict__.get("BINDINGS")
        if declared:
            found += [b for b in Binding.make_bindings(declared) if b.description.startswith("key.")]
    return found


def sections(screen: Screen[object]) -> Iterable[tuple[str, list[Binding]]]:
    """(heading locale key, bindings) for the screen, each kind of widget on it that has keys, and the app."""
    # Less what the screen turns off here (Ctrl+B, the vision big, on a step without a vision): the key does nothing.
    yield "help.screen", [b for b in own_bindings(type(screen)) if screen.check_action(b.action, ()) is not False]
    seen: set[type[DOMNode]] = set()
    for widget in screen.query("*"):
        kind = type(widget)
        heading = getattr(kind, "HELP_HEADING", None)
        if heading and kind not in seen:
            seen.add(kind)
            yield heading, own_bindings(kind)
    yield "help.everywhere", own_bindings(type(screen.app))


class HelpScreen(DarbnicaModal[None]):
    BINDINGS = [Binding("escape,f1", "close", "key.close_help")]

    def __init__(self, shown: Screen[object]) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog", id="help"):
            yield Label(t("help.title"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for heading, bindings in sections(self.shown):
                    rows = self._rows(bindings)
                    if rows:
                        yield Label(t(heading), classes="section")
                        yield Static(Content("\n").join(rows), classes="help-rows")
                lines = getattr(self.shown, "HELP_LINES", ())
                if lines:
                    yield Label(t("help.typing"), classes="section")
                    yield Static(Content("\n").join(self._line(key) for key in lines), classes="help-rows")
            yield Label(t("help.close"), classes="dialog-help")

    def _rows(self, bindings: list[Binding]) -> list[Content]:
        """One row an action: its keys (a key bound twice, as by a subclass, shown once) and what it does."""
        keys: dict[tuple[str, str], list[str]] = {}
        for binding in bindings:
            shown = keys.setdefault((binding.action, binding.description), [])
            if key_text(binding) not in shown:
                shown.append(key_text(binding))
        return [self._row(" / ".join(k), self.app.t(description)) for (_, description), k in keys.items()]

    def _line(self, key: str) -> Content:
        keys, _, does = self.app.t(key).partition(" — ")
        return self._row(keys, does)

    @staticmethod
    def _row(keys: str, does: str) -> Content:
        return Content.assemble((f"{keys:>14}", "bold $text-accent"), "  ", does)

    def action_close(self) -> None:
        self.dismiss(None)
