"""Base screens: bindings are declared with locale keys and shown in the interface language.

A binding's description is a key such as ``key.next_step``; the footer and the key help read
:attr:`active_bindings`, which these screens return translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen

from darbnica.errors import DarbnicaError
from darbnica.i18n import Translate
from darbnica.ui.access import InDarbnica

ResultType = TypeVar("ResultType")
T = TypeVar("T")


def _translated(bindings: dict[str, ActiveBinding], t: Translate) -> dict[str, ActiveBinding]:
    return {
        key: active._replace(binding=replace(active.binding, description=t(active.binding.description)))
        for key, active in bindings.items()
    }


HELP_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("f1", "app.help", "key.help"),
    # Not a priority binding: in a text input "?" is typed, elsewhere it opens the help.
    Binding("question_mark", "app.help", "key.help", show=False, key_display="?"),
]


class DarbnicaScreen(InDarbnica, Screen[ResultType]):
    BINDINGS = HELP_BINDINGS

    def attempt(self, change: Callable[[], T]) -> T | None:
        """Run one change to the workshop; if it cannot be made, say why and return ``None`` (nothing changed)."""
        try:
            return change()
        except DarbnicaError as error:
            self.app.report(error)
            return None

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(super().active_bindings, self.app.t)


class RoomScreen(DarbnicaScreen[ResultType]):
    """A full screen the room reads from the back (the big vision, the top notes, the join card). It opens with no
    message to the facilitator left over it: a "Saved to …" over the QR code at 80×24 kept phones from scanning it.
    (Textual calls this ``on_mount`` as well as a subclass's own.)"""

    def on_mount(self) -> None:
        self.app.clear_notifications()


class DarbnicaModal(InDarbnica, ModalScreen[ResultType]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(super().active_bindings, self.app.t)
