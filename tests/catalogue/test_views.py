"""Pages served by the catalogue app before freezing."""

from __future__ import annotations

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
