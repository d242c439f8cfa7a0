"""Search in a real browser: with JavaScript it finds services whatever the accents
and the case, and announces the count; without it, it points to the other ways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.quality.conftest import OpenPage


def _search(page: Page, query: str) -> tuple[list[str], str]:
    """Type *query* into the search box; return the result titles and the status."""
    form = page.locator("#search-form")
    expect(form).to_be_visible()
    page.locator("#q").fill(query)
    status = page.get_by_role("status")
    expect(status).not_to_have_text("")
    return page.locator("#search-results a").all_inner_texts(), status.inner_text()


def _announcement(page: Page, count: int) -> str:
    """The status message the page's own translations give for *count* results."""
    form = page.locator("#search-form")
    key = "data-none" if count == 0 else "data-one" if count == 1 else "data-many"
    return (form.get_attribute(key) or "").replace("{n}", str(count))


@pytest.mark.parametrize(
    ("lang", "query"),
    [("ca", "connecta"), ("ca", "ORIENTACIO"), ("es", "jovenes")],
)
def test_search_finds_connectat(open_page: OpenPage, lang: str, query: str) -> None:
    page = open_page(f"/{lang}/search/").page
    titles, status = _search(page, query)
    assert "Connecta't" in titles, f"{query!r} found {titles}"
    assert status == _announcement(page, len(titles))
    assert str(len(titles)) in status or len(titles) == 1


def test_search_announces_no_result(open_page: OpenPage) -> None:
    page = open_page("/ca/search/").page
    titles, status = _search(page, "xyzzy")
    assert titles == []
    assert status == _announcement(page, 0)


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_without_javascript_search_points_elsewhere(
    open_page: OpenPage, lang: str
) -> None:
    page = open_page(f"/{lang}/search/", javascript=False).page
    expect(page.locator("#search-form")).to_be_hidden()
    fallback = page.locator("#no-script")
    expect(fallback).to_be_visible()
    for path in (f"/{lang}/a-z/", f"/{lang}/browse/"):
        expect(fallback.locator(f'a[href="{path}"]')).to_be_visible()
