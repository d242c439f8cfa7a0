"""What a build writes: every file of the site, with the fingerprint of what it shows.

A file's fingerprint joins its address, its page's key (see `pagespec`) and the site
key: the code, templates and libraries (`digest.code_key`), the settings, the
workflows and the information pages (every page's footer lists them). Two builds
write the same bytes for the same fingerprint, so a file whose fingerprint has not
changed since the last build need not be rendered again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from unicodedata import normalize
from urllib.parse import unquote, urlsplit

from flask import Flask, url_for
from flask_frozen import walk_directory

from . import browse, data_views, feeds, views
from .buildcache import BuildCache, reuse, statuses_under
from .digest import code_key, digest
from .pagespec import PageSpec, digests

# Settings that say where the build goes, not what it writes.
_NOT_RENDERED = {"BUILD_CACHE", "FREEZER_DESTINATION"}


class PlannedFile(NamedTuple):
    """A file of the site: its address, its path in the site folder, its endpoint."""

    url: str
    path: str
    endpoint: str
    fingerprint: str


def plan_site(app: Flask) -> list[PlannedFile]:
    """Return every file of the site, in the order Frozen-Flask would write them."""
    script_name = urlsplit(app.config.get("FREEZER_BASE_URL") or "").path.rstrip("/")
    site = site_key(app)
    planned: dict[str, PlannedFile] = {}
    # A process that builds again reuses the addresses and fingerprints it worked
    # out: most pages keep both from one edit to the next.
    cache: BuildCache | None = app.config.get("BUILD_CACHE")
    urls, files = reuse(cache, "urls"), reuse(cache, "planned files")
    # url_for needs a request; Frozen-Flask builds addresses in the same one.
    with app.test_request_context(base_url=script_name or None):
        for spec in pages_of(app):
            values = tuple(sorted(spec.values.items()))
            url_key = (script_name, spec.endpoint, values)
            url = urls.get(url_key, _url, spec, script_name)
            if url not in planned:
                key = (site, spec.endpoint, url, spec.key)
                planned[url] = files.get(key, _planned, site, spec, url)
    return list(planned.values())


def _planned(site: str, spec: PageSpec, url: str) -> PlannedFile:
    fingerprint = digest(site, spec.endpoint, url, repr(spec.key))
    return PlannedFile(url, path_of(url), spec.endpoint, fingerprint)


def site_key(app: Flask) -> str:
    """Return the digest of what every page of the site depends on."""
    settings = sorted(
        (name, repr(value))
        for name, value in app.config.items()
        if name not in _NOT_RENDERED
    )
    workflows = Path(app.config["WORKFLOWS_DIR"])
    cache: BuildCache | None = app.config.get("BUILD_CACHE")
    if cache is None or not cache.remembers:
        files = _workflow_digest(workflows)
    else:
        known = cache.reuse("workflow digest")
        files = known.get(statuses_under(workflows), _workflow_digest, workflows)
    information = views.get_catalogue_of(app).pages.values()
    pages = [digests(versions.values()) for versions in information]
    return digest(code_key(), repr(settings), files, repr(pages))


def _workflow_digest(workflows: Path) -> str:
    """Return the digest of every file of the workflows folder."""
    return digest(
        *(
            part
            for path in sorted(workflows.rglob("*"))
            if path.is_file()
            for part in (path.relative_to(workflows).as_posix(), path.read_bytes())
        )
    )


def pages_of(app: Flask) -> Iterator[PageSpec]:
    """Yield every file of *app*'s site (inside one of its requests)."""
    static = app.static_folder
    ignore = app.config.get("FREEZER_STATIC_IGNORE", [])
    if static is not None and Path(static).is_dir():
        for filename in walk_directory(static, ignore=ignore):
            yield PageSpec("static", {"filename": filename})
    yield from views.pages()
    yield from browse.pages()
    yield from feeds.pages()
    yield from data_views.pages()


def _url(spec: PageSpec, script_name: str) -> str:
    """Return the address Frozen-Flask gives the page (see `Freezer.all_urls`)."""
    url = url_for(spec.endpoint, **spec.values)[len(script_name) :]
    return urlsplit(unquote(url)).path


def path_of(url: str) -> str:
    """Return the file Frozen-Flask writes for *url* (`urlpath_to_filepath`)."""
    return normalize("NFC", url + "index.html" if url.endswith("/") else url)[1:]
