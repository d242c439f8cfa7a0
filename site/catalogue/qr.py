"""QR codes drawn at build time as inline SVG, for the printed service sheet.

The code is encoded by zxing-cpp (compiled, with the best of the eight masks, as a
scanner would wish): segno, in pure Python, took more than half of a service
page's time, even with one fixed mask. The SVG is drawn here from the rows of the
symbol, each run of dark modules one stroke, inside a quiet zone of `BORDER`
modules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

import zxingcpp
from markupsafe import Markup

SCALE = 3
BORDER = 2
_DARK_RUN = re.compile(rb"\x00+")  # zxing-cpp draws dark modules as 0, light as 255


@lru_cache(maxsize=256)
def qr_svg(url: str, label: str) -> Markup:
    """Return an SVG QR code of *url*, labelled for assistive technology."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    width = image.shape[1]
    modules = bytes(image)  # type: ignore[call-overload]  # a buffer, untyped
    rows = [modules[start : start + width] for start in range(0, len(modules), width)]
    size = (len(rows) + 2 * BORDER) * SCALE
    return Markup(
        f'<svg role="img" aria-label="{Markup.escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'class="qr"><title>{escape(label)}</title>'
        f'<path transform="scale({SCALE}) translate({BORDER} {BORDER + 0.5})" '
        f'stroke="#000" d="{_path(rows)}"/>'
        "</svg>"
    )


def _path(rows: list[bytes]) -> str:
    """Draw each run of dark modules as a line, each move relative to the last (the
    path is shifted into the quiet zone and onto the middle of the row by its
    transform)."""
    moves: list[str] = []
    last_x = last_y = 0
    for y, modules in enumerate(rows):
        for run in _DARK_RUN.finditer(modules):
            start, end = run.span()
            moves.append(f"m{start - last_x} {y - last_y}h{end - start}")
            last_x, last_y = end, y
    return "M" + "".join(moves)[1:]
