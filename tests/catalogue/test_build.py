"""`xarxa build` freezes every page in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli import main
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(
        main, ["build", "--content", str(REPO / "content"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert re.match(
        r"built \d+ pages \(\d+ files, [\d.]+ KiB\) in [\d.]+ s", result.output
    )
    return out


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_every_service_has_a_page_per_language(site: Path, lang: str) -> None:
    for slug in (
        "connectat",
        "sostf",
        "supervisio-equips",
        "papallona",
        "acompanyament-social-laboral",
    ):
        page = site / lang / "services" / slug / "index.html"
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in text
        assert text.count("<h1") == 1


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("ca", "Com s'hi accedeix"), ("es", "Cómo acceder"), ("en", "How to reach it")],
)
def test_interface_is_in_the_page_language(site: Path, lang: str, heading: str) -> None:
    text = (site / lang / "services" / "connectat" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f'id="access-title">{heading}<' in text


def test_root_leads_to_catalan_without_a_redirect(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=/ca/"' in text
    assert 'href="/ca/"' in text


def test_emotional_support_pages_show_crisis_lines(site: Path) -> None:
    connectat = (site / "ca" / "services" / "connectat" / "index.html").read_text(
        "utf-8"
    )
    supervision = (
        site / "ca" / "services" / "supervisio-equips" / "index.html"
    ).read_text("utf-8")
    assert 'href="tel:024"' in connectat
    assert 'href="tel:112"' in connectat
    assert "tel:024" not in supervision


def test_build_refuses_invalid_content(tmp_path: Path) -> None:
    content = tmp_path / "content" / "services"
    content.mkdir(parents=True)
    (content / "x.ca.md").write_text("---\nslug: x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", "--content", str(content.parent), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 1
    assert "missing required field 'title'" in result.output
    assert "nothing was built" in result.output
    assert not (tmp_path / "out").exists()


def test_every_built_page_has_exactly_one_h1(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count("<h1") == 1, page


def test_internal_links_all_resolve(site: Path) -> None:
    broken = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="(/[^"#]*)', text):
            path = site / target.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append((page.relative_to(site), target))
    assert broken == []


def test_crawler_files(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/es/services/sostf/</loc>" in sitemap
    assert (
        'hreflang="x-default" href="http://127.0.0.1:8000/ca/services/sostf/"'
        in sitemap
    )
    assert (site / "404.html").is_file()
    assert "<entry>" in (site / "en" / "feed.xml").read_text(encoding="utf-8")
