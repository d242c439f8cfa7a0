"""Dashboard CSV export: the listing's filters, UTF-8 with BOM, no formula runs."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.http import parse_options_header

from forms_service.access_log import read_accesses
from forms_service.services import Services
from forms_service.views.admin.export import safe_cell
from tests.forms.admin_helpers import sign_in
from tests.forms.conftest import referral_answers

ADMIN = "coordinacio.connectat@olesa.example"

HOSTILE = {
    "professional_name": '=HYPERLINK("http://evil.example","Click")',
    "professional_role": "+cmd|' /C calc'!A0",
    "professional_organisation": "-2+3",
    "professional_phone": "+34 600 000 000",
    "person_name": "@SUM(A1:A9)",
    "guardian_name": "\tTabbed",
    "guardian_contact": "\r=1+1",
    "person_municipality": 'Olesa, "de" Montserrat',
    "description": 'Línia 1, amb "cometes"\nLínia 2 =no formula here\r\nfi',
}


def _rows(client: FlaskClient, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/en/admin/export.csv{query}")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8")[1:]
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def signed_in(app: Flask, client: FlaskClient) -> FlaskClient:
    sign_in(app, client, ADMIN, "en")
    return client


def test_hostile_values_are_quoted_and_never_formulas(
    services: Services, signed_in: FlaskClient
) -> None:
    submission = services.requests.submit(
        "connectat-referral", referral_answers(**HOSTILE), "ca"
    )
    response = signed_in.get("/en/admin/export.csv")
    assert response.mimetype == "text/csv"
    assert response.mimetype_params["charset"] == "utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    kind, options = parse_options_header(response.headers["Content-Disposition"])
    assert kind == "attachment"
    assert options["filename"] == "xarxa-2026-03-03.csv"

    [row] = _rows(signed_in)
    assert row["reference"] == submission.reference
    assert row["workflow"] == "connectat-referral"
    assert row["state"] == "coordination_review"
    assert row["outcome"] == ""
    assert row["created"] == "2026-03-03T10:00:00+01:00"
    for name, value in HOSTILE.items():
        expected = value if value[0] not in "=+-@\t\r" else "'" + value
        assert row[name] == expected, name
    assert row["is_minor"] == "true"
    assert row["person_age"] == "15"
    assert "attachments" not in row  # files are not answers a sheet can hold


def test_the_export_follows_the_filters_and_is_logged(
    services: Services, signed_in: FlaskClient
) -> None:
    kept = services.requests.submit("connectat-referral", referral_answers(), "ca")
    other = services.requests.submit("connectat-referral", referral_answers(), "ca")
    services.requests.act(other.reference, "approve", actor=ADMIN, channel="dashboard")
    rows = _rows(signed_in, "?state=coordination_review")
    assert [row["reference"] for row in rows] == [kept.reference]
    assert [a.what for a in read_accesses(services.store, kept.reference)] == ["export"]
    assert read_accesses(services.store, other.reference) == []
    assert {row["reference"] for row in _rows(signed_in)} == {
        kept.reference,
        other.reference,
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (-5, "'-5"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        (None, ""),
        (True, "true"),
        (["a", "=b"], "a; =b"),
        (["=a", "b"], "'=a; b"),
        (7, "7"),
    ],
)
def test_safe_cell(value: object, cell: str) -> None:
    assert safe_cell(value) == cell
