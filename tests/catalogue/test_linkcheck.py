"""The build refuses a site whose internal links lead nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli import main
from catalogue.linkcheck import BrokenLink, find_broken_links
from tests.conftest import service_text, write_service


def _page(site: Path, relative: str, body: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><title>t</title>{body}", encoding="utf-8")


def test_finds_missing_pages_files_and_fragments(tmp_path: Path) -> None:
    _page(
        tmp_path,
        "index.html",
        '<a href="/a/">a</a><a href="/b/">b</a><p id="top">x</p>',
    )
    _page(
        tmp_path,
        "a/index.html",
        '<a href="../index.html#top">ok</a><a href="/index.html#gone">frag</a>'
        '<img src="/logo.svg" alt=""><a href="https://other.example/x">ext</a>'
        '<a href="mailto:a@b.example">m</a>',
    )
    assert sorted(find_broken_links(tmp_path), key=str) == [
        BrokenLink("/a/index.html", "/index.html#gone"),
        BrokenLink("/a/index.html", "/logo.svg"),
        BrokenLink("/index.html", "/b/"),
    ]


def test_links_under_a_base_path(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", '<a href="/sub/a/">a</a><a href="/a/">wrong</a>')
    _page(tmp_path, "a/index.html", "")
    assert find_broken_links(tmp_path, "/sub/") == [BrokenLink("/index.html", "/a/")]


@pytest.mark.parametrize(
    "link", ["/ca/services/missing/", "/ca/services/prova/#no-such-section"]
)
def test_build_fails_on_a_broken_link_in_content(tmp_path: Path, link: str) -> None:
    body = f"## Què és\n\nVegeu [un altre servei]({link}).\n"
    content = tmp_path / "content"
    for language in ("ca", "es", "en"):
        write_service(content, language=language, text=service_text(body=body))
    result = CliRunner().invoke(
        main, ["build", "--content", str(content), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert f"/ca/services/prova/index.html: broken link to {link}" in result.output
    assert "the build failed" in result.output
