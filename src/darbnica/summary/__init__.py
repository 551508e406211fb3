"""The summary of a workshop, built by the core from what is stored: Markdown, HTML and the QR code of its link.

Its parts are loaded when first used, not with the package: a step's screen draws the QR code (:mod:`.qr`) but no
summary until the closing step. The page (:mod:`.html`) is not named here either: it brings :mod:`html` and its
table of entities (0.4 MB) into every process that shows a summary, and only an export or the share server makes
a page.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from darbnica.summary.build import build_summary
    from darbnica.summary.markdown import to_markdown
    from darbnica.summary.qr import qr_svg

__all__ = ["build_summary", "qr_svg", "to_markdown"]

_HOMES = {"build_summary": "build", "to_markdown": "markdown", "qr_svg": "qr"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = globals()[name] = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)  # asked for once
    return found
