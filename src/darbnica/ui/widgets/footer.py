"""The key footer, made again only when the keys it shows have changed.

Textual's :class:`~textual.widgets.Footer` throws its keys away and makes them again whenever its screen says its
bindings may have changed: on every change of focus, and every time a dialog on top of the screen closes. Each key
is a widget, styled and laid out afresh, so a footer of a dozen keys costs tens of milliseconds each time, and
most of those times it shows exactly the keys it already shows (closing the export dialog did it three times).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that keeps its keys while the keys to show are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: object = None
        """What the keys on display were made from; ``None`` while there are none."""

    def shown(self) -> object:
        """Everything :meth:`Footer.compose` makes the keys from: any change here means other keys."""
        bindings = tuple(
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return bindings, self.show_command_palette

    def compose(self) -> ComposeResult:
        shown = self.shown()
        made = False
        for widget in super().compose():
            made = True
            yield widget
        self._shown = shown if made else None  # the footer makes no keys until its screen's bindings are ready

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and self._shown == self.shown():
            return
        await super().recompose()
