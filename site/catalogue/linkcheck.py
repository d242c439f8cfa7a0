"""Find links inside a built site that lead nowhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    """A link in *page* to *target*, which the site does not have."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target}"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and tag != "base":
                self.targets.append(value)
            elif name == "id":
                self.ids.add(value)


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def find_broken_links(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Check every internal link and fragment of every HTML page under *site_dir*."""
    pages: dict[str, _Links] = {}
    for path in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages["/" + path.relative_to(site_dir).as_posix()] = parser
    broken: list[BrokenLink] = []
    for page, parser in pages.items():
        for target in parser.targets:
            if _EXTERNAL.match(target):
                continue
            absolute = urljoin(base_path.rstrip("/") + page, target)
            parts = urlsplit(absolute)
            prefix = base_path.rstrip("/")
            target_path = unquote(parts.path)
            inside = target_path.startswith(prefix + "/")
            file = (
                _resolve(site_dir, target_path.removeprefix(prefix)) if inside else None
            )
            if file is None:
                broken.append(BrokenLink(page, target))
            elif (
                parts.fragment
                and file in pages
                and parts.fragment not in pages[file].ids
            ):
                broken.append(BrokenLink(page, target))
    return broken


def _resolve(site_dir: Path, local: str) -> str | None:
    candidate = site_dir / local.lstrip("/")
    if candidate.is_file():
        return "/" + candidate.relative_to(site_dir).as_posix()
    index = candidate / "index.html"
    if index.is_file():
        return "/" + index.relative_to(site_dir).as_posix()
    return None
