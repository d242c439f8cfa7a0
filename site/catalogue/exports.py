"""The open data files, assembled from one part per service.

A service's part is its HSDS object as indented JSON and its CSV line. Parts are
computed once per build (in a build, kept in the build cache by the digests of the
service's files, so that a rebuild computes only the parts of edited services), and
the files of the whole catalogue are produced part by part: neither needs to be whole
in memory (catalogue.json passes 45 MB at 5,000 services).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask

from .buildcache import BuildCache
from .content import Catalogue, ServiceVersion
from .digest import digest
from .opendata import CSV_COLUMNS, csv_cells, csv_line, hsds_service, page_header
from .parallel import parallel_map

JSON_CLOSE = '"contents": []\n}'


@dataclass(frozen=True)
class Part:
    """One service in the open data files."""

    json: str
    csv: str


class Parts:
    """Every service's part: kept in the build cache, or computed when missing."""

    def __init__(self, app: Flask, catalogue: Catalogue) -> None:
        self.app = app
        self.catalogue = catalogue
        self.base_url = str(app.config["BASE_URL"])
        self.forms_url = str(app.config["FORMS_URL"])
        self.cache: BuildCache | None = app.config.get("BUILD_CACHE")
        self._keys: dict[str, str] = {}

    def key(self, slug: str) -> str:
        """Return the key a service's part is kept under."""
        if slug not in self._keys:
            versions = self.catalogue.services[slug]
            files = (version.digest for version in versions.values())
            self._keys[slug] = digest(self.base_url, self.forms_url, *files)
        return self._keys[slug]

    def get(self, slug: str) -> Part:
        """Return the part of the service *slug*."""
        if self.cache is None:
            return self.catalogue.remember(("part", slug), lambda: self._compute(slug))
        key = self.key(slug)
        # A process that builds again keeps the parts in memory.
        remembered = self.cache.remembered("parts")
        if key not in remembered:
            try:
                remembered[key] = Part(*self.cache.kept("parts", key))
            except OSError:
                remembered[key] = self._keep(slug)
        found: Part = remembered[key]
        return found

    def prepare(self) -> None:
        """Compute the parts missing from the build cache, on every core."""
        if self.cache is None:
            return
        remembered = self.cache.remembered("parts")
        keys = {slug: self.key(slug) for slug in self.catalogue.services}
        if all(key in remembered for key in keys.values()):
            return
        kept = self.cache.keys("parts")
        missing = [slug for slug, key in keys.items() if key not in kept]
        for _ in parallel_map(self._store, missing):
            pass

    def prune(self) -> None:
        """Forget the parts of services that changed or went."""
        if self.cache is not None:
            keys = {self.key(slug) for slug in self.catalogue.services}
            self.cache.prune("parts", keys)
            remembered = self.cache.remembered("parts")
            for key in set(remembered) - keys:
                del remembered[key]

    def json_chunks(self, generated: date) -> Iterator[str]:
        """Yield catalogue.json (see `opendata.catalogue_json`) in pieces."""
        slugs = sorted(self.catalogue.services)
        text = _dumps(page_header(len(slugs), generated) | {"contents": []})
        if not slugs:
            yield text + "\n"
            return
        yield text.removesuffix(JSON_CLOSE) + '"contents": [\n'
        for index, slug in enumerate(slugs):
            separator = ",\n" if index else ""
            # As textwrap.indent would: JSON dumped with an indent has no blank line.
            yield separator + "    " + self.get(slug).json.replace("\n", "\n    ")
        yield "\n  ]\n}\n"

    def csv_chunks(self) -> Iterator[str]:
        """Yield catalogue.csv (see `opendata.catalogue_csv`) in pieces."""
        yield csv_line(CSV_COLUMNS)
        for slug in sorted(self.catalogue.services):
            yield self.get(slug).csv

    def _compute(self, slug: str) -> Part:
        versions = self.catalogue.services[slug]
        with self.app.app_context():
            return _part(versions, self.base_url, self.forms_url)

    def _keep(self, slug: str) -> Part:
        part = self._compute(slug)
        if self.cache is not None:
            self.cache.keep((part.json, part.csv), "parts", self.key(slug))
        return part

    def _store(self, slug: str) -> None:
        self._keep(slug)


def parts_of(app: Flask, catalogue: Catalogue) -> Parts:
    """Return the parts of *app*'s catalogue."""
    found: Parts = catalogue.remember("parts", lambda: Parts(app, catalogue))
    return found


def _part(
    versions: Mapping[str, ServiceVersion], base_url: str, forms_url: str
) -> Part:
    service = hsds_service(versions, base_url, forms_url)
    cells = csv_cells(versions, service, base_url, forms_url)
    return Part(_dumps(service), csv_line(cells))


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
