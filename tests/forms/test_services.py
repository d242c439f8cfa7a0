"""The service layer end to end: submit, mail, decide by link, refuse reuse."""

from __future__ import annotations

import re
import smtplib
from pathlib import Path

import pytest
from flask import Flask

from forms_service.requests import LinkRefused
from forms_service.services import Services
from tests.forms.conftest import (
    FakeClock,
    SMTPServer,
    body_of,
    make_app,
    read_mail_files,
    referral_answers,
)


def _smtp(port: int) -> dict[str, object]:
    return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": port, "SMTP_STARTTLS": False}


def _decision_tokens(data_dir: Path) -> dict[str, str]:
    tokens = {}
    for message in read_mail_files(data_dir):
        found = re.findall(r"/decide/(\S+)", body_of(message))
        if found:
            tokens[str(message["To"])] = found[0]
    return tokens


def test_referral_is_stored_and_mailed_without_personal_data(
    app: Flask, services: Services
) -> None:
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    assert re.fullmatch(r"XR-2026-\d{6}", submission.reference)
    stored = services.store.submissions.get(submission.reference)
    assert stored == submission
    messages = read_mail_files(Path(app.config["DATA_DIR"]))
    assert sorted(str(m["To"]) for m in messages) == [
        "anna@escola.example",
        "coordinacio.connectat@olesa.example",
        "referent.joventut@olesa.example",
    ]
    for message in messages:
        text = message.as_string()
        for personal in ("J. P.", "Situació familiar", "930 000 001", "M. P."):
            assert personal not in text


def test_any_mode_first_link_decides_and_the_other_says_who(
    app: Flask, services: Services, clock: FakeClock
) -> None:
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    tokens = _decision_tokens(Path(app.config["DATA_DIR"]))
    decided = services.requests.decide(
        tokens["coordinacio.connectat@olesa.example"], "approve", None
    )
    assert decided.outcome == "approved"
    with pytest.raises(LinkRefused) as other:
        services.requests.decide(
            tokens["referent.joventut@olesa.example"], "reject", "no"
        )
    assert other.value.code == "decided"
    assert other.value.actor == "coordinacio.connectat@olesa.example"
    assert other.value.action == "approve"
    assert other.value.when == clock.now
    with pytest.raises(LinkRefused) as again:
        services.requests.decide(
            tokens["coordinacio.connectat@olesa.example"], "approve", None
        )
    assert (again.value.code, again.value.action) == ("used", "approve")
    assert services.store.submissions.get(submission.reference).outcome == "approved"


def test_expired_link_is_refused(
    app: Flask, services: Services, clock: FakeClock
) -> None:
    services.requests.submit("connectat-referral", referral_answers(), "ca")
    token = _decision_tokens(Path(app.config["DATA_DIR"]))[
        "coordinacio.connectat@olesa.example"
    ]
    clock.advance(hours=73)
    with pytest.raises(LinkRefused) as refused:
        services.requests.decide(token, "approve", None)
    assert refused.value.code == "expired"
    assert refused.value.when is not None
    assert refused.value.when.isoformat() == "2026-03-06T10:00:00+01:00"


def test_mail_goes_through_a_real_smtp_server(
    tmp_path: Path, clock: FakeClock, smtp_server: SMTPServer
) -> None:
    app = make_app(tmp_path / "data", clock, **_smtp(smtp_server.port))
    services: Services = app.extensions["xarxa"]
    services.requests.submit("connectat-referral", referral_answers(), "es")
    received = smtp_server.recorder.messages
    assert len(received) == 3
    assert received[0]["Subject"].startswith("Hemos recibido la solicitud XR-2026-")
    assert services.queue.pending() == []


def test_smtp_down_keeps_the_mail_for_later(
    tmp_path: Path, clock: FakeClock, smtp_server: SMTPServer
) -> None:
    from tests.forms.conftest import free_port

    down = make_app(
        tmp_path / "data",
        clock,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=free_port(),
        SMTP_STARTTLS=False,
    )
    services: Services = down.extensions["xarxa"]
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    assert services.store.submissions.get(submission.reference) == submission
    assert len(services.queue.pending()) == 3
    up = make_app(tmp_path / "data", clock, **_smtp(smtp_server.port))
    clock.advance(minutes=2)
    report = up.extensions["xarxa"].requests.tick()
    assert report.mails_sent == 3
    assert len(smtp_server.recorder.messages) == 3
    assert smtp_server.recorder.connection_count() == 1  # the tick's conversation


def test_an_unreachable_server_is_tried_once_per_conversation(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three mails to a server that does not answer: one wait, not three."""
    from tests.forms.conftest import free_port

    attempts: list[str] = []
    real_smtp = smtplib.SMTP

    def counted(host: str, port: int, **options: object) -> smtplib.SMTP:
        attempts.append(f"{host}:{port}")
        return real_smtp(host, port, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(smtplib, "SMTP", counted)
    app = make_app(
        tmp_path / "data", clock, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(),
        SMTP_STARTTLS=False,
    )  # fmt: skip
    services: Services = app.extensions["xarxa"]
    services.requests.submit("connectat-referral", referral_answers(), "ca")
    assert len(attempts) == 1
    kept = services.queue.pending()
    assert [mail.attempts for mail in kept] == [1, 1, 1]
    assert all("ConnectionRefusedError" in mail.last_error for mail in kept)
