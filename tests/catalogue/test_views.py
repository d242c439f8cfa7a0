"""Pages served by the catalogue app before freezing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from catalogue import create_app
from catalogue.problems import ContentError
from tests.conftest import write_service


@pytest.fixture
def client(content_dir: Path) -> FlaskClient:
    return create_app({"TESTING": True, "CONTENT_DIR": str(content_dir)}).test_client()


def test_unknown_language_and_service_are_not_found(client: FlaskClient) -> None:
    assert client.get("/fr/").status_code == 404
    assert client.get("/ca/services/nope/").status_code == 404


def test_language_switcher_links_to_the_same_page(client: FlaskClient) -> None:
    text = client.get("/es/services/prova/").text
    assert 'href="/ca/services/prova/" lang="ca" hreflang="ca"' in text
    assert 'href="/en/services/prova/" lang="en" hreflang="en"' in text
    assert 'href="/es/services/prova/" aria-current="true"' in text


def test_untranslated_service_falls_back_to_catalan_with_a_notice(
    tmp_path: Path,
) -> None:
    write_service(tmp_path)
    client = create_app({"TESTING": True, "CONTENT_DIR": str(tmp_path)}).test_client()
    text = client.get("/en/services/prova/").text
    assert '<html lang="en">' in text
    assert '<article class="service" lang="ca">' in text
    assert '<p class="notice" lang="en">This service is not translated yet' in text
    assert "Servei de prova" in text


def test_app_refuses_content_with_errors(tmp_path: Path) -> None:
    write_service(tmp_path, text="---\nslug: x\n---\n")
    with pytest.raises(ContentError, match="missing required field 'title'"):
        create_app({"CONTENT_DIR": str(tmp_path)})


def test_home_lists_services_with_status_and_audiences(client: FlaskClient) -> None:
    text = client.get("/ca/").text
    assert 'href="/ca/services/prova/"' in text
    assert "Actiu" in text
    assert "Joves, Professionals" in text


def test_the_feed_carries_the_latest_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.corpus import write_corpus
    from catalogue import feeds

    monkeypatch.setattr(feeds, "FEED_ENTRIES", 3)
    sources = write_corpus(tmp_path, 8)
    days = ["2026-03-0" + str(day) for day in range(1, 9)]
    for source, day in zip(sources, days, strict=True):
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("2026-11-24", day), encoding="utf-8")
    client = create_app({"TESTING": True, "CONTENT_DIR": str(tmp_path)}).test_client()
    xml = client.get("/ca/feed.xml").text
    found = re.findall(r"<id>[^<]*/ca/services/([^/<]+)/</id>", xml)
    latest = [source.name.removesuffix(".ca.md") for source in sources[::-1][:3]]
    assert found == latest
    assert "<updated>2026-03-08T00:00:00+00:00</updated>" in xml
