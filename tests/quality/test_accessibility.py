"""Every page type, in every language, in a real browser: axe-core finds no WCAG 2.1
AA violation; the page reads at 320 CSS px without scrolling sideways, has one `h1`
and a `lang`, starts with a visible skip link, and asks nothing of another host."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import ViewportSize

from tests.quality.browser import describe_violation, run_axe
from tests.quality.conftest import OpenPage, Visit
from tests.quality.pages import (
    COVERED_SECTIONS,
    INFO_PAGES,
    LANGUAGES,
    PAGES,
    SERVICES,
    PageCase,
)

NARROW: ViewportSize = {"width": 320, "height": 640}

pages = pytest.mark.parametrize("case", PAGES, ids=str)


def _open(open_page: OpenPage, case: PageCase, **options: Any) -> Visit:
    """Open *case* and, for a search with a query, wait for its results."""
    visit = open_page(case.path, **options)
    if case.has_results:
        visit.page.wait_for_function(
            "document.getElementById('search-status').textContent !== ''"
        )
    return visit


def test_every_page_type_is_covered(site_dir: Path) -> None:
    for lang in LANGUAGES:
        sections = {path.name for path in (site_dir / lang).iterdir() if path.is_dir()}
        assert sections == COVERED_SECTIONS, (
            f"/{lang}/: page types built {sorted(sections)}, covered"
            f" {sorted(COVERED_SECTIONS)}: update tests/quality/pages.py"
        )
        services = {path.name for path in (site_dir / lang / "services").iterdir()}
        assert services == set(SERVICES)
        info = {path.name for path in (site_dir / lang / "info").iterdir()}
        assert info == set(INFO_PAGES)


def test_axe_reports_a_planted_violation(open_page: OpenPage, axe_source: str) -> None:
    page = open_page("/ca/").page
    page.evaluate(
        """document.querySelector("main").insertAdjacentHTML("beforeend",
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')"""
    )
    assert "image-alt" in {violation["id"] for violation in run_axe(page, axe_source)}


@pages
def test_axe_finds_no_violation(
    open_page: OpenPage, axe_source: str, case: PageCase
) -> None:
    visit = _open(open_page, case)
    violations = run_axe(visit.page, axe_source)
    assert not violations, f"{case.path}: {len(violations)} axe violation(s):\n" + (
        "".join(map(describe_violation, violations))
    )


@pages
def test_no_horizontal_scrolling_at_320_px(open_page: OpenPage, case: PageCase) -> None:
    visit = _open(open_page, case, viewport=NARROW)
    width = visit.page.evaluate("document.scrollingElement.scrollWidth")
    if width > NARROW["width"]:
        wide = visit.page.evaluate(
            """limit => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > limit)
                .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (e.getAttribute("class") ? "." + e.getAttribute("class") : "")
                    + " right=" + Math.round(e.getBoundingClientRect().right))
                .slice(0, 10)""",
            NARROW["width"],
        )
        pytest.fail(f"{case.path}: {width} px wide at 320 px; too wide: {wide}")


@pages
def test_one_h1_and_a_language(open_page: OpenPage, case: PageCase) -> None:
    page = _open(open_page, case).page
    assert page.locator("h1").count() == 1, f"{case.path}: not exactly one h1"
    assert page.evaluate("document.documentElement.lang") == case.lang


@pages
def test_first_tab_shows_the_skip_link(open_page: OpenPage, case: PageCase) -> None:
    page = _open(open_page, case).page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const link = document.activeElement;
            const box = link.getBoundingClientRect();
            const style = getComputedStyle(link);
            const target = (link.getAttribute("href") || "").startsWith("#")
                ? document.getElementById(link.getAttribute("href").slice(1))
                : null;
            return {
                tag: link.tagName.toLowerCase(),
                text: link.textContent.trim(),
                target: target ? target.tagName.toLowerCase() : null,
                inView: box.width > 0 && box.height > 0 && box.left >= 0
                    && box.top >= 0 && box.right <= innerWidth
                    && box.bottom <= innerHeight,
                shown: style.visibility === "visible" && style.opacity !== "0",
            };
        }"""
    )
    assert focused["tag"] == "a", f"{case.path}: the first Tab focuses {focused}"
    assert focused["target"] == "main", f"{case.path}: not a skip link: {focused}"
    assert focused["inView"], f"{case.path}: the skip link is off screen"
    assert focused["shown"], f"{case.path}: the skip link is hidden"
    assert focused["text"], f"{case.path}: the skip link has no text"


@pages
def test_no_third_party_request_and_no_cookie(
    open_page: OpenPage, case: PageCase
) -> None:
    visit = _open(open_page, case, wait_until="networkidle")
    outside = [
        url
        for url in visit.requests
        if urlparse(url).scheme != "data" and urlparse(url).hostname != "127.0.0.1"
    ]
    assert not outside, f"{case.path}: requests outside 127.0.0.1: {outside}"
    assert visit.page.context.cookies() == [], f"{case.path}: sets a cookie"
    assert visit.page.evaluate("document.cookie") == ""
