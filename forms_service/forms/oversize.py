"""Keep what was typed when a form arrives too large to be read (413).

Werkzeug refuses to parse a body over ``MAX_CONTENT_LENGTH``; the text fields
are still in it. They are read here with every file's bytes thrown away, up to
a hard cap, so that the page can come back with the answers filled in.
"""

from __future__ import annotations

import io
from typing import IO, Any, cast

from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.formparser import FormDataParser
from werkzeug.wsgi import LimitedStream

#: Text fields together never need more than this.
MAX_TEXT_BYTES = 1024 * 1024


class _Discard(io.BytesIO):
    """A file container that forgets everything written to it."""

    def write(self, data: Any) -> int:
        return len(data)


def _discard(*_args: Any, **_kwargs: Any) -> io.BytesIO:
    return _Discard()


def typed_values(request: Request, cap: int) -> MultiDict[str, str] | None:
    """Return the text fields of a too-large multipart request, or None.

    :param cap: bodies larger than this are not read at all.
    """
    length = request.content_length
    if length is None or length > cap or request.mimetype != "multipart/form-data":
        return None
    parser = FormDataParser(
        stream_factory=_discard, max_form_memory_size=MAX_TEXT_BYTES, silent=True
    )
    stream = cast(IO[bytes], LimitedStream(request.environ["wsgi.input"], length))
    _, form, _ = parser.parse(stream, request.mimetype, length, request.mimetype_params)
    return form
