"""The record of the files a build wrote, kept in the build cache for the next one.

For each address: the fingerprint it was rendered with, the size and modification
time of its file (a file changed or deleted by hand is written again), and, for a
page, its links and ids, so that the next build checks the links of the whole site
without reading pages it did not write.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .buildcache import BuildCache
from .linkcheck import Links
from .plan import PlannedFile

_TABLE = "manifest"


class Written(NamedTuple):
    """A file as a build left it."""

    fingerprint: str
    size: int
    modified: int
    links: Links | None


def written(root: Path, file: PlannedFile, links: Links | None) -> Written:
    """Describe *file*, just written under *root*."""
    status = os.stat(os.path.join(root, file.path))
    return Written(file.fingerprint, status.st_size, status.st_mtime_ns, links)


@dataclass
class Manifest:
    """Every file of the last build by address, and whether its links were whole."""

    files: dict[str, Written] = field(default_factory=dict)
    links_checked: bool = False

    @classmethod
    def load(cls, cache: BuildCache | None) -> Manifest:
        """Return the last build's record (an empty one without a cache)."""
        if cache is None:
            return cls()
        # A process that builds again has the record of its last build in memory.
        last = cache.remembered(_TABLE).get("manifest")
        if last is not None:
            return cls(dict(last.files), last.links_checked)
        table = cache.read(_TABLE)
        files = {
            url: Written(fingerprint, size, modified, _links(links))
            for url, (fingerprint, size, modified, links) in table.get(
                "files", {}
            ).items()
        }
        return cls(files, table.get("links_checked", False))

    def save(self, cache: BuildCache | None) -> None:
        """Keep the record in *cache* for the next build."""
        if cache is None:
            return
        cache.remembered(_TABLE)["manifest"] = self
        files = {
            url: (
                item.fingerprint,
                item.size,
                item.modified,
                item.links and (item.links.targets, item.links.ids),
            )
            for url, item in self.files.items()
        }
        cache.write(_TABLE, {"files": files, "links_checked": self.links_checked})

    def is_current(self, root: Path, file: PlannedFile) -> bool:
        """Tell whether *file* is on disk as the last build left it, for the same
        fingerprint."""
        found = self.files.get(file.url)
        if found is None or found.fingerprint != file.fingerprint:
            return False
        try:
            status = os.stat(os.path.join(root, file.path))
        except OSError:
            return False
        return (status.st_size, status.st_mtime_ns) == (found.size, found.modified)


def _links(found: tuple[tuple[str, ...], tuple[str, ...]] | None) -> Links | None:
    return None if found is None else Links._make(found)
