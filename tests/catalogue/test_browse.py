"""Facet pages, the A–Z list and search work without JavaScript."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from catalogue import create_app
from catalogue.search import fold
from tests.conftest import REPO


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    app = create_app({"TESTING": True, "CONTENT_DIR": str(REPO / "content")})
    return app.test_client()


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        ("/ca/audiences/young-people/", "Connecta&#39;t", "SOSTF"),
        ("/es/routes/application/", "Supervisión de equipos", "Connecta&#39;t"),
        ("/en/areas/08121/", "Papallona", "SOSTF"),
        ("/ca/topics/emotional-support/", "SOSTF", "Papallona"),
    ],
)
def test_facet_page_lists_matching_services(
    client: FlaskClient, url: str, present: str, absent: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert present in response.text
    assert absent not in response.text


@pytest.mark.parametrize(
    "url", ["/ca/colours/red/", "/ca/audiences/pirates/", "/xx/audiences/young-people/"]
)
def test_unknown_facet_or_value_is_not_found(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_browse_page_counts_services_per_value(client: FlaskClient) -> None:
    text = client.get("/ca/browse/").text
    assert 'href="/ca/routes/referral/">Derivació d&#39;un professional</a>' in text
    assert '<span class="count">(2)</span>' in text


def test_a_to_z_groups_by_initial(client: FlaskClient) -> None:
    text = client.get("/ca/a-z/").text
    assert 'id="letter-C"' in text
    assert text.index('id="letter-A"') < text.index('id="letter-S"')


def test_search_page_without_javascript_points_to_browsing(client: FlaskClient) -> None:
    text = client.get("/es/search/").text
    assert '<form id="search-form" role="search"' in text
    assert " hidden" in text.split('<form id="search-form"')[1].split(">")[0]
    assert 'role="status" aria-live="polite"' in text
    assert 'href="/es/a-z/"' in text
    assert 'href="/es/browse/"' in text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Educació", "educacio"),
        ("PARAL·LEL", "parallel"),
        ("paral.lel", "parallel"),
        ("Niño, ¿qué?", "nino que"),
        ("Connecta't", "connecta t"),
    ],
)
def test_fold_ignores_accents_case_and_middle_dot(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_index_is_small_and_folded(client: FlaskClient) -> None:
    response = client.get("/ca/search-index.json")
    entries = json.loads(response.data)
    assert {entry["title"] for entry in entries} >= {"Connecta't", "SOSTF"}
    connectat = next(entry for entry in entries if entry["title"] == "Connecta't")
    assert "olesa" in connectat["terms"].split()
    assert connectat["terms"] == fold(connectat["terms"])
    assert len(response.data) < 20_000


def test_search_script_folds_like_the_index() -> None:
    script = (REPO / "site" / "catalogue" / "static" / "search.js").read_text("utf-8")
    assert 'replace(/l[\\u00b7.]l/g, "ll")' in script
    assert 'normalize("NFD")' in script


def test_pages_link_to_their_translations(client: FlaskClient) -> None:
    text = client.get("/en/audiences/families/").text
    assert 'href="/ca/audiences/families/" lang="ca" hreflang="ca"' in text
