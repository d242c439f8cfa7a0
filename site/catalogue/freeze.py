"""Freeze the catalogue into static files with Frozen-Flask.

With a build cache (`xarxa build` keeps one beside the site), a build writes only
the files whose fingerprint changed since the last one (see `plan`), deletes the
files of pages that went, and leaves the site exactly as a build from scratch would.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from unicodedata import normalize
from urllib.parse import urlsplit

from flask import Flask
from flask_frozen import MissingURLGeneratorWarning, walk_directory

from .buildcache import BuildCache
from .exports import parts_of
from .linkcheck import BrokenLink, broken_links
from .manifest import Manifest, Written
from .plan import PlannedFile, path_of, plan_site
from .render import render
from .views import get_catalogue_of


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote."""

    pages: int
    files: int
    bytes: int
    seconds: float
    rendered: int

    def __str__(self) -> str:
        kilobytes = self.bytes / 1024
        return (
            f"built {self.pages} pages ({self.files} files, {kilobytes:.1f} KiB) "
            f"in {self.seconds:.2f} s; {self.rendered} files rendered, "
            "the others unchanged"
        )


class BuildError(Exception):
    """A page could not be built, or the built site has broken links."""


def freeze(
    app: Flask, destination: Path, progress: Callable[[int], None] | None = None
) -> BuildReport:
    """Write the site to *destination*, check its links and report its size.

    :param progress: called with the number of files written so far, every
        `render.PROGRESS_EVERY` files.
    :raises BuildError: a page answered with an error or a redirect, or a link
        inside the site leads nowhere.
    """
    started = time.perf_counter()
    root = destination.resolve()
    app.config["FREEZER_DESTINATION"] = str(root)
    cache: BuildCache | None = app.config.get("BUILD_CACHE")
    planned = plan_site(app)
    _check_endpoints(app, planned)
    manifest = Manifest.load(cache)
    dirty = [file for file in planned if not manifest.is_current(root, file)]
    root.mkdir(parents=True, exist_ok=True)
    try:
        fresh = render(app, root, dirty, progress)
    except (ValueError, RuntimeError) as error:
        # Frozen-Flask raises these for an error status or a redirect.
        raise BuildError(f"page not built: {error}") from error
    previous = manifest.files
    manifest.files = {
        file.url: fresh.get(file.url) or previous[file.url] for file in planned
    }
    if app.config["FREEZER_REMOVE_EXTRA_FILES"]:
        _remove_extra_files(app, root, planned, cache, previous)
    broken = _check_links(app, planned, manifest, previous, fresh)
    manifest.links_checked = not broken
    manifest.save(cache)
    if cache is not None:
        _prune(app, cache)
    if broken:
        raise BuildError("\n".join(map(str, broken)))
    pages = sum(file.url.endswith(("/", ".html")) for file in planned)
    size = sum(item.size for item in manifest.files.values())
    seconds = time.perf_counter() - started
    return BuildReport(pages, len(planned), size, seconds, len(dirty))


def _check_endpoints(app: Flask, planned: list[PlannedFile]) -> None:
    """Warn about a page type without pages, as Frozen-Flask would."""
    endpoints = {file.endpoint for file in planned}
    if not get_catalogue_of(app).pages:
        # Information pages are optional: nothing to freeze for them is fine.
        endpoints.add("catalogue.page")
    missing = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint not in endpoints
    }
    if missing:
        warnings.warn(
            f"Nothing frozen for endpoints {', '.join(sorted(missing))}. "
            "Did you forget a URL generator?",
            MissingURLGeneratorWarning,
            stacklevel=3,
        )


def _remove_extra_files(
    app: Flask,
    root: Path,
    planned: list[PlannedFile],
    cache: BuildCache | None,
    previous: dict[str, Written],
) -> None:
    """Delete what the site folder holds but the build did not write.

    A process that builds again looks through the folder once: afterwards it
    deletes the files of its last build that this one did not plan.
    """
    kept = {file.path for file in planned}
    ignore = app.config.get("FREEZER_DESTINATION_IGNORE", [])
    looked = {} if cache is None else cache.remembered("site folders looked through")
    if root in looked:
        names: Iterable[str] = map(path_of, previous.keys() - {f.url for f in planned})
    else:
        names = _site_files(root, ignore)
        looked[root] = True
    for name in names:
        if name not in kept:
            extra = root / name
            extra.unlink()
            with suppress(OSError):
                extra.parent.rmdir()


def _site_files(root: Path, ignore: list[str]) -> Iterator[str]:
    """Yield the files of *root* as Frozen-Flask's `walk_directory` does; quicker
    (a tenth of a rebuild) when no pattern is to be ignored."""
    if ignore:
        yield from walk_directory(root, ignore=ignore)
        return
    start = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        for name in names:
            yield normalize("NFC", os.path.join(folder, name)[start:])


def _check_links(
    app: Flask,
    planned: list[PlannedFile],
    manifest: Manifest,
    previous: dict[str, Written],
    fresh: dict[str, Written],
) -> list[BrokenLink]:
    """Check the links of the files just written; of every page when files came or
    went, ids changed, or the last build had broken links."""
    pages = {
        "/" + file.path: links
        for file in planned
        if (links := manifest.files[file.url].links) is not None
    }
    files = {"/" + file.path for file in planned}
    base_path = urlsplit(app.config.get("FREEZER_BASE_URL") or "/").path or "/"
    same_files = set(previous) == {file.url for file in planned}
    same_ids = all(_ids(previous.get(url)) == _ids(item) for url, item in fresh.items())
    if manifest.links_checked and same_files and same_ids:
        written = {"/" + file.path for file in planned if file.url in fresh}
        return broken_links(pages, files, base_path, only=written & pages.keys())
    return broken_links(pages, files, base_path)


def _ids(item: Written | None) -> tuple[str, ...] | None:
    return None if item is None or item.links is None else item.links.ids


def _prune(app: Flask, cache: BuildCache) -> None:
    """Forget what the cache holds for content that changed or went."""
    catalogue = get_catalogue_of(app)
    bodies = {
        version.digest
        for documents in (catalogue.services, catalogue.pages)
        for versions in documents.values()
        for version in versions.values()
    }
    cache.prune("bodies", bodies)
    parts_of(app, catalogue).prune()
