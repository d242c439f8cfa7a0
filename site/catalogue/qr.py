"""QR codes drawn at build time as inline SVG, for the printed service sheet."""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=4096)
def qr_svg(url: str, label: str) -> Markup:
    """Return an SVG QR code of *url*, labelled for assistive technology."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        nl=False,
        scale=3,
        border=2,
        title=label,
        svgclass="qr",
        encoding="utf-8",
        lineclass=None,
    )
    svg = buffer.getvalue().decode("utf-8")
    return Markup(
        svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1)
    )
