"""What an uploaded file is, judged by its bytes and never by its name.

PDFs are also searched for what a form's attachment never needs and an attacker
uses: JavaScript, launch actions and embedded files. Names are compared after
undoing ``#xx`` escapes (``/J#61vaScript``), and compressed object streams, where
PDF 1.5+ may hide dictionaries, are inflated and searched as well. Other stream
data (images, page content) is skipped: random bytes would match by chance.
"""

from __future__ import annotations

import re
import zlib

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
FORMAT_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}

_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n(.*?)endstream", re.S)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_DANGER = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?)(?=[\s()<>\[\]{}/%]|$)")
#: The most an object stream may inflate to (they hold small dictionaries).
MAX_OBJECT_STREAM = 16 * 1024 * 1024


class UncheckablePdf(ValueError):
    """A PDF whose object streams cannot be read, so it cannot be checked."""


def sniff(data: bytes) -> str | None:
    """Return the media type the first bytes of *data* show, or None."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def pdf_dangers(data: bytes) -> set[str]:
    """Return the dangerous names (``JavaScript``, ``Launch``…) found in a PDF.

    :raises UncheckablePdf: an object stream could not be inflated.
    """
    found = _names(_STREAM.sub(b"stream\nendstream", data))
    for match in _STREAM.finditer(data):
        dictionary = _dictionary_before(data, match.start())
        if b"/ObjStm" in dictionary:
            found |= _names(_inflate(match.group(1), dictionary))
    return found


def _names(text: bytes) -> set[str]:
    plain = _ESCAPE.sub(lambda hexa: bytes([int(hexa.group(1), 16)]), text)
    return {match.group(1).decode("ascii") for match in _DANGER.finditer(plain)}


def _dictionary_before(data: bytes, stream_at: int) -> bytes:
    head = data[max(0, stream_at - 4096) : stream_at]
    start = head.rfind(b"obj")
    return _ESCAPE.sub(
        lambda hexa: bytes([int(hexa.group(1), 16)]),
        head[start:] if start >= 0 else head,
    )


def _inflate(body: bytes, dictionary: bytes) -> bytes:
    if b"/Filter" not in dictionary:
        return body
    if re.search(rb"/Filter\s*\[?\s*/FlateDecode\s*\]?\s*[/>]", dictionary) is None:
        raise UncheckablePdf("object stream with a filter other than FlateDecode")
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(body, MAX_OBJECT_STREAM)
    except zlib.error as error:
        raise UncheckablePdf(f"object stream cannot be inflated: {error}") from error
    if inflater.unconsumed_tail:
        raise UncheckablePdf("object stream larger than the limit")
    return text
