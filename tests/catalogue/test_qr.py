"""The print sheet's QR code: the SVG segno writes, drawn faster."""

from __future__ import annotations

import io

import pytest
import segno

from catalogue.qr import BORDER, MASK, SCALE, qr_svg

LABEL = "Codi QR de l'adreça <d'aquesta> pàgina & més"


def _segno_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=MASK).save(
        buffer,
        kind="svg",
        xmldecl=False,
        nl=False,
        scale=SCALE,
        border=BORDER,
        title=LABEL,
        svgclass="qr",
        encoding="utf-8",
        lineclass=None,
    )
    return buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("length", [0, 7, 30, 61, 120])
@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_svg_is_the_one_segno_writes(length: int, lang: str) -> None:
    url = f"https://serveis.example/{lang}/services/servei-{'x' * length}/"
    labelled = '<svg role="img" aria-label="Codi QR de l&#39;adreça &lt;d&#39;aquesta'
    labelled += '&gt; pàgina &amp; més" '
    assert qr_svg(url, LABEL) == _segno_svg(url).replace("<svg ", labelled, 1)
