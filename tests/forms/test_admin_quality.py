"""The supervision quality indicator, from submissions driven through the service."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.forms.validators import nif_control_letter
from forms_service.services import Services
from forms_service.workflow import MADRID
from tests.forms.admin_helpers import sign_in, text_of
from tests.forms.conftest import FakeClock, make_app

WORKFLOW = "supervisio-equips-application"
UNIT_HEAD = "cap.accio.social@diputacio.example"


@pytest.fixture
def window_app(tmp_path: Path) -> Flask:
    """The service during the 2020 call window (applications are accepted)."""
    clock = FakeClock(datetime(2020, 1, 20, 10, 0, tzinfo=MADRID))
    return make_app(tmp_path / "data", clock, WTF_CSRF_ENABLED=False)


def _application(services: Services, number: int) -> dict[str, Any]:
    digits = f"08{number:05d}"
    blob = services.store.uploads.add(b"%PDF-1.4\n%%EOF\n")
    return {
        "entity_type": "ajuntament",
        "entity_name": f"Ajuntament Exemple {number}",
        "entity_tax_id": f"P{digits}{nif_control_letter(digits)}",
        "contact_name": "Persona Exemple",
        "contact_email": f"tecnica{number}@ajuntament.example",
        "contact_phone": "930 000 000",
        "modality": "team",
        "professionals": 9,
        "accept_grouping": False,
        "hours": 12,
        "technical_data": [
            {"blob": blob, "name": "C1-034.pdf", "size": 15, "type": "application/pdf"}
        ],
    }


def _rated(services: Services, number: int, rating: int) -> str:
    """Apply, be approved twice, receive the supervision, and rate it."""
    answers = _application(services, number)
    reference = services.requests.submit(WORKFLOW, answers, "ca").reference
    act = services.requests.act
    act(reference, "approve", actor="tecnica.supervisio@diputacio.example",
        channel="email-link")  # fmt: skip
    act(reference, "approve", actor=UNIT_HEAD, channel="email-link")
    act(reference, "deliver", actor="supervisio.equips@diputacio.example",
        channel="email-link")  # fmt: skip
    act(reference, "evaluate", actor=answers["contact_email"], channel="form",
        answers={"rating": rating, "evaluation_comments": "Comentari"})  # fmt: skip
    return reference


def _quality_page(app: Flask, email: str = UNIT_HEAD, lang: str = "en") -> str:
    client: FlaskClient = app.test_client()
    sign_in(app, client, email, lang)
    response = client.get(f"/{lang}/admin/quality")
    assert response.status_code == 200
    return text_of(response.get_data(as_text=True))


def test_no_ratings_yet_says_so(window_app: Flask) -> None:
    services: Services = window_app.extensions["xarxa"]
    services.requests.submit(WORKFLOW, _application(services, 1), "ca")
    page = _quality_page(window_app)
    assert "No ratings yet: the indicator appears with the first rating." in page
    assert "%" not in page


def test_ratings_of_9_and_5_give_50_percent_and_one_follow_up(
    window_app: Flask,
) -> None:
    services: Services = window_app.extensions["xarxa"]
    good = _rated(services, 1, 9)
    poor = _rated(services, 2, 5)
    services.requests.submit(WORKFLOW, _application(services, 3), "ca")  # unrated
    assert services.store.submissions.get(good).state == "completed"
    assert services.store.submissions.get(poor).state == "follow_up"

    page = _quality_page(window_app)
    assert "Ratings of 7 or more 50% (1 of 2)" in page
    assert "Number of ratings 2" in page
    assert "Commitment not met" in page
    follow_up = (
        f"{poor} 5 {UNIT_HEAD}: waiting for a decision "
        "Analyse the causes and propose improvements"
    )
    assert follow_up in page
    assert good not in page

    services.requests.act(
        poor, "complete", actor=UNIT_HEAD, channel="dashboard",
        comment="Canvi de supervisora i sessions més pràctiques.",
    )  # fmt: skip
    page = _quality_page(window_app)
    assert "Ratings of 7 or more 50% (1 of 2)" in page
    assert f"{poor} 5 {UNIT_HEAD}: decided ({UNIT_HEAD}, 2020-01-20 10:00)" in page
    assert "Completed" in page


def test_all_ratings_above_the_commitment(window_app: Flask) -> None:
    services: Services = window_app.extensions["xarxa"]
    for number, rating in ((1, 7), (2, 10)):
        _rated(services, number, rating)
    page = _quality_page(window_app)
    assert "Ratings of 7 or more 100% (2 of 2)" in page
    assert "Commitment met" in page
    assert "None: no rating was below the commitment." in page
    catalan = _quality_page(window_app, lang="ca")
    assert "100 % (" in catalan  # Catalan puts a (non-breaking) space before %


def test_an_administrator_of_other_services_sees_no_indicator(
    window_app: Flask,
) -> None:
    services: Services = window_app.extensions["xarxa"]
    _rated(services, 1, 4)
    page = _quality_page(window_app, "coordinacio.connectat@olesa.example")
    assert "does not decide on any service that is rated" in page
    assert "Number of ratings" not in page
