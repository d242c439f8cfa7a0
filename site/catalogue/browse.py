"""Browsing without JavaScript: facet pages, an A–Z list, and the search page."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from itertools import groupby

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
)

from .buildcache import reuse
from .content import Catalogue, ServiceVersion
from .facets import FACETS, Facet, FacetValue, facet_keys
from .pagespec import PageSpec, digests
from .pagination import every_page, numbered, paginate
from .schema import LANGUAGES
from .search import index_terms
from .urls import cached_url_for
from .views import check_language, get_catalogue

bp = Blueprint("browse", __name__)


@bp.route("/<lang>/browse/")
def index(lang: str) -> str:
    """List every facet with its values and how many services each has."""
    check_language(lang)
    return render_template("browse/index.html", facets=_facets(get_catalogue(), lang))


@bp.route(f"/<lang>/<any({', '.join(FACETS)}):facet>/<key>/", defaults={"number": 1})
@bp.route(f"/<lang>/<any({', '.join(FACETS)}):facet>/<key>/<int:number>/")
def facet(lang: str, facet: str, key: str, number: int) -> str:
    """List the services that have one value of one facet, a page at a time."""
    check_language(lang)
    chosen = FACETS[facet]
    value = chosen.value(get_catalogue(), lang, key)
    if value is None:
        abort(404)
    pages = paginate(value.services, number)
    return render_template("browse/facet.html", facet=chosen, value=value, pages=pages)


@bp.route("/<lang>/a-z/", defaults={"number": 1})
@bp.route("/<lang>/a-z/<int:number>/")
def a_to_z(lang: str, number: int) -> str:
    """List every service alphabetically, grouped by initial, a page at a time."""
    check_language(lang)
    services = _alphabetical(get_catalogue(), lang)
    pages = paginate(services, number)
    groups = [
        (letter, list(items)) for letter, items in groupby(pages.items, key=_initial)
    ]
    return render_template(
        "browse/a_to_z.html",
        groups=groups,
        initials=_initials(get_catalogue(), lang),
        pages=pages,
    )


@bp.route("/<lang>/search-index.json")
def search_index(lang: str) -> Response:
    """Return the small index that the search script queries."""
    check_language(lang)
    # A process that builds again reuses the entries of services that did not change.
    known = reuse(current_app.config.get("BUILD_CACHE"), f"search/{lang}")
    entries = []
    for version in get_catalogue().in_language(lang):
        url = cached_url_for("catalogue.service", lang=lang, slug=version.slug)
        entries.append(known.get((version.digest, url), _entry, version, lang, url))
    return jsonify(entries)


def _entry(version: ServiceVersion, lang: str, url: str) -> dict[str, str]:
    return {
        "title": version.matter.title,
        "summary": version.matter.summary,
        "url": url,
        "terms": index_terms(version, lang),
    }


@bp.route("/<lang>/search/")
def search(lang: str) -> str:
    """Offer search (with JavaScript) and the ways to browse (without it)."""
    check_language(lang)
    return render_template("browse/search.html", facets=_facets(get_catalogue(), lang))


def _facets(catalogue: Catalogue, lang: str) -> list[tuple[Facet, list[FacetValue]]]:
    return [(facet, facet.values(catalogue, lang)) for facet in FACETS.values()]


def _alphabetical(catalogue: Catalogue, lang: str) -> Sequence[ServiceVersion]:
    """Return the services in *lang* by initial, then title."""
    return catalogue.remember(
        ("a-z", lang),
        lambda: sorted(
            catalogue.in_language(lang),
            key=lambda s: (_initial(s), s.matter.title.casefold()),
        ),
    )


def _initials(catalogue: Catalogue, lang: str) -> dict[str, int]:
    """Return each initial with the number of the A–Z page where it starts."""

    def first_pages() -> dict[str, int]:
        found: dict[str, int] = {}
        for listed in every_page(_alphabetical(catalogue, lang)):
            for service in listed.items:
                found.setdefault(_initial(service), listed.number)
        return found

    return catalogue.remember(("initials", lang), first_pages)


def _initial(service: ServiceVersion) -> str:
    title = service.matter.title
    letter = unicodedata.normalize("NFD", title.lstrip("\"'«“ ")[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def pages() -> Iterator[PageSpec]:
    """Yield every page of this blueprint (worked out once a build: the sitemap
    lists them too)."""
    catalogue = get_catalogue()
    return iter(catalogue.remember("browse pages", lambda: tuple(_pages(catalogue))))


def _pages(catalogue: Catalogue) -> Iterator[PageSpec]:
    keys = list(facet_keys(catalogue))
    for lang in LANGUAGES:
        counts = tuple(
            (facet.name, tuple((v.key, v.label, len(v.services)) for v in values))
            for facet, values in _facets(catalogue, lang)
        )
        yield PageSpec("browse.index", {"lang": lang}, counts)
        initials = tuple(_initials(catalogue, lang).items())
        for listed in every_page(_alphabetical(catalogue, lang)):
            values = numbered({"lang": lang}, listed.number)
            key = (initials, listed.count, digests(listed.items))
            yield PageSpec("browse.a_to_z", values, key)
        yield PageSpec("browse.search", {"lang": lang}, counts)
        yield PageSpec(
            "browse.search_index", {"lang": lang}, digests(catalogue.in_language(lang))
        )
        for name, value_key in keys:
            value = FACETS[name].value(catalogue, lang, value_key)
            assert value is not None  # the keys come from the same services
            for listed in every_page(value.services):
                values = {"lang": lang, "facet": name, "key": value_key}
                yield PageSpec(
                    "browse.facet",
                    numbered(values, listed.number),
                    (value.label, len(value.services), listed.count)
                    + digests(listed.items),
                )
