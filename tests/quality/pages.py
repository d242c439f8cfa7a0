"""The pages the quality gates open: one of every page type, in every language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("ca", "es", "en")

# One service page per service: `content/services/<slug>.ca.md` is its source.
SERVICES = tuple(
    sorted(
        path.name.split(".")[0] for path in (REPO / "content/services").glob("*.ca.md")
    )
)
# One page per facet: the first path segment is the facet, then one of its values.
FACETS = {
    "audiences": "young-people",
    "routes": "referral",
    "areas": "08147",
    "topics": "emotional-support",
}
INFO_PAGES = ("accessibilitat", "privacitat")
# Search with a query in the address: the script runs it on load and shows results.
SEARCH_QUERY = "olesa"


@dataclass(frozen=True)
class PageCase:
    """A page to open: a short name for test ids, its path and its language."""

    name: str
    path: str
    lang: str

    @property
    def has_results(self) -> bool:
        """Whether the page runs a search on load (wait for its status message)."""
        return "?q=" in self.path

    def __str__(self) -> str:
        return self.name


def _pages_in(lang: str) -> list[PageCase]:
    paths = {
        "home": f"/{lang}/",
        **{f"service-{slug}": f"/{lang}/services/{slug}/" for slug in SERVICES},
        "browse": f"/{lang}/browse/",
        **{
            f"facet-{facet}": f"/{lang}/{facet}/{value}/"
            for facet, value in FACETS.items()
        },
        "a-z": f"/{lang}/a-z/",
        "search": f"/{lang}/search/",
        "search-results": f"/{lang}/search/?q={SEARCH_QUERY}",
        **{f"info-{slug}": f"/{lang}/info/{slug}/" for slug in INFO_PAGES},
        "downloads": f"/{lang}/data/",
    }
    return [PageCase(f"{lang}-{name}", path, lang) for name, path in paths.items()]


# The 404 page is one file for every language, Catalan first.
PAGES = [
    *(page for lang in LANGUAGES for page in _pages_in(lang)),
    PageCase("404", "/404.html", "ca"),
]
# The folders under /<lang>/ that the list above covers.
COVERED_SECTIONS = {"services", "browse", *FACETS, "a-z", "search", "info", "data"}
