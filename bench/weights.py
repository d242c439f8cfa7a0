"""The weight of each kind of page of a built site: its heaviest page gzipped, with
the CSS and the script it loads."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

BUDGET_KB = 14.0  # a page with its CSS and script, gzipped: one round trip
GZIP_LEVEL = 6  # zlib's default, and common in web servers

_FACET = r"[a-z]{2}/(audiences|routes|areas|topics)/[^/]+/(\d+/)?index\.html"
# Each kind of page, by its path in the site; the search page also loads a script.
PAGE_TYPES = (
    ("home, a page of the list", r"[a-z]{2}/(page/\d+/)?index\.html"),
    ("service", r"[a-z]{2}/services/[^/]+/index\.html"),
    ("information page", r"[a-z]{2}/info/[^/]+/index\.html"),
    ("browse", r"[a-z]{2}/browse/index\.html"),
    ("facet value, a page", _FACET),
    ("A–Z, a page", r"[a-z]{2}/a-z/(\d+/)?index\.html"),
    ("search", r"[a-z]{2}/search/index\.html"),
    ("open data", r"[a-z]{2}/data/index\.html"),
    ("open data: files, a page", r"[a-z]{2}/data/services/(\d+/)?index\.html"),
    ("not found", r"404\.html"),
    ("language choice", r"index\.html"),
)
SCRIPTS = {"search": "static/search.js"}


@dataclass(frozen=True)
class Weight:
    """The heaviest page of one kind, gzipped, with the CSS and script it loads."""

    kind: str
    pages: int
    html_kb: float
    css_kb: float
    script_kb: float

    @property
    def total_kb(self) -> float:
        return self.html_kb + self.css_kb + self.script_kb


def page_weights(site: Path) -> list[Weight]:
    """Weigh the heaviest page of each kind in *site*.

    :raises ValueError: a page is of no kind listed in `PAGE_TYPES`.
    """
    css = _gzip_kb(site / "static" / "xarxa.css")
    pages = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    weights = []
    for kind, pattern in PAGE_TYPES:
        matching = {page for page in pages if re.fullmatch(pattern, page)}
        pages -= matching
        if matching:
            html = max(_gzip_kb(site / page) for page in matching)
            script = _gzip_kb(site / SCRIPTS[kind]) if kind in SCRIPTS else 0.0
            weights.append(Weight(kind, len(matching), html, css, script))
    if pages:
        raise ValueError(f"pages of no known kind: {sorted(pages)[:5]}")
    return weights


def _gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL)) / 1024
