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
    # Kept, as the code is: the page and the SVG file draw the same link, one after the other. Drawn here from the
    # matrix, one rectangle for each run of dark modules in a row: qrcode's own SVG image brings in ElementTree and
    # writes every module as its own square (about 12 ms more for an export's first QR code, a file twice as big).
    matrix = qr_matrix(link)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
    path = "".join(runs)
    # One module is 1 mm, as qrcode's SVG images have it: a size for printing; the page sets its own.
    return (
        f'<svg width="{size}mm" height="{size}mm" version="1.1" viewBox="0 0 {size} {size}"'
        ' xmlns="http://www.w3.org/2000/svg"><rect fill="white" x="0" y="0" width="100%" height="100%"/>'
        f'<path d="{path}" fill="#000000"/></svg>'
    )
