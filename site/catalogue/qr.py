"""QR codes drawn at build time as inline SVG, for the printed service sheet.

Every code uses the same mask pattern: trying the eight patterns to pick the one
a scanner reads best took nine tenths of the time of each code (8 ms a page), and
scanners read codes with any of them. The SVG is the one segno writes with
`scale=3, border=2` (a test holds them equal), drawn here from the rows of the
matrix because segno's writer walks it module by module, a third of the time left.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

import segno
from markupsafe import Markup

MASK = 2
SCALE = 3
BORDER = 2
_DARK_RUN = re.compile(rb"[^\x00]+")


@lru_cache(maxsize=256)
def qr_svg(url: str, label: str) -> Markup:
    """Return an SVG QR code of *url*, labelled for assistive technology."""
    code = segno.make(url, error="m", mask=MASK)
    size = (code.symbol_size(scale=SCALE, border=BORDER))[0]
    return Markup(
        f'<svg role="img" aria-label="{Markup.escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'class="qr"><title>{escape(label)}</title>'
        f'<path transform="scale({SCALE})" stroke="#000" d="{_path(code.matrix)}"/>'
        "</svg>"
    )


def _path(matrix: tuple[bytearray, ...]) -> str:
    """Draw each run of dark modules as a line, each move relative to the last."""
    moves: list[str] = []
    last_x, last_y = 0, 0.0
    for row, modules in enumerate(matrix):
        y = BORDER + row + 0.5
        for run in _DARK_RUN.finditer(modules):
            start, end = BORDER + run.start(), BORDER + run.end()
            down = y - last_y
            step = int(down) if down == int(down) else down
            moves.append(
                f"{'m' if moves else 'M'}{start - last_x} {step}h{end - start}"
            )
            last_x, last_y = end, y
    return "".join(moves)
