"""The supervision call's rules, each refused with its own message on its field."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.forms.conftest import FakeClock
from tests.forms.submit_support import (
    AFTER_CALL,
    INSIDE_CALL,
    PDF,
    field_errors,
    local,
    pdf_with,
    post_form,
    summary_links,
    supervision_form,
    text,
    upload,
    value_of,
)

FORM = "/en/supervisio-equips-application/"
CHECK = FORM + "check"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(INSIDE_CALL)


def _send(client: FlaskClient, **changes: Any) -> str:
    response = post_form(client, FORM, supervision_form(**changes))
    assert response.status_code == 302, summary_links(response)
    sent = client.post(CHECK)
    assert sent.status_code == 302
    return local(sent.headers["Location"]).rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"entity_type": "diputacio"},
            "entity_type",
            "Only an ajuntament, a consell comarcal or a mancomunitat can apply",
        ),
        ({"entity_type": None}, "entity_type", "Choose the type of entity"),
        (
            {"entity_tax_id": "12345678Z"},
            "entity_tax_id",
            "Enter the NIF of a public entity in the right format: P, Q or S, then "
            "7 digits and a control letter, like P0800000B",
        ),
        (
            {"entity_tax_id": "P0800000A"},
            "entity_tax_id",
            "The last letter of this NIF does not match its digits: check that it "
            "was copied correctly",
        ),
        (
            {"professionals": "7"},
            "professionals",
            "A group of at least 8 professionals is needed, or accept being grouped "
            "with nearby municipalities.",
        ),
        (
            {"hours": "19"},
            "hours",
            "Ask for 1 to 18 hours: the call allows 18 hours at most",
        ),
        (
            {"hours": "0"},
            "hours",
            "Ask for 1 to 18 hours: the call allows 18 hours at most",
        ),
        (
            {"technical_data": None},
            "technical_data",
            "Attach the technical-data form C1-034 as a PDF",
        ),
        (
            {"technical_data": upload(b"GIF89a...", "C1-034.pdf")},
            "technical_data",
            "“C1-034.pdf” is not a PDF: attach the document saved as a PDF",
        ),
        (
            {"technical_data": upload(pdf_with(b"<< /S /Launch >>"), "C1.pdf")},
            "technical_data",
            "“C1.pdf” contains scripts, actions or embedded files, which are not "
            "accepted: save it again as a plain PDF (for example with “Print to PDF”)",
        ),
        (
            {"contact_phone": "call me"},
            "contact_phone",
            "Enter a phone number, like 930 000 000 or +34 600 000 000",
        ),
    ],
)
def test_each_rule_is_refused_on_its_field(
    client: FlaskClient,
    services: Services,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    response = post_form(client, FORM, supervision_form(**changes))
    assert response.status_code == 200
    assert field_errors(response, field) == [message]
    anchor = f"{field}-0" if field == "entity_type" else field
    assert summary_links(response) == {anchor: message}
    assert client.get(CHECK).status_code == 302  # no way to send it yet


def test_group_rule_message_follows_the_page_language(client: FlaskClient) -> None:
    response = post_form(
        client,
        "/ca/supervisio-equips-application/",
        supervision_form(professionals="7"),
    )
    assert field_errors(response, "professionals") == [
        "Cal un grup d'almenys 8 professionals, o bé acceptar formar grup amb "
        "municipis propers."
    ]


def test_seven_professionals_accepting_grouping_is_accepted(
    client: FlaskClient, services: Services
) -> None:
    reference = _send(client, professionals="7", accept_grouping="y")
    stored = services.store.submissions.get(reference)
    assert stored.answers["professionals"] == 7
    assert stored.answers["accept_grouping"] is True
    assert stored.answers["hours"] == 12
    [pdf] = stored.answers["technical_data"]
    assert services.store.uploads.read(pdf["blob"]) == PDF
    assert stored.language == "en"


def test_tax_id_is_stored_in_its_compact_form(
    client: FlaskClient, services: Services
) -> None:
    reference = _send(client, entity_tax_id="p-0800000-b")
    assert services.store.submissions.get(reference).answers["entity_tax_id"] == (
        "P0800000B"
    )


def test_a_second_application_of_the_same_entity_is_refused_at_the_form(
    app: Flask, client: FlaskClient
) -> None:
    _send(client)
    other = app.test_client()
    response = post_form(other, FORM, supervision_form(entity_tax_id="P 0800000 B"))
    assert field_errors(response, "entity_tax_id") == [
        "This entity has already applied in this call."
    ]


def test_a_duplicate_sent_from_an_open_check_page_is_refused(
    app: Flask, services: Services
) -> None:
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        assert post_form(client, FORM, supervision_form()).status_code == 302
    assert first.post(CHECK).status_code == 302
    refused = second.post(CHECK)
    assert refused.status_code == 200
    assert field_errors(refused, "entity_tax_id") == [
        "This entity has already applied in this call."
    ]
    assert value_of(refused, "entity_name") == "Ajuntament d'Exemple"
    assert len(services.store.submissions.index()) == 1


def test_a_closed_call_says_so_with_its_dates_instead_of_a_form(
    client: FlaskClient, clock: FakeClock, services: Services
) -> None:
    clock.now = AFTER_CALL
    page = client.get(FORM)
    assert page.status_code == 200
    assert "This call accepts applications from 10/01/2020 to 13/02/2020." in text(page)
    assert "<form" not in text(page)
    posted = post_form(client, FORM, supervision_form())
    assert "10/01/2020" in text(posted)
    assert not list(services.store.drafts.root.glob("*.json"))


def test_the_call_closing_before_send_is_shown_and_nothing_is_stored(
    client: FlaskClient, clock: FakeClock, services: Services
) -> None:
    assert post_form(client, FORM, supervision_form()).status_code == 302
    clock.now = AFTER_CALL
    refused = client.post(CHECK)
    assert "This call accepts applications from 10/01/2020 to 13/02/2020." in text(
        refused
    )
    assert services.store.submissions.index() == []
    assert (
        "Aquesta convocatòria accepta sol·licituds del 10/01/2020 al 13/02/2020."
        in text(client.get("/ca/supervisio-equips-application/"))
    )


def test_a_valid_pdf_is_kept_while_other_answers_are_fixed(
    client: FlaskClient, services: Services
) -> None:
    first = post_form(client, FORM, supervision_form(hours="19"))
    assert "C1-034.pdf" in text(first)
    assert "Choose another file only to replace it." in text(first)
    fixed = post_form(client, FORM, supervision_form(technical_data=None))
    assert fixed.status_code == 302
    assert "C1-034.pdf" in text(client.get(CHECK))
    replaced = post_form(
        client, FORM, supervision_form(technical_data=upload(PDF, "nou.pdf"))
    )
    assert replaced.status_code == 302
    assert "nou.pdf" in text(client.get(CHECK))
    assert len(list(services.store.uploads.root.glob("*.bin"))) == 1
