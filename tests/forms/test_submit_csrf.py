"""With CSRF on: an expired or missing token loses nothing that was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.forms.conftest import FakeClock, make_app
from tests.forms.submit_support import (
    PDF,
    csrf_token,
    field_errors,
    local,
    post_form,
    referral_form,
    summary_links,
    text,
    upload,
    value_of,
)

FORM = "/en/connectat-referral/"
EXPIRED = (
    "Your answers were not sent because this page had been open for a long time. "
    "We have kept what you typed: check it and send it again."
)


@pytest.fixture
def protected(tmp_path: Path, clock: FakeClock) -> Flask:
    return make_app(tmp_path / "data", clock, WTF_CSRF_ENABLED=True)


@pytest.mark.parametrize("token", ["not-a-token", None])
def test_the_form_comes_back_with_the_answers_and_a_new_token(
    protected: Flask, token: str | None
) -> None:
    client = protected.test_client()
    client.get(FORM)
    data = referral_form(professional_name="Anna <b>Exemple</b>", csrf_token=token)
    expired = post_form(client, FORM, data)
    assert expired.status_code == 400
    assert summary_links(expired) == {}
    assert EXPIRED in text(expired)
    assert value_of(expired, "professional_name") == "Anna <b>Exemple</b>"
    assert "<b>Exemple" not in text(expired)
    assert '<input checked id="consent"' in text(expired)
    data["csrf_token"] = csrf_token(expired)
    accepted = post_form(client, FORM, data)
    assert accepted.status_code == 302
    assert local(accepted.headers["Location"]) == FORM + "check"


def test_a_file_chosen_on_an_expired_page_must_be_chosen_again(
    protected: Flask,
) -> None:
    client = protected.test_client()
    client.get(FORM)
    data = referral_form(csrf_token="stale", attachments=upload(PDF, "informe.pdf"))
    expired = post_form(client, FORM, data)
    assert field_errors(expired, "attachments") == [
        "Choose the file again: it was not received."
    ]
    uploads = Path(protected.config["DATA_DIR"]) / "uploads"
    assert not list(uploads.glob("*.bin"))


def test_the_check_page_asks_to_send_again(protected: Flask) -> None:
    client = protected.test_client()
    token = csrf_token(client.get(FORM))
    assert post_form(client, FORM, referral_form(csrf_token=token)).status_code == 302
    expired = client.post(FORM + "check", data={"csrf_token": "stale"})
    assert expired.status_code == 400
    assert EXPIRED in text(expired)
    assert "Anna Exemple" in text(expired)
    sent = client.post(FORM + "check", data={"csrf_token": csrf_token(expired)})
    assert sent.status_code == 302
    assert "/sent/XR-2026-" in sent.headers["Location"]


def test_nothing_is_stored_without_a_token(protected: Flask) -> None:
    client: FlaskClient = protected.test_client()
    assert post_form(client, FORM, referral_form()).status_code == 400
    drafts = Path(protected.config["DATA_DIR"]) / "drafts"
    assert not list(drafts.glob("*.json"))
