"""Addresses of the site's pages, each built once a process.

A page links to some twenty others, and a list page to fifty services; Werkzeug
builds an address in about forty microseconds, a tenth of the build of a page.
Addresses depend only on the endpoint, its values and where the site is mounted,
so the app keeps each one it built.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

_CACHE = "xarxa_urls"
# Values that make an address depend on more than where the site is mounted.
_UNCACHED = {"_external", "_scheme", "_method"}


def cached_url_for(endpoint: str, **values: Any) -> str:
    """Return `flask.url_for(endpoint, **values)`, reusing an address built before."""
    if _UNCACHED.intersection(values):
        return url_for(endpoint, **values)
    blueprint = request.blueprint if endpoint.startswith(".") else None
    key = (request.script_root, blueprint, endpoint, *sorted(values.items()))
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault(_CACHE, {})
    try:
        return cache[key]
    except KeyError:
        address = cache[key] = url_for(endpoint, **values)
        return address
