"""The pages of the site, as each blueprint lists them for the build.

Each page comes with a `key`: builtin values naming everything the page shows
that is not the same on every page (the digests of the documents it shows, their
number, the page's place in a list…). The build writes a page again only when its
key, its address or the site as a whole (code, settings, workflows, information
pages: see `plan`) changes; a view must therefore show nothing of the content that
its key leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .documents import Document


@dataclass(frozen=True)
class PageSpec:
    """A page to build: its endpoint and URL values, and what it shows."""

    endpoint: str
    values: dict[str, Any]
    key: tuple[Any, ...] = ()


def digests(documents: Iterable[Document[Any]]) -> tuple[str, ...]:
    """Return the digests of *documents*, in order."""
    return tuple(document.digest for document in documents)
