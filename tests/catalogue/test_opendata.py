"""Open data exports: HSDS 3.0 JSON and CSV, schema.org JSON-LD, and their files.

No official HSDS 3.0 JSON schema is vendored (the stored copies of the specification
could not be pinned to the 3.0 release), so `_check_hsds` checks by hand what the 3.0
schemas require: required fields per object, uuid ids, the status codelist, dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, render_template_string

from catalogue import create_app
from catalogue.content import Catalogue, load_catalogue
from catalogue.linkcheck import find_broken_links
from catalogue.opendata import (
    CSV_COLUMNS,
    catalogue_csv,
    catalogue_json,
    hsds_service,
    json_ld,
    stable_id,
)
from catalogue.problems import Severity
from catalogue.render import make_freezer
from catalogue.views import get_catalogue_of
from tests.conftest import REPO, VALID_MATTER, service_text, write_service

BASE, FORMS = "https://serveis.example/", "https://forms.example/forms"
REQUIRED = {
    "service": {"id", "name", "status"},
    "organization": {"id", "name", "description"},
    "service_areas": {"id"},
    "contacts": {"id"},
    "phones": {"id", "number"},
    "languages": {"id"},
    "required_documents": {"id", "document"},
    "attributes": {"id", "taxonomy_term_id"},
    "taxonomy_term": {"id", "name", "description"},
}
HSDS_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}


def _real() -> Catalogue:
    catalogue, problems = load_catalogue(REPO / "content")
    assert problems == []
    return catalogue


def _objects(value: Any) -> list[dict[str, Any]]:
    """Collect every object that has an id, at any depth."""
    if isinstance(value, list):
        return [found for item in value for found in _objects(item)]
    if not isinstance(value, dict):
        return []
    inner = [found for item in value.values() for found in _objects(item)]
    return [value, *inner] if "id" in value else inner


def _check_hsds(obj: dict[str, Any], kind: str, where: str) -> None:
    missing = REQUIRED[kind] - obj.keys()
    assert not missing, f"{where}: {kind} lacks {sorted(missing)}"
    for key, value in obj.items():
        assert value is not None, f"{where}.{key} is null"
        if key == "id" or key.endswith("_id"):
            assert str(uuid.UUID(value)) == value, f"{where}.{key}"
        elif key in ("url", "uri", "website"):
            assert re.match(r"^https?://", value), f"{where}.{key}"
        elif key == "email":
            assert "@" in value, f"{where}.{key}"
        elif key == "assured_date":
            date.fromisoformat(value)
        elif key in REQUIRED and isinstance(value, list):
            for index, item in enumerate(value):
                _check_hsds(item, key, f"{where}.{key}[{index}]")
        elif key in REQUIRED:
            _check_hsds(value, key, f"{where}.{key}")
    if kind == "service":
        assert obj["status"] in HSDS_STATUSES


def _app(content_dir: Path) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(content_dir),
            "WORKFLOWS_DIR": str(REPO / "workflows"),
            "BASE_URL": BASE,
            "FORMS_URL": FORMS,
            "BUILD_DATE": date(2026, 11, 24),
        }
    )
    return app


@pytest.fixture(autouse=True)
def _app_context() -> Iterator[None]:
    """Labels are rendered by Flask-Babel: every export runs inside the app."""
    with _app(REPO / "content").app_context():
        yield


def test_translations_are_in_their_language() -> None:
    service = hsds_service(_real().services["connectat"], BASE, FORMS)
    assert "Derivació d'un professional" in service["application_process"]
    spanish = service["x_translations"]["es"]["application_process"]
    english = service["x_translations"]["en"]["application_process"]
    assert "Derivación de un profesional" in spanish
    assert "Referral by a professional" in english


def _one(tmp_path: Path, matter: str) -> Catalogue:
    write_service(tmp_path, text=service_text(matter=matter))
    catalogue, problems = load_catalogue(tmp_path)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    return catalogue


def test_ids_are_stable_across_builds_and_name_one_object() -> None:
    first = _objects(catalogue_json(_real(), BASE, FORMS, date(2026, 1, 1)))
    again = catalogue_json(_real(), "https://elsewhere.example/", FORMS, date.today())
    assert [o["id"] for o in first] == [o["id"] for o in _objects(again)]
    by_id: dict[str, Any] = {}
    for found in first:  # organisations and terms repeat, always the same
        assert by_id.setdefault(found["id"], found) == found
    # Pinned: a change of namespace or key would orphan every id consumers stored.
    assert stable_id("service", "sostf") == "a4ca2b81-7fc4-5539-8905-2e28831a3ae7"
    assert stable_id("service", "sostf") in by_id


def test_every_real_service_is_an_hsds_service() -> None:
    catalogue = _real()
    data = catalogue_json(catalogue, BASE, FORMS, date(2026, 11, 24))
    assert data["version"] == "3.0"
    assert data["generated"] == "2026-11-24"
    assert data["total_items"] == len(data["contents"]) == len(catalogue.services)
    for service in data["contents"]:
        _check_hsds(service, "service", service["name"])
        assert set(service["x_translations"]) == {"es", "en"}
        assert service["assured_date"] == "2026-11-24"
        assert service["attributes"]


def test_nested_objects_of_team_supervision() -> None:
    service = hsds_service(_real().services["supervisio-equips"], BASE, FORMS)
    assert service["organization"]["name"] == "Diputació de Barcelona"
    assert service["organization_id"] == service["organization"]["id"]
    area = service["service_areas"][0]
    assert area["attributes"][0]["taxonomy_term"]["code"] == "08"
    assert service["contacts"][0]["email"] == service["email"] == "s.accios@diba.cat"
    assert service["phones"][0]["number"] == "934 022 471"
    assert service["contacts"][0]["phones"] == service["phones"]
    assert service["required_documents"][0]["document"].endswith("(C1-034)")
    process = service["application_process"]
    assert "https://forms.example/forms/ca/supervisio-equips-application/" in process
    assert "Termini de resposta previst: 5 mesos." in process
    codes = {a["link_type"]: a["taxonomy_term"]["code"] for a in service["attributes"]}
    assert codes["access_route"] == "application"
    spanish = service["x_translations"]["es"]
    assert spanish["url"] == "https://serveis.example/es/services/supervisio-equips/"


@pytest.mark.parametrize(
    ("status", "hsds", "alert"),
    [
        ("active", "active", False),
        ("pilot", "active", True),
        ("closed", "inactive", False),
    ],
)
def test_status_maps_to_the_hsds_codelist(
    tmp_path: Path, status: str, hsds: str, alert: bool
) -> None:
    matter = VALID_MATTER.replace("status: active", f"status: {status}")
    matter += "languages: [ca, es]\n"
    service = hsds_service(_one(tmp_path, matter).services["prova"], BASE, FORMS)
    assert (service["status"], service["x_status"]) == (hsds, status)
    assert ("alert" in service) is alert
    names = [language["name"] for language in service["languages"]]
    assert names == ["català", "espanyol"]
    _check_hsds(service, "service", "prova")


def test_csv_has_a_row_per_service() -> None:
    rows = list(csv.reader(io.StringIO(catalogue_csv(_real(), BASE, FORMS))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[1] for row in rows[1:]] == sorted(_real().services)
    sostf = dict(zip(CSV_COLUMNS, rows[4], strict=True))
    assert sostf["ine_codes"] == "08005"
    assert sostf["forms"] == "https://forms.example/forms/ca/sostf-referral/"


def test_csv_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/","click")'
    matter = VALID_MATTER.replace("title: Servei de prova", f"title: '{formula}'")
    matter = matter.replace("    email:", '    phone: "+34 600 000 000"\n    email:')
    text = catalogue_csv(_one(tmp_path, matter), BASE, FORMS)
    row = dict(zip(CSV_COLUMNS, list(csv.reader(io.StringIO(text)))[1], strict=True))
    assert row["name"] == "'" + formula
    assert row["phones"] == "'+34 600 000 000"


def test_json_ld_describes_a_government_service() -> None:
    version = _real().services["connectat"]["es"]
    data = json.loads(json.dumps(json_ld(version, BASE, FORMS, lang="es")))
    assert data["@context"] == "https://schema.org"
    assert (data["@type"], data["dateModified"]) == ("WebPage", "2026-11-24")
    service = data["mainEntity"]
    assert service["@type"] == "GovernmentService"
    assert "dateModified" not in service
    assert service["provider"]["@type"] == "GovernmentOrganization"
    assert service["areaServed"][0]["identifier"]["value"] == "08147"
    assert service["identifier"] == stable_id("service", "connectat")
    url = "https://forms.example/forms/es/connectat-referral/"
    assert service["availableChannel"][0]["serviceUrl"] == url
    assert service["potentialAction"][0]["target"]["urlTemplate"] == url


@pytest.fixture
def client(content_dir: Path) -> Any:
    return _app(content_dir).test_client()


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/catalogue.json", "application/json; charset=utf-8"),
        ("/catalogue.csv", "text/csv; charset=utf-8"),
        ("/data/services/prova.json", "application/json; charset=utf-8"),
        ("/ca/data/", "text/html; charset=utf-8"),
        ("/en/data/", "text/html; charset=utf-8"),
    ],
)
def test_blueprint_serves_each_file(client: Any, url: str, content_type: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == content_type


def test_unknown_service_or_language_is_not_found(client: Any) -> None:
    assert client.get("/data/services/nope.json").status_code == 404
    assert client.get("/fr/data/").status_code == 404


def test_per_service_file_is_the_hsds_service(client: Any) -> None:
    data = client.get("/data/services/prova.json").get_json()
    assert (data["id"], data["name"]) == (
        stable_id("service", "prova"),
        "Servei de prova",
    )


def test_json_ld_snippet_cannot_close_its_script(tmp_path: Path) -> None:
    matter = VALID_MATTER.replace(
        "title: Servei de prova", "title: '</script><script>alert(1)</script>'"
    )
    write_service(tmp_path, text=service_text(matter=matter))
    app = _app(tmp_path)
    version = get_catalogue_of(app).services["prova"]["ca"]
    with app.test_request_context("/ca/services/prova/"):
        html = render_template_string(
            '{% include "data/jsonld.html" %}', service=version
        )
    assert html.count("</script>") == 1
    body = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(body)["mainEntity"]["name"].startswith("</script>")
    assert '<link rel="alternate" type="application/json"' in html
    assert 'href="/data/services/prova.json"' in html


def test_freezing_writes_every_file_with_working_links(tmp_path: Path) -> None:
    app = _app(REPO / "content")
    app.config["FREEZER_DESTINATION"] = str(tmp_path)
    freezer = make_freezer(app)
    freezer.freeze()
    assert json.loads((tmp_path / "catalogue.json").read_text("utf-8"))["contents"]
    assert (tmp_path / "catalogue.csv").read_text("utf-8").startswith("id,slug,")
    for slug in _real().services:
        assert (tmp_path / "data" / "services" / f"{slug}.json").is_file()
    for lang in ("ca", "es", "en"):
        text = (tmp_path / lang / "data" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}">' in text
    assert find_broken_links(tmp_path) == []


def test_texts_outside_the_app_fail_loudly() -> None:
    """Without an app Flask-Babel would silently leave every text in English."""
    import threading

    from catalogue.identifiers import label_in
    from catalogue.labels import ROUTE
    from catalogue.schema import RouteKind

    errors: list[BaseException] = []

    def outside() -> None:  # a new thread has no application context
        try:
            label_in("es", ROUTE[RouteKind.REFERRAL])
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=outside)
    thread.start()
    thread.join()
    assert len(errors) == 1
