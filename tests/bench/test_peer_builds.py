"""MkDocs and Hugo build the benchmark's corpus: every service page, with its body.

A peer that wrote empty pages, or the wrong file's body, would look very fast in the
benchmark; these builds of a tiny corpus check each page against its source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import hugo, mkdocs
from bench.builds import Build, hugo_build, mkdocs_build
from bench.corpus import read_service, write_corpus

SERVICES = 3

Peer = tuple[Callable[[Path, Path], Build], Callable[[Path, str, str], Path]]
PEERS: dict[str, Peer] = {
    "mkdocs": (mkdocs_build, mkdocs.service_page),
    "hugo": (hugo_build, hugo.service_page),
}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("peers") / "content"
    write_corpus(folder, SERVICES)
    return folder


def _text(page: Path) -> str:
    """The page's text, without tags and entities, its spaces collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    return " ".join(text.split())


def _fragments(body: str) -> list[str]:
    """A plain run of words from the first and the last paragraph of *body*."""
    paragraphs = [
        block
        for block in body.split("\n\n")
        if block.strip() and block.lstrip()[0] not in "#-|["
    ]
    return [
        max(re.findall(r"[\w ,]+", paragraph), key=len).strip()
        for paragraph in (paragraphs[0], paragraphs[-1])
    ]


@pytest.mark.parametrize("name", sorted(PEERS))
def test_every_service_page_has_its_title_and_body(
    content: Path, tmp_path: Path, name: str
) -> None:
    build, service_page = PEERS[name]
    built = build(content, tmp_path / name)
    sources = sorted((content / "services").glob("*.md"))
    assert len(sources) == SERVICES * 3
    for source in sources:
        matter, body = read_service(source)
        page = service_page(tmp_path / name, matter["slug"], source.name.split(".")[1])
        assert page.is_file(), f"{name} wrote no {page}"
        text = _text(page)
        assert matter["title"] in text, f"{page} lacks its title"
        for fragment in _fragments(body):
            assert len(fragment) > 20
            assert fragment in text, f"{page} lacks {fragment!r}"
    assert built.files > len(sources)
