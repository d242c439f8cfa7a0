"""The search index: words of each service folded so that accents do not matter.

The same folding is done in `static/search.js` on what the visitor types, so
`educacio` finds `Educació`, and `paralel` finds `paral·lel`.
"""

from __future__ import annotations

import re
import unicodedata

from .content import ServiceVersion
from .labels import AUDIENCE, ROUTE, TOPIC

_MIDDLE_DOT = re.compile(r"l[·.]l")
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case *text*, drop accents and the Catalan middle dot, keep words."""
    text = _MIDDLE_DOT.sub("ll", text.casefold())
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_A_WORD.sub(" ", bare).split())


def index_terms(version: ServiceVersion) -> str:
    """Return the folded, de-duplicated words a service can be found by."""
    matter = version.matter
    parts = [matter.title, matter.alternate_name or "", matter.summary]
    parts += [str(AUDIENCE[audience]) for audience in matter.audiences]
    parts += [str(TOPIC[topic]) for topic in matter.topics]
    parts += [str(ROUTE[route.kind]) for route in matter.access_routes]
    parts += [area.name for area in matter.area_served]
    parts += [heading.text for heading in version.headings]
    parts += matter.network
    if matter.promoter is not None:
        parts.append(matter.promoter.name)
    words = fold(" ".join(parts)).split()
    return " ".join(dict.fromkeys(words))
