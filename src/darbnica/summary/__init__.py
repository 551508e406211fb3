"""The summary of a workshop, built by the core from what is stored: Markdown, HTML and the QR code of its link."""

from darbnica.summary.build import build_summary
from darbnica.summary.html import to_html
from darbnica.summary.markdown import to_markdown
from darbnica.summary.qr import qr_svg

__all__ = ["build_summary", "qr_svg", "to_html", "to_markdown"]
