"""Long lists (home, facet values, A–Z) are shown a page at a time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from bench.corpus import write_corpus
from catalogue import create_app, pagination
from catalogue.freeze import freeze
from tests.conftest import REPO

SERVICES = 12


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    content = tmp_path_factory.mktemp("pagination") / "content"
    write_corpus(content, SERVICES)
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(content),
            "WORKFLOWS_DIR": str(REPO / "workflows"),
        }
    )
    return app.test_client()


@pytest.fixture(autouse=True)
def _pages_of_five(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagination, "PAGE_SIZE", 5)


def _cards(text: str) -> int:
    return text.count('<li class="card"')


def test_home_lists_a_page_of_services_and_links_to_the_others(
    client: FlaskClient,
) -> None:
    first, second, last = (
        client.get(f"/ca/{p}").text for p in ("", "page/2/", "page/3/")
    )
    assert [_cards(first), _cards(second), _cards(last)] == [5, 5, 2]
    assert f'<span class="count">({SERVICES})</span>' in second
    assert "<title>Catàleg de serveis socials · Pàgina 2 de 3 · Xarxa</title>" in second
    assert '<a href="/ca/" rel="prev">Pàgina anterior</a>' in second
    assert '<a href="/ca/page/3/" rel="next">Pàgina següent</a>' in second
    assert '<a href="/ca/page/2/" aria-current="page">2</a>' in second
    assert 'rel="prev"' not in first
    assert 'rel="next"' not in last


@pytest.mark.parametrize("path", ["/ca/page/4/", "/ca/page/0/", "/ca/a-z/9/"])
def test_a_page_past_the_end_is_not_found(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_the_first_page_has_one_address(client: FlaskClient) -> None:
    response = client.get("/ca/page/1/")
    assert response.status_code == 308
    assert response.location.endswith("/ca/")


def test_facet_pages_list_titles_only(client: FlaskClient) -> None:
    text = client.get("/en/browse/").text
    href, count = re.findall(r'href="(/en/routes/[a-z-]+/)">[^<]+</a> '
                             r'<span class="count">\((\d+)\)', text)[0]  # fmt: skip
    pages = -(-int(count) // 5)
    listed = 0
    for number in range(1, pages + 1):
        page = client.get(href if number == 1 else f"{href}{number}/").text
        assert '<li class="card"' not in page
        listed += page.count('<li><a href="/en/services/')
    assert listed == int(count)


def test_initials_lead_to_the_page_where_they_start(client: FlaskClient) -> None:
    first = client.get("/ca/a-z/").text
    links = re.findall(r'<a href="([^"]*)#letter-(.)">', first)
    assert links, first
    for target, letter in links:
        page = client.get(target or "/ca/a-z/").text
        assert f'<h2 id="letter-{letter}">{letter}</h2>' in page
    letters = [letter for _, letter in links]
    assert letters == sorted(set(letters), key=letters.index)


def test_language_links_keep_the_page(client: FlaskClient) -> None:
    text = client.get("/es/a-z/2/").text
    assert 'href="/en/a-z/2/" lang="en" hreflang="en"' in text


def test_real_catalogue_fits_on_one_page() -> None:
    app = create_app({"TESTING": True, "CONTENT_DIR": str(REPO / "content")})
    text = app.test_client().get("/ca/").text
    assert 'class="pages"' not in text


def test_built_site_has_every_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_corpus(content, SERVICES)
    app = create_app(
        {"CONTENT_DIR": str(content), "WORKFLOWS_DIR": str(REPO / "workflows")}
    )
    freeze(app, tmp_path / "site")
    assert (tmp_path / "site" / "ca" / "page" / "3" / "index.html").is_file()
    assert not (tmp_path / "site" / "ca" / "page" / "4").exists()


def test_open_data_lists_each_service_file_a_page_at_a_time(
    client: FlaskClient,
) -> None:
    text = client.get("/ca/data/").text
    link = '<a href="/ca/data/services/">Llista dels fitxers</a>'
    assert f'{link} <span class="count">({SERVICES})</span>' in text
    pages = ["/ca/data/services/", "/ca/data/services/2/", "/ca/data/services/3/"]
    files = [client.get(page).text.count('type="application/json"') for page in pages]
    assert files == [5, 5, 2]


def test_sitemap_lists_the_first_page_of_each_list(client: FlaskClient) -> None:
    sitemap = client.get("/sitemap.xml").text
    assert "<loc>http://127.0.0.1:8000/ca/a-z/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:8000/ca/data/services/</loc>" in sitemap
    assert "/page/2/" not in sitemap
    assert "/a-z/2/" not in sitemap
