"""Dashboard listing: only the administrator's workflows, filters, pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.conftest import REPO
from tests.forms.admin_helpers import path_of, sign_in, text_of
from tests.forms.conftest import FakeClock, make_app, referral_answers

CONNECTAT = "coordinacio.connectat@olesa.example"
OBSERVER = "observador@diputacio.example"
NOT_A_DATE = "Enter a real date, like 2026-03-31 (year, month, day)"


def _references(html: str) -> list[str]:
    return re.findall(r'href="/forms/en/admin/(XR-\d{4}-\d{6})"', html)


@pytest.fixture
def two_services_app(tmp_path: Path, clock: FakeClock) -> Flask:
    """The repository's workflows, with the Connecta't coordinator also deciding
    on SOSTF referrals and an observer who holds a role no workflow names."""
    workflows = tmp_path / "workflows"
    shutil.copytree(REPO / "workflows", workflows)
    roles = workflows / "roles.yaml"
    text = roles.read_text(encoding="utf-8").replace(
        "sostf_coordination:\n", f"sostf_coordination:\n  - {CONNECTAT}\n"
    )
    roles.write_text(text + f"\nobservers:\n  - {OBSERVER}\n", encoding="utf-8")
    return make_app(
        tmp_path / "data", clock, WTF_CSRF_ENABLED=False, WORKFLOWS_DIR=str(workflows)
    )


def test_an_administrator_sees_only_their_workflows(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    mine = services.requests.submit("connectat-referral", referral_answers(), "ca")
    other = services.requests.submit("sostf-referral", referral_answers(), "ca")
    sign_in(app, client, CONNECTAT, "en")
    html = client.get("/en/admin/").get_data(as_text=True)
    assert _references(html) == [mine.reference]
    assert other.reference not in html
    assert 'value="sostf-referral"' not in html
    assert client.get(f"/en/admin/{other.reference}").status_code == 404


def test_an_address_in_no_workflow_sees_nothing(
    two_services_app: Flask, clock: FakeClock
) -> None:
    services: Services = two_services_app.extensions["xarxa"]
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    client = two_services_app.test_client()
    sign_in(two_services_app, client, OBSERVER, "en")
    page = client.get("/en/admin/").get_data(as_text=True)
    assert "Your address does not decide on any service" in text_of(page)
    assert _references(page) == []
    assert client.get(f"/en/admin/{submission.reference}").status_code == 404
    export = client.get("/en/admin/export.csv").get_data(as_text=True)
    assert submission.reference not in export
    assert export.count("\r\n") == 1  # the header only


def test_filters_by_service_state_and_dates(
    two_services_app: Flask, clock: FakeClock
) -> None:
    services: Services = two_services_app.extensions["xarxa"]
    submit = services.requests.submit
    first = submit("connectat-referral", referral_answers(), "ca").reference
    services.requests.act(
        first, "approve", actor="referent.joventut@olesa.example", channel="dashboard"
    )
    clock.advance(days=2)
    second = submit("connectat-referral", referral_answers(), "ca").reference
    clock.advance(days=4)
    third = submit("sostf-referral", referral_answers(), "ca").reference
    client = two_services_app.test_client()
    sign_in(two_services_app, client, CONNECTAT, "en")

    def listed(query: str) -> list[str]:
        response = client.get(f"/en/admin/?{query}")
        assert response.status_code == 200
        return sorted(_references(response.get_data(as_text=True)))

    assert listed("") == [first, second, third]
    assert listed("workflow=sostf-referral") == [third]
    assert listed("workflow=connectat-referral") == [first, second]
    assert listed("state=accepted") == [first]
    assert listed("state=coordination_review") == [second, third]
    assert listed("created_from=2026-03-04") == [second, third]
    assert listed("created_to=2026-03-05") == [first, second]
    assert listed("created_from=2026-03-05&created_to=2026-03-05") == [second]
    assert listed("workflow=connectat-referral&state=accepted") == [first]
    assert listed("state=withdrawn") == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("created_from=2026-02-30", "created_from", NOT_A_DATE),
        ("created_to=yesterday", "created_to", NOT_A_DATE),
        ("state=no-such-state", "state", "Choose one of the options listed"),
        ("workflow=papallona-interest", "workflow", "Choose one of the options"),
        (
            "created_from=2026-03-05&created_to=2026-03-01",
            "created_to",
            "The end date must be the same as or after the start date",
        ),
    ],
)
def test_invalid_filters_get_a_clear_message_and_keep_the_input(
    app: Flask,
    client: FlaskClient,
    services: Services,
    query: str,
    field: str,
    message: str,
) -> None:
    services.requests.submit("connectat-referral", referral_answers(), "ca")
    sign_in(app, client, CONNECTAT, "en")
    response = client.get(f"/en/admin/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in text_of(html)
    assert f'href="#{field}"' in html
    assert f'id="{field}-error"' in html
    assert "Correct the filters above to see the requests." in text_of(html)
    assert _references(html) == []
    typed = query.split("&")[-1].split("=", 1)[1] if field != "workflow" else ""
    if field.startswith("created"):
        assert f'value="{typed}"' in html
    export = client.get(f"/en/admin/export.csv?{query}")
    assert export.status_code == 302
    assert path_of(export.location).startswith("/en/admin/?")


def test_fifty_a_page(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    references = []
    for _ in range(51):
        submit = services.requests.submit
        references.append(submit("connectat-referral", referral_answers(), "ca"))
        clock.advance(minutes=1)
    sign_in(app, client, CONNECTAT, "en")
    first = client.get("/en/admin/").get_data(as_text=True)
    assert len(_references(first)) == 50
    assert "51 requests. Page 1 of 2." in text_of(first)
    assert 'href="/forms/en/admin/?page=2"' in first
    second = client.get("/en/admin/?page=2").get_data(as_text=True)
    assert _references(second) == [references[0].reference]  # the oldest, last
    for page, shown in (("abc", 50), ("0", 50), ("-1", 50), ("²", 50), ("3", 1)):
        response = client.get(f"/en/admin/?page={page}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "There is no such page: the nearest one is shown." in text_of(html)
        assert len(_references(html)) == shown
