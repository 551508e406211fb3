"""How a key is written for people, in one place: the key line, the key help and the README all say "Ctrl+E",
"PgDn", "F5", "Esc" (Textual's own footer would say "^e")."""

from __future__ import annotations

from textual.binding import Binding

KEY_NAMES = {
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "delete": "Delete",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "question_mark": "?",
    "up": "↑",
    "down": "↓",
    "plus": "+",
    "minus": "−",
    "equals_sign": "=",
}


def key_text(binding: Binding) -> str:
    """How a person reads a key: "Ctrl+T", "PgDn", "F1", "?"."""
    if binding.key_display:
        return binding.key_display
    names = []
    for key in binding.key.split(","):
        *modifiers, name = key.strip().split("+")
        # A letter alone stays as it is typed ("e": "E" would read as Shift+E); with Ctrl, and F1, in capitals.
        alone = len(name) == 1 and not modifiers
        shown = KEY_NAMES.get(name, name if alone else name.upper() if len(name) <= 3 else name.capitalize())
        names.append("+".join([*(m.capitalize() for m in modifiers), shown]))
    return " / ".join(names)
