"""Changes the disk refused in fields that save as they are typed: kept on screen, marked, and tried again.

A note has Enter: if the disk refuses it, it stays in the input and Enter tries again. A context field, a
head-count, the vision statement, the level of engagement, or the half-typed note kept when leaving a step, are
saved as they change instead, with nothing to press again. When the disk refuses one of those, the newest change
of that field is kept here, the field says "not saved" on its border, and the change is tried again: on the
field's next change, every few seconds, and before the step is left. The app does not leave a step while one is
unsaved (switching screens would throw the typed text away).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from darbnica.errors import DarbnicaError
from darbnica.ui.screens.base import DarbnicaScreen

RETRY_SECONDS = 5.0


class Unsaved:
    def __init__(self, screen: DarbnicaScreen[None]) -> None:
        self.screen = screen
        self._changes: dict[Widget, Callable[[], object]] = {}
        self._timer: Timer | None = None

    def __len__(self) -> int:
        """How many fields hold a change that is not on disk."""
        return len(self._changes)

    def save(self, field: Widget, change: Callable[[], object]) -> bool:
        """Run ``change`` (the newest value of ``field``). If it is refused, keep it for another try and say so
        once for the field. Return whether it was saved."""
        try:
            change()
        except DarbnicaError as error:
            if field not in self._changes:
                self.screen.app.report(error)  # once a field, not on every key typed into it
            self._keep(field, change)
            return False
        self._saved(field)
        return True

    def discard(self, field: Widget) -> None:
        """The field no longer asks for its refused change (it is back to what is on disk, or not to be saved)."""
        if self._changes.pop(field, None) is not None:
            self._mark(field, unsaved=False)
            if not self._changes:
                self._pause()

    def retry(self) -> bool:
        """Try every kept change again; return whether everything is saved now."""
        for field, change in list(self._changes.items()):
            try:
                change()
            except DarbnicaError:
                continue  # still refused: it stays marked, and is tried again
            self._saved(field)
        return not self._changes

    def _keep(self, field: Widget, change: Callable[[], object]) -> None:
        self._changes[field] = change
        self._mark(field, unsaved=True)
        if self._timer is None:
            self._timer = self.screen.set_interval(RETRY_SECONDS, self.retry)
        else:
            self._timer.resume()

    def _saved(self, field: Widget) -> None:
        if self._changes.pop(field, None) is None:
            return
        self._mark(field, unsaved=False)
        if not self._changes:
            self._pause()
            self.screen.notify(self.screen.app.t("step.saved"))

    def _pause(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def _mark(self, field: Widget, *, unsaved: bool) -> None:
        field.set_class(unsaved, "unsaved")
        field.border_subtitle = self.screen.app.t("step.not_saved") if unsaved else None
