"""The search index: words of each service folded so that accents do not matter.

The same folding is done in `static/search.js` on what the visitor types, so
`educacio` finds `Educació`, and `paralel` finds `paral·lel`.
"""

from __future__ import annotations

import re
import unicodedata

from .content import ServiceVersion
from .identifiers import label_in
from .labels import AUDIENCE, ROUTE, TOPIC

_MIDDLE_DOT = re.compile(r"l[·.]l")
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks (accents), learning each
    character's fate the first time it meets it."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case *text*, drop accents and the Catalan middle dot, keep words."""
    text = _MIDDLE_DOT.sub("ll", text.casefold())
    bare = unicodedata.normalize("NFD", text).translate(_WITHOUT_MARKS)
    return " ".join(_NOT_A_WORD.sub(" ", bare).split())


def index_terms(version: ServiceVersion, lang: str) -> str:
    """Return the folded, de-duplicated words a service can be found by on the
    pages in *lang*."""
    matter = version.matter
    parts = [matter.title, matter.alternate_name or "", matter.summary]
    parts += [label_in(lang, AUDIENCE[audience]) for audience in matter.audiences]
    parts += [label_in(lang, TOPIC[topic]) for topic in matter.topics]
    parts += [label_in(lang, ROUTE[route.kind]) for route in matter.access_routes]
    parts += [area.name for area in matter.area_served]
    parts += [heading.text for heading in version.headings]
    parts += matter.network
    if matter.promoter is not None:
        parts.append(matter.promoter.name)
    words = fold(" ".join(parts)).split()
    return " ".join(dict.fromkeys(words))
