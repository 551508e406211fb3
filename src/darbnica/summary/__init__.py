"""The summary of a workshop, built by the core from what is stored: Markdown, HTML and the QR code of its link.

The page (:mod:`.html`) is not imported here: it brings :mod:`html` and its table of entities (0.4 MB) into every
process that shows a summary, and only an export or the share server makes a page.
"""

from darbnica.summary.build import build_summary
from darbnica.summary.markdown import to_markdown
from darbnica.summary.qr import qr_svg

__all__ = ["build_summary", "qr_svg", "to_markdown"]
