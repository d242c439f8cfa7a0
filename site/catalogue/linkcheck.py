"""Find links inside a built site that lead nowhere.

Links are read off each page once (`page_links`) and kept in the build cache with
the page, so that a rebuild checks every link of the site without reading every
page again.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    """A link in *page* to *target*, which the site does not have."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target}"


class Links(NamedTuple):
    """The addresses one page links to (`href`, `src`) and the ids it has."""

    targets: tuple[str, ...]
    ids: tuple[str, ...]


# A start tag (text and attribute values never hold an unescaped "<"), then its
# attributes; quoted values may hold ">".
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(
    r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def page_links(text: str) -> Links:
    """Read the links and ids of one HTML page."""
    targets: list[str] = []
    ids: set[str] = set()
    for tag, attributes in _TAG.findall(text):
        for name, double, single, bare in _ATTRIBUTE.findall(attributes):
            value = sys.intern(html.unescape(double or single or bare))
            name = name.lower()
            if name in ("href", "src") and tag.lower() != "base":
                targets.append(value)
            elif name == "id":
                ids.add(value)
    return Links(tuple(targets), tuple(sorted(ids)))


def find_broken_links(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Check every internal link and fragment of every HTML page under *site_dir*."""
    files = {
        "/" + path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file()
    }
    pages = {
        "/" + path.relative_to(site_dir).as_posix(): page_links(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(site_dir.rglob("*.html"))
    }
    return broken_links(pages, files, base_path)


def broken_links(
    pages: Mapping[str, Links],
    files: Collection[str],
    base_path: str = "/",
    only: Collection[str] | None = None,
) -> list[BrokenLink]:
    """Check the links of the site's *pages* against its *files* (`/a/b.html`).

    :param only: check the links of these pages only (the others still count as
        targets).
    """
    prefix = base_path.rstrip("/")
    resolved: dict[str, tuple[str | None, str]] = {}
    broken: list[BrokenLink] = []
    for page in sorted(pages if only is None else only):
        for target in pages[page].targets:
            if _EXTERNAL.match(target):
                continue
            # An absolute path leads to the same file from every page.
            shared = target.startswith("/")
            found = resolved.get(target) if shared else None
            if found is None:
                found = _resolve(prefix + page, target, prefix, files)
                if shared:
                    resolved[target] = found
            file, fragment = found
            if file is None or (
                fragment and file in pages and fragment not in pages[file].ids
            ):
                broken.append(BrokenLink(page, target))
    return broken


def _resolve(
    page_url: str, target: str, prefix: str, files: Collection[str]
) -> tuple[str | None, str]:
    """Return the file *target* leads to from *page_url* (None if none), and its
    fragment."""
    parts = urlsplit(urljoin(page_url, target))
    path = unquote(parts.path)
    if not path.startswith(prefix + "/"):
        return None, parts.fragment
    local = "/" + path.removeprefix(prefix).strip("/")
    for candidate in (local, local.rstrip("/") + "/index.html"):
        if candidate in files:
            return candidate, parts.fragment
    return None, parts.fragment
