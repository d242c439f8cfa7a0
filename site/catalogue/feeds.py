"""Files for crawlers and feed readers: sitemap, robots.txt, Atom feeds, 404 page."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from flask import Blueprint, Response, current_app, render_template, url_for

from . import browse, data_views, views
from .content import ServiceVersion
from .pagespec import PageSpec, digests
from .schema import DEFAULT_LANGUAGE, LANGUAGES

bp = Blueprint("feeds", __name__)

# A feed reader asks again and again for what changed lately: the feed carries the
# latest reviews, as blogs' feeds carry the latest posts, and stays small.
FEED_ENTRIES = 50


def _pages() -> list[tuple[str, dict[str, Any], date | None]]:
    """Return each page in any language: endpoint, URL values but the language, and
    the date it last changed.

    A long list is there by its first page, which links to the others: the
    sitemap stays within the 50,000 addresses a sitemap may hold.
    """
    specs = [
        *views.pages(),
        *data_views.pages(),
        *(spec for spec in browse.pages() if spec.endpoint != "browse.search_index"),
    ]
    # Every page exists in every language: its Catalan address stands for it.
    found = [
        (spec.endpoint, {k: v for k, v in spec.values.items() if k != "lang"})
        for spec in specs
        if spec.values.get("lang") == DEFAULT_LANGUAGE and "number" not in spec.values
    ]
    return [
        (endpoint, others, _last_reviewed(endpoint, others.get("slug", "")))
        for endpoint, others in found
    ]


def _page_groups() -> Iterator[tuple[dict[str, str], date | None]]:
    """Yield, per page, its address in each language and the date it last changed."""
    adapter = current_app.url_map.bind("")
    for endpoint, others, changed in _pages():
        urls = {
            lang: adapter.build(endpoint, {**others, "lang": lang})
            for lang in LANGUAGES
        }
        yield urls, changed


def _last_reviewed(endpoint: str, slug: str) -> date | None:
    catalogue = views.get_catalogue()
    if endpoint == "catalogue.service":
        return catalogue.services[slug][DEFAULT_LANGUAGE].matter.last_reviewed
    if endpoint == "catalogue.page":
        return catalogue.pages[slug][DEFAULT_LANGUAGE].matter.last_reviewed
    return None


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    """List every page with its alternates in the other languages."""
    groups = [
        ({lang: views.absolute_url(url) for lang, url in urls.items()}, changed)
        for urls, changed in _page_groups()
    ]
    xml = render_template("feeds/sitemap.xml", groups=groups, default=DEFAULT_LANGUAGE)
    return Response(xml, mimetype="application/xml")


@bp.route("/robots.txt")
def robots() -> Response:
    """Allow every crawler and point it at the sitemap."""
    text = (
        f"User-agent: *\nAllow: /\nSitemap: {views.absolute_url(url_for('.sitemap'))}\n"
    )
    return Response(text, mimetype="text/plain")


@bp.route("/<lang>/feed.xml")
def feed(lang: str) -> Response:
    """An Atom feed of the services most recently reviewed, the latest first."""
    views.check_language(lang)
    services = _latest(lang)
    xml = render_template(
        "feeds/atom.xml",
        services=services,
        absolute=views.absolute_url,
        timestamp=_timestamp,
        updated=_timestamp(services[0].matter.last_reviewed) if services else None,
    )
    # Static hosts serve .xml files as application/xml; feed readers accept it.
    return Response(xml, mimetype="application/xml")


@bp.route("/404.html")
def not_found_page() -> str:
    """The page a static host shows for an unknown address, in the three languages."""
    return render_template("feeds/404.html")


def _latest(lang: str) -> list[ServiceVersion]:
    """Return the `FEED_ENTRIES` services in *lang* most recently reviewed."""
    return heapq.nlargest(
        FEED_ENTRIES,
        views.get_catalogue().in_language(lang),
        key=lambda version: (version.matter.last_reviewed, version.slug),
    )


def _timestamp(day: date) -> str:
    return datetime.combine(day, time(), tzinfo=UTC).isoformat()


def pages() -> Iterator[PageSpec]:
    """Yield every file of this blueprint."""
    sitemap = tuple((e, tuple(sorted(o.items())), str(c)) for e, o, c in _pages())
    yield PageSpec("feeds.sitemap", {}, sitemap)
    yield PageSpec("feeds.robots", {})
    yield PageSpec("feeds.not_found_page", {})
    for lang in LANGUAGES:
        yield PageSpec("feeds.feed", {"lang": lang}, digests(_latest(lang)))
