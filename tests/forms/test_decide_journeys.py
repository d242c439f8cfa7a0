"""Whole journeys through the pages, with a real SMTP server receiving the mail:
referral → approval link → decision → the submitter's status page and email."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.forms.conftest import FakeClock, SMTPServer, body_of, make_app
from tests.forms.decide_support import (
    COORDINATION,
    REFERENT,
    SUBMITTER,
    links,
    newest,
    submit_referral,
    text_of,
)


@pytest.fixture
def smtp_app(tmp_path: Path, clock: FakeClock, smtp_server: SMTPServer) -> Flask:
    return make_app(
        tmp_path / "data", clock, WTF_CSRF_ENABLED=False, SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_server.port, SMTP_STARTTLS=False,
    )  # fmt: skip


def _page(client: FlaskClient, path: str) -> str:
    page = client.get(path.removeprefix("/forms"))  # redirects carry the mount
    assert page.status_code == 200, page.status_code
    return text_of(page.get_data(as_text=True))


def _mail_to(smtp_server: SMTPServer, to: str) -> list[str]:
    return [
        str(message["Subject"])
        for message in smtp_server.recorder.messages
        if str(message["To"]) == to
    ]


def test_referral_approved_from_the_email_link_reaches_the_submitter(
    smtp_app: Flask, smtp_server: SMTPServer, clock: FakeClock
) -> None:
    services: Services = smtp_app.extensions["xarxa"]
    client = smtp_app.test_client()
    submission = submit_referral(services, lang="en")
    received = smtp_server.recorder.messages
    decide = newest(received, COORDINATION, "decide", "en")
    assert f"Decide on request {submission.reference}" in _page(client, decide)
    clock.advance(hours=2)
    pressed = client.post(decide, data={"action": "approve", "comment": "Welcome"})
    assert pressed.status_code == 302
    done = _page(client, pressed.location)
    assert "Decision recorded" in done
    assert "You approved the request on March 3, 2026." in done
    assert "The person who sent the request was told by email." in done
    assert _mail_to(smtp_server, SUBMITTER)[-1] == (
        f"Request {submission.reference} accepted"
    )
    status = _page(client, newest(received, SUBMITTER, "status", "en"))
    assert "State Accepted" in status
    assert "Approved. Now: Accepted." in status
    assert "March 3, 2026, 12:00 PM" in status
    assert services.queue.pending() == []


def test_a_rejection_with_its_reason_is_shown_to_the_submitter(
    smtp_app: Flask, smtp_server: SMTPServer
) -> None:
    services: Services = smtp_app.extensions["xarxa"]
    client = smtp_app.test_client()
    submission = submit_referral(services, lang="en")
    received = smtp_server.recorder.messages
    decide = newest(received, REFERENT, "decide", "en")
    reason = "The young person lives outside Olesa;\nrefer to their own town."
    pressed = client.post(decide, data={"action": "reject", "comment": reason})
    assert pressed.status_code == 302
    assert "You rejected the request" in _page(client, pressed.location)
    declined = [m for m in received if str(m["To"]) == SUBMITTER][-1]
    assert "has not been accepted" in body_of(declined)
    assert "Olesa" not in body_of(declined)  # the reason is on the page, not in mail
    status_path = newest(received, SUBMITTER, "status", "en")
    html = smtp_app.test_client().get(status_path).get_data(as_text=True)
    assert "The young person lives outside Olesa;<br>refer to their own town." in html
    assert "State Not accepted" in text_of(html)
    assert services.store.submissions.get(submission.reference).outcome == "rejected"


def test_information_asked_added_on_the_status_page_then_approved(
    smtp_app: Flask, smtp_server: SMTPServer, clock: FakeClock
) -> None:
    services: Services = smtp_app.extensions["xarxa"]
    client = smtp_app.test_client()
    submission = submit_referral(services, lang="en")
    received = smtp_server.recorder.messages
    first = newest(received, COORDINATION, "decide", "en")
    asked = client.post(
        first, data={"action": "request_info", "comment": "Which school year?"}
    )
    assert asked.status_code == 302
    assert "The person who sent the request was told by email." in _page(
        client, asked.location
    )
    assert _mail_to(smtp_server, SUBMITTER)[-1] == (
        f"More information is needed for request {submission.reference}"
    )
    status = newest(received, SUBMITTER, "status", "en")
    page = _page(client, status)
    assert "More information is needed" in page
    assert "Which school year?" in page
    clock.advance(days=1)
    sent = client.post(status, data={"information": "Third year of ESO."})
    assert sent.status_code == 302
    assert "the information was sent" in _page(client, sent.location)
    second = newest(received, COORDINATION, "decide", "en")
    assert second != first
    page = _page(client, second)
    assert "Third year of ESO." in page  # the approver reads the answer
    assert "More information sent by anna@escola.example" in page
    assert client.post(second, data={"action": "approve"}).status_code == 302
    assert "State Accepted" in _page(client, status)
    assert services.store.submissions.get(submission.reference).outcome == "approved"
    assert len(links(received, REFERENT, "decide")) == 2  # asked again, new link


def test_the_mails_of_a_referral_share_one_smtp_connection(
    smtp_app: Flask, smtp_server: SMTPServer
) -> None:
    services: Services = smtp_app.extensions["xarxa"]
    submit_referral(services, lang="en")
    assert len(smtp_server.recorder.messages) >= 2
    assert smtp_server.recorder.connection_count() == 1
    assert services.queue.pending() == []


def test_a_refused_mail_is_kept_and_the_others_still_go(
    smtp_app: Flask, smtp_server: SMTPServer, clock: FakeClock
) -> None:
    """A refusal ends the connection; the next message opens another."""
    services: Services = smtp_app.extensions["xarxa"]
    smtp_server.recorder.refused.add(COORDINATION)
    submission = submit_referral(services, lang="en")
    received = smtp_server.recorder.messages
    assert {str(message["To"]) for message in received} >= {SUBMITTER, REFERENT}
    assert COORDINATION not in {str(message["To"]) for message in received}
    kept = services.queue.pending()
    assert [(mail.to, mail.attempts) for mail in kept] == [(COORDINATION, 1)]
    assert "550" in kept[0].last_error
    smtp_server.recorder.refused.clear()
    clock.advance(minutes=2)
    sent, failed = services.queue.deliver_due(clock())
    assert (sent, failed) == (1, 0)
    assert submission.reference in str(received[-1]["Subject"])
    assert services.queue.pending() == []
