"""The print sheet's QR code: a scanner reads the page's address from the SVG."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from catalogue.qr import BORDER, SCALE, qr_svg

LABEL = "Codi QR de l'adreça <d'aquesta> pàgina & més"
PIXELS = 4  # of the image a test scans, per module


def _scan(svg: str) -> str | None:
    """Draw the SVG's path as a scanner would see it printed; return what it reads."""
    found = re.search(r'transform="scale\((\d+)\) translate\((\d+) ([\d.]+)\)"', svg)
    assert found is not None
    assert (int(found[1]), int(found[2]), float(found[3])) == (SCALE, BORDER, 2.5)
    side = int(re.search(r'width="(\d+)"', svg)[1]) // SCALE  # type: ignore[index]
    dark = [[False] * side for _ in range(side)]
    path = re.search(r' d="([^"]+)"', svg)[1]  # type: ignore[index]
    assert re.fullmatch(r"M\d+ \d+h\d+(?:m-?\d+ \d+h\d+)*", path)
    x = y = 0
    for move, dx, dy, run in re.findall(r"([Mm])(-?\d+) (\d+)h(\d+)", path):
        x, y = (int(dx), int(dy)) if move == "M" else (x + int(dx), y + int(dy))
        for column in range(x, x + int(run)):
            dark[BORDER + y][BORDER + column] = True
        x += int(run)
    pixels = bytes(
        0 if dark[row // PIXELS][column // PIXELS] else 255
        for row in range(side * PIXELS)
        for column in range(side * PIXELS)
    )
    image = memoryview(pixels).cast("B", (side * PIXELS, side * PIXELS))
    code = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return None if code is None else code.text


@pytest.mark.parametrize("length", [0, 7, 30, 61, 120])
@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_a_scanner_reads_the_address(length: int, lang: str) -> None:
    url = f"https://serveis.example/{lang}/services/servei-{'x' * length}/"
    assert _scan(qr_svg(url, LABEL)) == url


def test_the_code_is_labelled_and_escaped() -> None:
    svg = qr_svg("https://serveis.example/ca/", LABEL)
    assert svg.startswith(
        '<svg role="img" aria-label="Codi QR de l&#39;adreça &lt;d&#39;aquesta'
        '&gt; pàgina &amp; més" xmlns="http://www.w3.org/2000/svg"'
    )
    title = "<title>Codi QR de l'adreça &lt;d'aquesta&gt; pàgina &amp; més</title>"
    assert title in svg


def test_a_different_address_draws_a_different_code() -> None:
    one = qr_svg("https://serveis.example/ca/services/a/", LABEL)
    assert one != qr_svg("https://serveis.example/ca/services/b/", LABEL)
    assert _scan(one) != "https://serveis.example/ca/services/b/"
