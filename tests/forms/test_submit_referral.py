"""A referral through the browser's eyes: form, errors, check, change, send."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.forms.conftest import read_mail_files
from tests.forms.submit_support import (
    PDF,
    PNG,
    field_errors,
    local,
    post_form,
    referral_form,
    summary_links,
    text,
    upload,
    value_of,
)

FORM = "/ca/connectat-referral/"
PERSONAL = ("Anna", "anna@escola.example", "J. P.", "930 000 001", "Situació", "M. P.")


def test_full_journey_from_errors_to_confirmation(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    locations: list[str] = []
    first = post_form(
        client,
        FORM,
        referral_form(
            person_age=None,
            guardian_contact=None,
            consent=None,
            attachments=[upload(PDF, "informe escola.pdf"), upload(PNG, "dibuix.png")],
        ),
    )
    assert first.status_code == 200
    assert summary_links(first) == {
        "person_age": "Indiqueu l'edat o l'any de naixement de la persona derivada.",
        "guardian_contact": "Per a una persona menor d'edat, indiqueu com contactar "
        "amb el tutor o la tutora legal.",
        "consent": "Confirmeu que s'ha obtingut el consentiment per a la derivació",
    }
    assert value_of(first, "professional_name") == "Anna Exemple"
    assert re.search(r'<input checked id="contact_channel-0"', text(first))
    assert "informe escola.pdf" in text(first)
    assert "dibuix.png" in text(first)

    fixed = post_form(
        client, FORM, referral_form(person_age=None, person_birth_year="2011")
    )
    assert fixed.status_code == 302
    locations.append(fixed.headers["Location"])
    check = client.get(local(fixed.headers["Location"]))
    page = text(check)
    assert "<h1>Comproveu les respostes abans d'enviar-les</h1>" in page
    assert "2011" in page
    assert "informe escola.pdf" in page
    assert "Crisi familiar" in page
    change = re.search(r'href="([^"]+)#person_birth_year"', page)
    assert change is not None
    again = client.get(local(change.group(1)))
    assert value_of(again, "person_birth_year") == "2011"
    changed = post_form(
        client, FORM, referral_form(person_age=None, person_birth_year="2010")
    )
    locations.append(changed.headers["Location"])
    assert "2010" in text(client.get(local(changed.headers["Location"])))

    sent = client.post("/ca/connectat-referral/check")
    assert sent.status_code == 302
    locations.append(sent.headers["Location"])
    reference = local(sent.headers["Location"]).rsplit("/", 1)[-1]
    assert re.fullmatch(r"XR-2026-\d{6}", reference)
    confirmation = client.get(local(sent.headers["Location"]))
    assert confirmation.status_code == 200
    assert f'<p class="reference">{reference}</p>' in text(confirmation)
    assert "correu de confirmació" in text(confirmation)
    for personal in PERSONAL:
        assert personal not in text(confirmation)

    stored = services.store.submissions.get(reference)
    assert stored.language == "ca"
    assert stored.answers["person_birth_year"] == 2010
    assert stored.answers["is_minor"] is True
    [attachment, image] = stored.answers["attachments"]
    assert attachment["name"] == "informe escola.pdf"
    assert attachment["type"] == "application/pdf"
    assert attachment["size"] == len(PDF)
    assert services.store.uploads.read(attachment["blob"]) == PDF
    assert image["type"] == "image/png"
    mails = read_mail_files(Path(app.config["DATA_DIR"]))
    assert {str(m["To"]) for m in mails} >= {"anna@escola.example"}
    assert all(reference in str(m["Subject"]) for m in mails)
    for location in locations:
        for personal in (*PERSONAL, "2010", "2011", "informe"):
            assert personal not in location


def test_a_second_send_shows_the_same_confirmation(
    client: FlaskClient, services: Services
) -> None:
    post_form(client, FORM, referral_form())
    first = client.post("/ca/connectat-referral/check")
    second = client.post("/ca/connectat-referral/check")
    assert first.headers["Location"] == second.headers["Location"]
    assert len(services.store.submissions.index()) == 1
    draft_files = list(services.store.drafts.root.glob("*.json"))
    assert len(draft_files) == 1
    assert "Anna" not in draft_files[0].read_text()


def test_confirmation_is_only_for_the_session_that_sent(
    app: Flask, client: FlaskClient
) -> None:
    post_form(client, FORM, referral_form())
    sent = client.post("/ca/connectat-referral/check")
    page = local(sent.headers["Location"])
    assert client.get(page).status_code == 200
    assert app.test_client().get(page).status_code == 404
    assert client.get(page.replace("000001", "000002")).status_code == 404


def test_check_page_without_a_valid_form_goes_back_to_it(client: FlaskClient) -> None:
    assert local(client.get("/ca/connectat-referral/check").headers["Location"]) == FORM
    post_form(client, FORM, referral_form(consent=None))
    response = client.post("/ca/connectat-referral/check")
    assert local(response.headers["Location"]) == FORM


def test_engine_refusal_comes_back_beside_its_field(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forms_service.workflow import InvalidAnswers

    post_form(client, "/es/connectat-referral/", referral_form())

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise InvalidAnswers({"professional_email": "invalid_email"})

    monkeypatch.setattr(services.requests, "submit", refuse)
    response = client.post("/es/connectat-referral/check")
    assert response.status_code == 200
    assert field_errors(response, "professional_email") == [
        "Escriba una dirección de correo en el formato correcto, como nombre@ejemplo.es"
    ]
    assert value_of(response, "professional_email") == "anna@escola.example"


def test_each_field_keeps_its_own_message(client: FlaskClient) -> None:
    response = post_form(
        client,
        "/en/connectat-referral/",
        referral_form(
            professional_email="anna at school",
            person_age="fifteen",
            urgency=None,
            description="x" * 4001,
        ),
    )
    assert field_errors(response, "professional_email") == [
        "Enter an email address in the right format, like name@example.com"
    ]
    assert field_errors(response, "person_age") == [
        "“Age” must be a whole number, like 12"
    ]
    assert field_errors(response, "urgency") == ["Choose how urgent the referral is"]
    assert field_errors(response, "description") == [
        "“Describe the situation” is too long: write 4000 characters or fewer"
    ]
    assert value_of(response, "person_age") == "fifteen"
    assert "x" * 4001 in text(response)
    assert summary_links(response)["urgency-0"] == "Choose how urgent the referral is"


def test_unknown_workflow_or_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/ca/no-such-workflow/").status_code == 404
    assert client.get("/fr/connectat-referral/").status_code == 404
    assert client.get("/ca/no-such-workflow/check").status_code == 404
