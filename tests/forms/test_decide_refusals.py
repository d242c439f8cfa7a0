"""Links that can no longer decide say what happened, in the page's language."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from forms_service.links import ApprovalLink
from forms_service.services import Services
from tests.conftest import REPO
from tests.forms.conftest import FakeClock, make_app
from tests.forms.decide_support import (
    COORDINATION,
    REFERENT,
    SUBMITTER,
    mail_of,
    newest,
    stored_state,
    submit_referral,
    text_of,
)


def _text(client: FlaskClient, path: str, status: int) -> str:
    page = client.get(path)
    assert page.status_code == status
    assert page.headers["Referrer-Policy"] == "same-origin"
    return text_of(page.get_data(as_text=True))


def test_a_used_link_says_so_and_when(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    assert client.post(path, data={"action": "approve"}).status_code == 302
    text = _text(client, path, 409)
    assert "This link has already been used" in text
    assert "You approved the request with it on March 3, 2026." in text
    assert f"Request {submission.reference}" in text
    before = stored_state(app, submission.reference)
    again = client.post(path, data={"action": "reject", "comment": "Changed my mind"})
    assert again.status_code == 409
    assert stored_state(app, submission.reference) == before


def test_a_link_whose_task_someone_else_decided_says_who_and_when(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    submit_referral(services)
    mine = newest(mail_of(app), COORDINATION, "decide", "en")
    theirs = newest(mail_of(app), REFERENT, "decide", "en")
    clock.advance(days=1)
    client.post(mine, data={"action": "reject", "comment": "Outside our area"})
    text = _text(client, theirs, 409)
    assert "This request no longer waits for this decision" in text
    assert f"Already rejected by {COORDINATION} on March 4, 2026." in text
    catalan = client.get(theirs.replace("/en/", "/ca/", 1))
    assert catalan.status_code == 409
    assert '<html lang="ca">' in catalan.get_data(as_text=True)
    assert "4 de març del 2026" in catalan.get_data(as_text=True)


def test_an_expired_link_says_when_it_expired(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    clock.advance(hours=72)
    text = _text(client, path, 410)
    assert "This link has expired" in text
    assert "This link expired on March 6, 2026." in text
    refused = client.post(path, data={"action": "approve"})
    assert refused.status_code == 410
    assert services.store.submissions.get(submission.reference).outcome is None


def test_a_link_of_a_withdrawn_request_says_it_was_withdrawn(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    services.requests.act(
        submission.reference, "withdraw", actor=SUBMITTER, channel="form"
    )
    text = _text(client, newest(mail_of(app), COORDINATION, "decide", "en"), 409)
    assert "The person who sent the request withdrew it on March 3, 2026." in text


def test_a_link_of_a_request_closed_by_its_deadline_says_it_expired(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    clock.advance(days=15)  # ten working days end on 17 March
    services.requests.tick()
    assert services.store.submissions.get(submission.reference).outcome == "expired"
    text = _text(client, path, 409)
    assert "The request expired on March 18, 2026 without a decision." in text


def test_a_link_record_for_another_approvers_task_is_refused(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    submission = submit_referral(services)
    referents_task = next(t for t in submission.tasks if t.approver == REFERENT)
    token = services.approval_links.create(
        ApprovalLink(
            submission.reference,
            referents_task.id,
            COORDINATION,
            clock.now.isoformat(),
            clock.now.replace(year=2027).isoformat(),
        )
    )
    text = _text(client, f"/en/decide/{token}", 409)
    assert "This link is not valid for this request" in text
    before = stored_state(app, submission.reference)
    refused = client.post(f"/en/decide/{token}", data={"action": "approve"})
    assert refused.status_code == 409
    assert stored_state(app, submission.reference) == before


def test_a_link_whose_decision_was_handed_on_after_the_deadline_says_so(
    tmp_path: Path, clock: FakeClock
) -> None:
    workflows = tmp_path / "workflows"
    shutil.copytree(REPO / "workflows", workflows)
    referral = workflows / "connectat-referral.yaml"
    text = referral.read_text(encoding="utf-8")
    referral.write_text(text.replace("mode: add", "mode: replace"), encoding="utf-8")
    app = make_app(tmp_path / "data", clock, WORKFLOWS_DIR=str(workflows))
    services: Services = app.extensions["xarxa"]
    client = app.test_client()
    submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    clock.advance(days=8)  # five working days later, the head of service takes over
    services.requests.tick()
    page = client.get(path)
    assert page.status_code == 409
    text = text_of(page.get_data(as_text=True))
    assert "This decision was handed to someone else" in text
    head = newest(mail_of(app), "cap.serveis.socials@olesa.example", "decide", "en")
    assert client.get(head).status_code == 200
