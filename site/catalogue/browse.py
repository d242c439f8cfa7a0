"""Browsing without JavaScript: facet pages, an A–Z list, and the search page."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from itertools import groupby

from flask import Blueprint, Response, abort, jsonify, render_template, url_for

from .facets import FACETS, facet_keys
from .schema import LANGUAGES
from .search import index_terms
from .views import check_language, get_catalogue

bp = Blueprint("browse", __name__)


@bp.route("/<lang>/browse/")
def index(lang: str) -> str:
    """List every facet with its values and how many services each has."""
    check_language(lang)
    catalogue = get_catalogue()
    facets = [(facet, facet.values(catalogue, lang)) for facet in FACETS.values()]
    return render_template("browse/index.html", facets=facets)


@bp.route(f"/<lang>/<any({', '.join(FACETS)}):facet>/<key>/")
def facet(lang: str, facet: str, key: str) -> str:
    """List the services that have one value of one facet."""
    check_language(lang)
    chosen = FACETS.get(facet)
    if chosen is None:
        abort(404)
    values = {value.key: value for value in chosen.values(get_catalogue(), lang)}
    if key not in values:
        abort(404)
    return render_template("browse/facet.html", facet=chosen, value=values[key])


@bp.route("/<lang>/a-z/")
def a_to_z(lang: str) -> str:
    """List every service alphabetically, grouped by initial."""
    check_language(lang)
    services = get_catalogue().in_language(lang)
    groups = [
        (letter, list(items))
        for letter, items in groupby(services, key=lambda s: _initial(s.matter.title))
    ]
    return render_template("browse/a_to_z.html", groups=groups)


@bp.route("/<lang>/search-index.json")
def search_index(lang: str) -> Response:
    """Return the small index that the search script queries."""
    check_language(lang)
    entries = [
        {
            "title": version.matter.title,
            "summary": version.matter.summary,
            "url": url_for("catalogue.service", lang=lang, slug=version.slug),
            "terms": index_terms(version),
        }
        for version in get_catalogue().in_language(lang)
    ]
    return jsonify(entries)


@bp.route("/<lang>/search/")
def search(lang: str) -> str:
    """Offer search (with JavaScript) and the ways to browse (without it)."""
    check_language(lang)
    facets = [(facet, facet.values(get_catalogue(), lang)) for facet in FACETS.values()]
    return render_template("browse/search.html", facets=facets)


def _initial(title: str) -> str:
    letter = unicodedata.normalize("NFD", title.lstrip("\"'«“ ")[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def freeze_urls() -> Iterator[tuple[str, dict[str, str]]]:
    """Yield every page of this blueprint for Frozen-Flask."""
    keys = list(facet_keys(get_catalogue()))
    for lang in LANGUAGES:
        yield "browse.index", {"lang": lang}
        yield "browse.a_to_z", {"lang": lang}
        yield "browse.search", {"lang": lang}
        yield "browse.search_index", {"lang": lang}
        for facet_name, key in keys:
            yield "browse.facet", {"lang": lang, "facet": facet_name, "key": key}
