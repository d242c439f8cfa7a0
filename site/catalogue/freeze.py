"""Freeze the catalogue into static files with Frozen-Flask."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning

from . import browse, data_views, feeds, views
from .linkcheck import find_broken_links

PROGRESS_EVERY = 500


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote."""

    pages: int
    files: int
    bytes: int
    seconds: float

    def __str__(self) -> str:
        kilobytes = self.bytes / 1024
        return (
            f"built {self.pages} pages ({self.files} files, {kilobytes:.1f} KiB) "
            f"in {self.seconds:.2f} s"
        )


def make_freezer(app: Flask) -> Freezer:
    """Return a freezer that knows every language and service URL."""
    freezer = Freezer(app, with_no_argument_rules=True, log_url_for=True)

    freezer.register_generator(views.freeze_urls)
    freezer.register_generator(browse.freeze_urls)
    freezer.register_generator(feeds.freeze_urls)
    freezer.register_generator(data_views.freeze_urls)

    return freezer


class BuildError(Exception):
    """A page could not be built, or the built site has broken links."""


def freeze(
    app: Flask, destination: Path, progress: Callable[[int], None] | None = None
) -> BuildReport:
    """Write the site to *destination*, check its links and report its size.

    :param progress: called with the number of files written so far, every
        `PROGRESS_EVERY` files.
    :raises BuildError: a page answered with an error or a redirect, or a link
        inside the site leads nowhere.
    """
    started = time.perf_counter()
    app.config["FREEZER_DESTINATION"] = str(destination.resolve())
    with warnings.catch_warnings():
        if not views.get_catalogue_of(app).pages:
            # Information pages are optional: nothing to freeze for them is fine.
            warnings.filterwarnings(
                "ignore",
                "Nothing frozen for endpoints catalogue.page",
                MissingURLGeneratorWarning,
            )
        urls = _freeze_pages(app, progress)
    base_path = urlsplit(app.config.get("FREEZER_BASE_URL") or "/").path or "/"
    broken = find_broken_links(destination, base_path)
    if broken:
        raise BuildError("\n".join(map(str, broken)))
    files = [path for path in destination.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    pages = sum(url.endswith(("/", ".html")) for url in urls)
    return BuildReport(pages, len(files), total, time.perf_counter() - started)


def _freeze_pages(app: Flask, progress: Callable[[int], None] | None) -> list[str]:
    urls: list[str] = []
    try:
        for page in make_freezer(app).freeze_yield():
            urls.append(page.url)
            if progress is not None and len(urls) % PROGRESS_EVERY == 0:
                progress(len(urls))
    except (ValueError, RuntimeError) as error:
        # Frozen-Flask raises these for an error status or a redirect.
        raise BuildError(f"page not built: {error}") from error
    return urls
