"""What keeps a referral cheap: blank form fields rendered once per worker,
and fsync only where a write is acknowledged."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.drafts import Draft, Drafts
from forms_service.ratelimit import Limited
from forms_service.services import Services
from forms_service.store import files, new_id
from forms_service.views.form_page import BLANK_FIELDS
from tests.forms.submit_support import post_form, referral_form, text, value_of

START = "/ca/connectat-referral/"


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the store's fsyncs (of files and folders) while the test runs."""
    calls: list[int] = []
    real = os.fsync

    def counting(descriptor: int) -> None:
        calls.append(descriptor)
        real(descriptor)

    monkeypatch.setattr(files.os, "fsync", counting)
    return calls


def test_a_blank_form_renders_as_without_the_cache(
    app: Flask, client: FlaskClient
) -> None:
    first, second = text(client.get(START)), text(client.get(START))
    assert first == second
    assert list(app.extensions[BLANK_FIELDS]) == [("referral", "ca")]
    app.jinja_env.auto_reload = True  # as in debug mode: nothing kept
    uncached = text(client.get(START))
    assert uncached == first
    assert 'name="person_name"' in first


def test_each_language_has_its_own_blank_fields(
    app: Flask, client: FlaskClient
) -> None:
    catalan = text(client.get(START))
    spanish = text(client.get("/es/connectat-referral/"))
    assert catalan != spanish
    assert '<html lang="es">' in spanish
    assert set(app.extensions[BLANK_FIELDS]) == {("referral", "ca"), ("referral", "es")}


def test_a_form_with_typed_answers_is_not_the_blank_one(client: FlaskClient) -> None:
    blank = client.get(START)
    assert value_of(blank, "person_name") in (None, "")
    post_form(client, START, referral_form(person_name="Q. R.", consent=None))
    again = client.get(START)
    assert value_of(again, "person_name") == "Q. R."
    assert value_of(client.get(START), "person_name") == "Q. R."


def test_rate_limit_counts_skip_fsync_but_still_limit(
    app: Flask, services: Services, fsyncs: list[int]
) -> None:
    now = datetime(2026, 3, 3, 10, 0)
    services.limiter.hit("submit", "10.0.0.1", 1, now)
    assert fsyncs == []
    with pytest.raises(Limited):
        services.limiter.hit("submit", "10.0.0.1", 1, now)


def test_a_draft_and_its_sent_stub_are_fsynced(
    app: Flask, services: Services, fsyncs: list[int]
) -> None:
    drafts = Drafts(services.store.drafts, services.store.locks)
    now = datetime(2026, 3, 3, 10, 0)
    draft = Draft(new_id(), "connectat-referral", answers={"person_name": "J. P."})
    drafts.save(draft, now)
    assert len(fsyncs) == 2  # the file and its folder
    with app.test_request_context(START):
        drafts.mark_sent(draft, "XR-2026-000001", now)
    # A sent stub lost in a power cut would bring the answers back to be sent twice.
    assert len(fsyncs) == 4
    stub = drafts.read(draft.id, "connectat-referral")
    assert stub is not None
    assert (stub.sent, stub.answers) == ("XR-2026-000001", None)


def test_a_sent_referral_is_durable(
    app: Flask, client: FlaskClient, fsyncs: list[int]
) -> None:
    post_form(client, START, referral_form())
    before = len(fsyncs)
    response = client.post("/ca/connectat-referral/check")
    assert response.status_code == 302
    # Submission, index line, two approval links, the three mails' outbox
    # record, each file and each new file's folder; then the mails delivered.
    assert len(fsyncs) - before >= 10
