"""Base screens: bindings are declared with locale keys and shown in the interface language.

A binding's description is a key such as ``key.next_step``; the footer and the key help read
:attr:`active_bindings`, which these screens return translated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual import getters
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from darbnica.i18n import Translate
from darbnica.ui.app import DarbnicaApp

ResultType = TypeVar("ResultType")


def _translated(bindings: dict[str, ActiveBinding], t: Translate) -> dict[str, ActiveBinding]:
    return {
        key: active._replace(binding=replace(active.binding, description=t(active.binding.description)))
        for key, active in bindings.items()
    }


class DarbnicaScreen(Screen[ResultType]):
    app = getters.app(DarbnicaApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(super().active_bindings, self.app.t)


class DarbnicaModal(ModalScreen[ResultType]):
    app = getters.app(DarbnicaApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(super().active_bindings, self.app.t)
