"""Approval links: long random tokens stored as hashes, bound to one approver and
one task, and decisions that cannot both win when pressed at once."""

from __future__ import annotations

import base64
import threading
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from forms_service.services import Services
from tests.forms.conftest import FakeClock, SMTPServer, make_app
from tests.forms.decide_support import (
    COORDINATION,
    REFERENT,
    SUBMITTER,
    links,
    mail_of,
    newest,
    submit_referral,
    text_of,
    token_of,
    token_record,
)


def test_tokens_have_at_least_128_bits_and_only_their_hash_is_on_disk(
    tmp_path: Path, clock: FakeClock, smtp_server: SMTPServer
) -> None:
    data_dir = tmp_path / "data"
    app = make_app(
        data_dir, clock, SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_server.port,
        SMTP_STARTTLS=False,
    )  # fmt: skip
    submit_referral(app.extensions["xarxa"])
    received = smtp_server.recorder.messages
    tokens = [token_of(p) for to in (COORDINATION, REFERENT)
              for p in links(received, to, "decide")]  # fmt: skip
    assert len(tokens) == 2
    stored = b"".join(
        path.read_bytes() for path in data_dir.rglob("*") if path.is_file()
    )
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) >= 16
        assert token.encode() not in stored  # not in any file: tokens, outbox, logs
        assert token_record(app, token).is_file()  # only its SHA-256 names the record
    assert len(set(tokens)) == 2


def test_a_link_decides_only_as_its_own_approver(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    mine = newest(mail_of(app), COORDINATION, "decide", "en")
    assert client.post(mine, data={"action": "approve"}).status_code == 302
    decided = services.store.submissions.get(submission.reference)
    event = decided.events[-1]
    assert (event.actor, event.action, event.channel) == (
        COORDINATION,
        "approve",
        "email-link",
    )
    tasks = {task.approver: task for task in decided.tasks}
    assert tasks[COORDINATION].decided_by == COORDINATION
    assert tasks[REFERENT].status == "closed"
    assert tasks[REFERENT].decided_by is None


def test_links_of_an_earlier_round_are_superseded_by_the_new_ones(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    asking = newest(mail_of(app), COORDINATION, "decide", "en")
    old_referent = newest(mail_of(app), REFERENT, "decide", "en")
    client.post(asking, data={"action": "request_info", "comment": "Which school?"})
    services.requests.act(
        submission.reference, "resubmit", actor=SUBMITTER, channel="form",
        comment="Institut Exemple, 3r d'ESO",
    )  # fmt: skip
    text = text_of(client.get(old_referent).get_data(as_text=True))
    assert "This link has been replaced" in text
    assert "A newer email has the link to use now." in text
    assert "This link has already been used" in text_of(
        client.get(asking).get_data(as_text=True)
    )
    refused = client.post(old_referent, data={"action": "approve"})
    assert refused.status_code == 409
    new_referent = newest(mail_of(app), REFERENT, "decide", "en")
    assert new_referent != old_referent
    assert client.post(new_referent, data={"action": "approve"}).status_code == 302
    assert services.store.submissions.get(submission.reference).outcome == "approved"


def _press_together(
    app: Flask, presses: list[tuple[str, dict[str, str]]]
) -> list[TestResponse]:
    """POST each (path, form) from its own thread, all released at once."""
    barrier = threading.Barrier(len(presses))
    results: list[TestResponse | None] = [None] * len(presses)

    def press(index: int, path: str, data: dict[str, str]) -> None:
        client = app.test_client()
        barrier.wait()
        results[index] = client.post(path, data=data)

    threads = [
        threading.Thread(target=press, args=(index, path, data))
        for index, (path, data) in enumerate(presses)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(result is not None for result in results)
    return [result for result in results if result is not None]


@pytest.mark.parametrize("round_", range(4))
def test_two_approvers_pressing_at_once_cannot_both_win(
    app: Flask, services: Services, round_: int
) -> None:
    submission = submit_referral(services)
    approve = newest(mail_of(app), COORDINATION, "decide", "en")
    reject = newest(mail_of(app), REFERENT, "decide", "en")
    results = _press_together(
        app,
        [
            (approve, {"action": "approve"}),
            (reject, {"action": "reject", "comment": "Better elsewhere"}),
        ],
    )
    assert sorted(result.status_code for result in results) == [302, 409]
    decided = services.store.submissions.get(submission.reference)
    decisions = [e for e in decided.events if e.channel == "email-link"]
    assert len(decisions) == 1
    winner = results[0] if results[0].status_code == 302 else results[1]
    loser = results[1] if winner is results[0] else results[0]
    expected = "approved" if winner is results[0] else "rejected"
    assert decided.outcome == expected
    assert "Already" in text_of(loser.get_data(as_text=True))


def test_one_link_pressed_twice_at_once_decides_once(
    app: Flask, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    results = _press_together(
        app, [(path, {"action": "approve"}), (path, {"action": "approve"})]
    )
    assert sorted(result.status_code for result in results) == [302, 409]
    decided = services.store.submissions.get(submission.reference)
    assert [e.action for e in decided.events] == ["submit", "approve"]
