"""Read a folder's document files: from the build cache when a file is unchanged,
otherwise afresh, spread over the processor's cores."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .buildcache import BuildCache, Status, status_of
from .digest import digest
from .parallel import parallel_map
from .reading import Reading, read_document
from .schema import DocumentMatter


@dataclass(frozen=True, slots=True)
class StoredHtml:
    """HTML kept in a file of the build cache, read only when a page shows it."""

    cache: BuildCache
    key: str

    def __html__(self) -> str:
        return self.cache.file("bodies", self.key).read_text(encoding="utf-8")


Html = Markup | StoredHtml


@dataclass(frozen=True, slots=True)
class Source:
    """One file: its digest, what it holds, and its rendered body."""

    path: Path
    digest: str
    reading: Reading
    body: Html


def read_sources(
    paths: list[Path],
    model: type[DocumentMatter],
    table: str,
    cache: BuildCache | None = None,
) -> list[Source]:
    """Read every file of *paths*, reusing and updating the cache's *table*.

    A process that builds again (see `BuildCache.remembered`) reads only the files
    whose size, time or inode changed since its last build.
    """
    remembered = {} if cache is None else cache.remembered(f"sources/{table}")
    statuses = {} if cache is None else cache.remembered(f"digests/{table}")
    seen = {path: _digest(path, statuses) for path in paths}
    keys = {path: key for path, (_, key) in seen.items()}
    if remembered:
        # The table in the cache is left as the first build wrote it: it serves
        # a later process, which will read again the files edited since.
        sources = [
            remembered.get((path, keys[path])) or _source(path, model, cache)
            for path in paths
        ]
    else:
        sources = _read_sources(paths, keys, model, table, cache)
    remembered.clear()
    remembered.update(((source.path, source.digest), source) for source in sources)
    statuses.clear()
    statuses.update(seen.values())
    return sources


def _read_sources(
    paths: list[Path],
    keys: dict[Path, str],
    model: type[DocumentMatter],
    table: str,
    cache: BuildCache | None,
) -> list[Source]:
    known = _known(cache, table)
    missing = [path for path in paths if keys[path] not in known]
    # Workers read the files again and keep the bodies in the cache themselves: the
    # parent holding every file or body would count in each worker's memory, and
    # leave its own memory in pieces.
    read = parallel_map(lambda path: _read(path, model, cache), missing)
    fresh = dict(zip(missing, read, strict=True))
    sources = []
    for path in paths:
        key, reading = fresh.get(path) or (keys[path], None)
        if reading is None:
            reading = Reading.from_record(known[key])
        sources.append(Source(path, key, reading, _body(key, reading, cache)))
    if cache is not None and (fresh or set(known) != set(keys.values())):
        records = {source.digest: source.reading.record() for source in sources}
        cache.write(table, records)
    return sources


def _source(
    path: Path, model: type[DocumentMatter], cache: BuildCache | None
) -> Source:
    key, reading = _read(path, model, cache)
    return Source(path, key, reading, _body(key, reading, cache))


def _digest(path: Path, statuses: dict[Status, str]) -> tuple[Status, str]:
    """Return the status of *path* and its digest: read again only if the status
    is not one that this process saw before (size, time and inode)."""
    status = status_of(path)
    key = statuses.get(status)
    return status, key or digest(path.name, path.read_bytes())


def _read(
    path: Path, model: type[DocumentMatter], cache: BuildCache | None
) -> tuple[str, Reading]:
    """Read a file; with a cache, keep its body there and return it without."""
    raw = path.read_bytes()
    key = digest(path.name, raw)
    reading = read_document(path.name, raw, model)
    if cache is None:
        return key, reading
    cache.file("bodies", key).write_text(reading.html, encoding="utf-8")
    return key, replace(reading, html="")


def _known(cache: BuildCache | None, table: str) -> dict[str, tuple[Any, ...]]:
    """Return the cached readings whose body is still in the cache."""
    if cache is None:
        return {}
    bodies = cache.keys("bodies")
    return {key: record for key, record in cache.read(table).items() if key in bodies}


def _body(key: str, reading: Reading, cache: BuildCache | None) -> Html:
    if cache is None:
        return Markup(reading.html)
    return StoredHtml(cache, key)
