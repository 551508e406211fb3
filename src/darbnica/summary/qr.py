"""QR codes of a summary's link: as SVG (files, the HTML page) and as half-block cells (the terminal).

The terminal code is drawn from the QR matrix itself: each character cell holds two modules, one above the other,
as ``▀`` with the upper module's colour in front and the lower one's behind. Modules come out square (a cell is
about twice as tall as it is wide), and the colours are set explicitly, dark on light, whatever the theme.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import qrcode

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks; scanners find the code by this margin."""

MIN_QUIET_ZONE = 2
"""The least margin phone scanners still read reliably, for screens where the full one does not fit."""

Matrix = list[list[bool]]
"""Rows of modules, ``True`` for dark, the quiet zone included."""

Cells = list[list[tuple[bool, bool]]]
"""Rows of character cells, each ``(upper module dark, lower module dark)``."""


@lru_cache(maxsize=16)
def _code(link: str, border: int) -> qrcode.QRCode:
    # Made once for a link and margin (nothing changes a made code): making one takes about 15 ms, and the same
    # link is drawn for every size the screen tries, exported as a page and as SVG, served at every reload.
    #
    # Imported here, where a code is made: qrcode (with Pillow, which it loads when it is installed) would add
    # about 30 ms to every start of the app and the command line, which mostly never draw a QR code.
    import qrcode
    import qrcode.constants

    # Level M survives a smudged or glaring projector image and keeps a LAN link at 37 × 19 cells.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(link)
    code.make(fit=True)
    return code


def qr_matrix(link: str, border: int = QUIET_ZONE) -> Matrix:
    return [list(map(bool, row)) for row in _code(link, border).get_matrix()]


def half_blocks(matrix: Matrix, scale: int = 1) -> Cells:
    """The matrix as terminal cells, each module ``scale`` cells wide and ``scale / 2`` cells tall."""
    pixels = [[dark for dark in row for _ in range(scale)] for row in matrix for _ in range(scale)]
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))  # light below the last row: part of the quiet zone
    return [list(zip(upper, lower, strict=True)) for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)]


def qr_svg(link: str, *, standalone: bool = True) -> str:
    """The QR code as SVG, dark on a white square. ``standalone=False`` leaves out the XML declaration, for
    putting the code inside an HTML page."""
    svg = _svg(link)
    if standalone:
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n'
    return svg


@lru_cache(maxsize=16)
def _svg(link: str) -> str:
    # Kept, as the code is: the page and the SVG file draw the same link, one after the other.
    from qrcode.image.svg import SvgPathFillImage

    image = _code(link, QUIET_ZONE).make_image(image_factory=SvgPathFillImage)
    svg: str = image.to_string(encoding="unicode")
    return svg
