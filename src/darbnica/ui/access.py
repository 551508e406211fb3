"""Typed access to darbnica's app from its screens and widgets, without importing the app's module.

``ui/app.py`` imports its screens; a screen that imported ``ui/app.py`` back (as ``textual.getters.app`` needs
the class at run time) would close an import cycle. A screen or widget mixes :class:`InDarbnica` in first and
reads ``self.app`` as the :class:`~darbnica.ui.app.DarbnicaApp` it always runs in; the app's class is named for
type checkers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from darbnica.ui.app import DarbnicaApp

    _Mixin = DOMNode
else:
    _Mixin = object


class InDarbnica(_Mixin):
    if TYPE_CHECKING:
        app: DarbnicaApp  # at run time it is Textual's own ``app``: the one DarbnicaApp it runs in
