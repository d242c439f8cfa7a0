"""The submitter's status page: state, history, deadlines, answering and withdrawing."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer

from forms_service.services import Services
from tests.forms.conftest import FakeClock, make_app
from tests.forms.decide_support import (
    COORDINATION,
    REFERENT,
    SUBMITTER,
    csrf_token,
    links,
    mail_of,
    newest,
    stored_state,
    submit_referral,
    text_of,
)


def _ask_for_information(app: Flask, client: FlaskClient, question: str) -> str:
    decide = newest(mail_of(app), COORDINATION, "decide", "en")
    asked = client.post(decide, data={"action": "request_info", "comment": question})
    assert asked.status_code == 302
    return newest(mail_of(app), SUBMITTER, "status", "en")


def test_the_page_shows_state_history_and_deadline_of_this_request_only(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    mine = submit_referral(services)
    other = submit_referral(services, professional_email="pere@escola.example")
    page = client.get(newest(mail_of(app), SUBMITTER, "status", "en"))
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    text = text_of(page.get_data(as_text=True))
    assert f"Request {mine.reference}" in text
    assert "State Waiting for the service's coordination" in text
    assert "Decision due by March 17, 2026" in text
    assert "March 3, 2026, 10:00 AM : You sent the request." in text
    assert other.reference not in text
    for hidden in ("J. P.", "Situació familiar", COORDINATION, "1.0", "visit"):
        assert hidden not in text  # no answers, approvers or internal ids
    assert "Withdraw the request" in text


def test_a_bad_or_foreign_signature_is_a_404(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), SUBMITTER, "status", "es")
    assert (
        client.get(path[:-2] + ("AA" if not path.endswith("AA") else "BB")).status_code
        == 404
    )
    forged = URLSafeSerializer("another-key", salt="xarxa-status-link").dumps(
        submission.reference
    )
    assert client.get(f"/es/status/{forged}").status_code == 404
    missing = URLSafeSerializer("test-secret-key", salt="xarxa-status-link").dumps(
        "XR-2026-999999"
    )
    page = client.get(f"/es/status/{missing}")
    assert page.status_code == 404
    assert '<html lang="es">' in page.get_data(as_text=True)
    assert client.get(path.replace("/es/", "/xx/", 1)).status_code == 404


def test_get_and_head_change_nothing(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = _ask_for_information(app, client, "Which school?")
    before = stored_state(app, submission.reference)
    assert client.head(path).status_code == 200
    assert client.get(path).status_code == 200
    assert client.get(path.replace("/en/", "/ca/", 1) + "/withdraw").status_code == 200
    assert stored_state(app, submission.reference) == before


def test_the_information_form_explains_errors_and_keeps_the_text(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = _ask_for_information(app, client, "Which school?")
    before = stored_state(app, submission.reference)
    empty = client.post(path, data={"information": "   "})
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert '<a href="#information">Write the information asked for.</a>' in html
    assert 'aria-describedby="information-hint information-error"' in html
    long_text = "Institut Exemple. " * 300
    too_long = client.post(path, data={"information": long_text})
    assert "Write at most 4000 characters." in too_long.get_data(as_text=True)
    assert long_text.strip() in too_long.get_data(as_text=True)
    assert stored_state(app, submission.reference) == before


def test_answering_sends_the_request_back_to_the_approvers_with_new_links(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    submission = submit_referral(services)
    path = _ask_for_information(app, client, "Which school?")
    clock.advance(days=2)
    sent = client.post(path, data={"information": "Institut Exemple"})
    assert sent.status_code == 302
    assert sent.location == f"/forms{path}"
    text = text_of(client.get(path).get_data(as_text=True))
    assert "Thank you: the information was sent" in text
    assert "You sent more information." in text
    assert "Institut Exemple" not in text  # the submitter's own text is not echoed
    stored = services.store.submissions.get(submission.reference)
    assert stored.state == "coordination_review"
    assert stored.events[-1].comment == "Institut Exemple"
    assert len(links(mail_of(app), REFERENT, "decide")) == 2


def test_a_post_when_nothing_is_asked_is_refused_and_changes_nothing(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), SUBMITTER, "status", "en")
    before = stored_state(app, submission.reference)
    page = client.post(path, data={"information": "Unasked"})
    assert page.status_code == 400
    assert "The request no longer waits for this" in page.get_data(as_text=True)
    assert stored_state(app, submission.reference) == before


def test_withdrawing_asks_for_confirmation_then_closes_and_tells_the_approvers(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), SUBMITTER, "status", "en")
    confirm = client.get(f"{path}/withdraw")
    assert confirm.status_code == 200
    assert "Withdraw request" in text_of(confirm.get_data(as_text=True))
    assert services.store.submissions.get(submission.reference).outcome is None
    done = client.post(f"{path}/withdraw")
    assert done.status_code == 302
    text = text_of(client.get(path).get_data(as_text=True))
    assert "The request was withdrawn." in text
    assert "State Withdrawn" in text
    assert "Withdraw the request" not in text
    assert services.store.submissions.get(submission.reference).outcome == "withdrawn"
    told = [str(m["To"]) for m in mail_of(app) if "retirada" in str(m["Subject"])]
    assert sorted(told) == sorted([COORDINATION, REFERENT])
    assert client.get(f"{path}/withdraw").status_code == 302  # nothing to withdraw


def test_with_csrf_on_a_post_without_the_token_keeps_the_text_and_changes_nothing(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path / "data", clock)
    services: Services = app.extensions["xarxa"]
    client = app.test_client()
    submission = submit_referral(services)
    decide = newest(mail_of(app), COORDINATION, "decide", "en")
    token = csrf_token(client.get(decide).get_data(as_text=True))
    client.post(decide, data={"action": "request_info", "comment": "Which school?"
                              , "csrf_token": token})  # fmt: skip
    path = newest(mail_of(app), SUBMITTER, "status", "en")
    refused = client.post(path, data={"information": "Institut Exemple"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "The page was open too long. Check and send it again." in html
    assert "Institut Exemple" in html
    assert services.store.submissions.get(submission.reference).state == (
        "information_requested"
    )
    withdraw = client.post(f"{path}/withdraw")
    assert withdraw.status_code == 400
    assert client.post(f"{path}x/withdraw").status_code == 404  # not a 500
    assert services.store.submissions.get(submission.reference).outcome is None
    fresh = csrf_token(html)
    sent = client.post(
        path, data={"information": "Institut Exemple", "csrf_token": fresh}
    )
    assert sent.status_code == 302
    assert services.store.submissions.get(submission.reference).state == (
        "coordination_review"
    )
