"""Write planned files: pages through Frozen-Flask, on every core; the two open data
files of the whole catalogue part by part.

Frozen-Flask builds each page by requesting it from the app, checks its status and
type, and writes the file only when its content changed. Each worker process runs
its own Freezer over shares of the addresses, with the app forked from the parent.

Two shortcuts, for the thousands of generated files (`make_freezer(app)` alone,
which freezes the whole site in one go, keeps Frozen-Flask's defaults):

- Frozen-Flask's requests are answered within a request context of the app
  (`_Requests`) rather than through Werkzeug's test client, whose environ, WSGI
  call and response wrapping cost a fifth of a service page's time. The views,
  request hooks and error handling are the same; Frozen-Flask still turns each
  address into a file, checks the status and type, and writes the file.
- catalogue.json and catalogue.csv do not go through Frozen-Flask at all: it would
  hold each of them whole in memory, three times over (45 MB of JSON at 5,000
  services). They are written in pieces from `exports`, with the bytes the app
  serves at their address.
"""

from __future__ import annotations

import filecmp
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from flask import Flask, Response
from flask.testing import FlaskClient
from flask_frozen import Freezer, MissingURLGeneratorWarning

from .exports import parts_of
from .linkcheck import Links, page_links
from .manifest import Written, written
from .parallel import PARALLEL_MINIMUM, cores, parallel_map
from .plan import PlannedFile, pages_of
from .views import get_catalogue_of

PROGRESS_EVERY = 500
SHARES_A_CORE = 4
BULK = ("data.catalogue_json", "data.catalogue_csv")
_EXPORTS = (*BULK, "data.service_json")


def make_freezer(app: Flask, urls: list[str] | None = None) -> Freezer:
    """Return a freezer of *urls* (addresses), or of every file of the site."""
    freezer = Freezer(
        app, with_static_files=False, with_no_argument_rules=False, log_url_for=False
    )
    if urls is None:
        freezer.register_generator(
            lambda: ((spec.endpoint, spec.values) for spec in pages_of(app))
        )
    else:
        freezer.register_generator(lambda: iter(urls))
    return freezer


def render(
    app: Flask,
    root: Path,
    files: list[PlannedFile],
    progress: Callable[[int], None] | None = None,
) -> dict[str, Written]:
    """Write *files* under *root*; return how each was left, by address.

    :raises ValueError: Frozen-Flask met an error status or a redirect.
    """
    if any(file.endpoint in _EXPORTS for file in files):
        parts_of(app, get_catalogue_of(app)).prepare()
    pages = [file for file in files if file.endpoint not in BULK]
    spread = len(pages) >= PARALLEL_MINIMUM
    # Several shares a core, taken by whichever worker is free: the work evens out.
    count = cores() * SHARES_A_CORE if spread else 1
    jobs = [[file] for file in files if file.endpoint in BULK]
    jobs += [share for start in range(count) if (share := pages[start::count])]
    counter = _Counter(progress)
    results = parallel_map(
        lambda job: _write(app, root, job, counter),
        jobs,
        minimum=2 if spread else len(jobs) + 1,
    )
    return {url: _shared(item) for result in results for url, item in result}


def _shared(item: Written) -> Written:
    """Share the link texts the pages of other shares also hold: each share arrives
    with copies of its own, a tenth of the memory of a large build."""
    if item.links is None:
        return item
    targets = tuple(map(sys.intern, item.links.targets))
    return item._replace(links=Links(targets, tuple(map(sys.intern, item.links.ids))))


def _write(
    app: Flask, root: Path, files: list[PlannedFile], counter: _Counter
) -> list[tuple[str, Written]]:
    """Write a bulk file, or a share of the pages."""
    if files[0].endpoint in BULK:
        _write_in_pieces(root / files[0].path, _chunks(app, files[0].endpoint))
        counter.add()
        return [(files[0].url, written(root, files[0], None))]
    by_url = {file.url: file for file in files}
    results = []
    with _freezing_a_share(app), warnings.catch_warnings():
        freezer = make_freezer(app, list(by_url))
        # This freezer builds a share of the site: the others build the rest.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        for page in freezer.freeze_yield():
            file = by_url[page.url]
            links = None
            if file.path.endswith(".html"):
                links = page_links((root / file.path).read_text(encoding="utf-8"))
            results.append((page.url, written(root, file, links)))
            counter.add()
    return results


@contextmanager
def _freezing_a_share(app: Flask) -> Iterator[None]:
    """Let Frozen-Flask write a share: with `_Requests`, and deleting nothing of
    the other shares (`freeze` deletes what no share wrote).

    Each freezer adds a function to the app's URL defaults; the share's is taken
    away afterwards, so that an app that builds again (`--watch`) does not gather
    them."""
    before = app.config.get("FREEZER_REMOVE_EXTRA_FILES", True), app.test_client_class
    url_defaults = {
        key: list(found) for key, found in app.url_default_functions.items()
    }
    app.config["FREEZER_REMOVE_EXTRA_FILES"] = False
    app.test_client_class = cast("type[FlaskClient]", _Requests)
    try:
        yield
    finally:
        app.config["FREEZER_REMOVE_EXTRA_FILES"], app.test_client_class = before
        app.url_default_functions.clear()
        app.url_default_functions.update(url_defaults)


class _Requests:
    """Answers Frozen-Flask's requests within a request context of the app."""

    def __init__(self, app: Flask, *_: Any, **__: Any) -> None:
        self.app = app

    def get(
        self, url: str, follow_redirects: bool = False, base_url: str | None = None
    ) -> Response:
        """Answer a GET of *url*; redirects are answered, never followed (the
        catalogue's freezer refuses them)."""
        del follow_redirects
        with self.app.test_request_context(url, base_url=base_url):
            response = self.app.full_dispatch_request()
        # A static file's body is read like any other (the test client does so).
        response.direct_passthrough = False
        return response


def _chunks(app: Flask, endpoint: str) -> Iterator[str]:
    parts = parts_of(app, get_catalogue_of(app))
    if endpoint == "data.catalogue_json":
        return parts.json_chunks(app.config["BUILD_DATE"])
    return parts.csv_chunks()


def _write_in_pieces(path: Path, chunks: Iterator[str]) -> None:
    """Write *path* from *chunks*, keeping the old file (and its date) if the same."""
    partial = path.with_name(f".{path.name}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    with partial.open("wb") as out:
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))
    if path.is_file() and filecmp.cmp(partial, path, shallow=False):
        partial.unlink()
    else:
        os.replace(partial, path)


class _Counter:
    """Counts the files written by every process, and reports every so many."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.progress = progress
        self.value = multiprocessing.get_context("fork").Value("i", 0)

    def add(self) -> None:
        with self.value.get_lock():
            self.value.value += 1
            count = self.value.value
        if self.progress is not None and count % PROGRESS_EVERY == 0:
            self.progress(count)
