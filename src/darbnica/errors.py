"""Errors the core raises for people to read.

Every error carries a locale key and its parameters rather than a finished sentence, so the CLI and the TUI can say
it in the interface language. ``str(error)`` gives the English sentence, for logs and tracebacks.
"""

from __future__ import annotations

from typing import Any


class DarbnicaError(Exception):
    """A problem a user can understand and act on."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        from darbnica.i18n import translator

        return translator("en")(self.key, **self.params)


class InvalidInput(DarbnicaError):
    """Text, a step, a tag or a value that the workshop cannot take."""


class NotFound(DarbnicaError):
    """No workshop, step, note or plan by that name."""


ITEM_NAMES = {"note": "field.note", "group": "field.group", "action": "field.what"}
"""How the messages name a workshop's items: in the interface's language, and an action as the room says it, a task."""


def no_item(what: str, item_id: int) -> NotFound:
    """The error for an item id that the workshop does not have: "There is no task 99."."""
    return NotFound("error.no_item", what_key=ITEM_NAMES[what], id=item_id)


class Ambiguous(DarbnicaError):
    """A workshop prefix that matches more than one workshop."""


class Locked(DarbnicaError):
    """Another darbnica process is writing this workshop."""


class NotOwner(DarbnicaError):
    """A workshop another laptop owns in a shared archive: read it here, or take it over first."""


class CorruptFile(DarbnicaError):
    """A file that cannot be read as what it should be."""


class WriteFailed(DarbnicaError):
    """The disk refused a write; the previous file is intact."""


class PlanError(DarbnicaError):
    """A session plan file that cannot be used."""
