"""Fixtures for the forms service: an app on a temporary store, a fake clock,
the mail it writes, and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient

from bench.load import free_port
from forms_service import create_app
from forms_service.services import Services
from forms_service.store import Cipher, Store
from forms_service.workflow import MADRID
from tests.conftest import REPO

#: The store's key in tests (a fixed Fernet key, for tests only).
TEST_DATA_KEY = "YhzdTVzANdWKZVs5nCgAmux9EPQ5bBBtmHQTOAyAom8="


def open_store(data_dir: Path) -> Store:
    """Open the store at *data_dir* as a worker configured with TEST_DATA_KEY would."""
    return Store(data_dir, Cipher([TEST_DATA_KEY]))


def read_store_file(path: Path) -> Any:
    """Return the JSON inside an encrypted store file (fails on a torn file)."""
    return json.loads(Cipher([TEST_DATA_KEY]).decrypt(path.read_bytes()))


class FakeClock:
    """A clock the test moves by hand (timezone-aware, Europe/Madrid)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    # A Tuesday in term time, inside no call window.
    return FakeClock(datetime(2026, 3, 3, 10, 0, tzinfo=MADRID))


def make_app(data_dir: Path, clock: FakeClock, **config: Any) -> Flask:
    """Build the forms service on *data_dir* with the repository's workflows."""
    settings: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATA_KEY": TEST_DATA_KEY,
        "DATA_DIR": str(data_dir),
        "WORKFLOWS_DIR": str(REPO / "workflows"),
        "PUBLIC_URL": "http://forms.test/forms",
        "CLOCK": clock,
        "SERVER_NAME": "forms.test",
        "APPLICATION_ROOT": "/forms",
    }
    settings.update(config)
    app = create_app(settings)
    app.test_client_class = ClosingClient
    return app


class ClosingClient(FlaskClient):
    """A test client that finishes each response as a WSGI server does.

    Servers close a response once it is sent, which runs its close callbacks
    (the mail sent after the page); a buffered test response is closed too.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock) -> Flask:
    return make_app(tmp_path / "data", clock, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def services(app: Flask) -> Services:
    result: Services = app.extensions["xarxa"]
    return result


def read_mail_files(data_dir: Path) -> list[EmailMessage]:
    """Return the messages written as .eml files (no SMTP host), oldest first."""
    paths = sorted(
        (data_dir / "mail").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns
    )
    return [_parse(path.read_bytes()) for path in paths]


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    """Return the plain-text part of *message*."""
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def referral_answers(**overrides: Any) -> dict[str, Any]:
    """Valid answers of the referral form (example people only)."""
    answers: dict[str, Any] = {
        "professional_name": "Anna Exemple",
        "professional_role": "Educadora social",
        "professional_organisation": "Institut Exemple",
        "professional_email": "anna@escola.example",
        "professional_phone": "930 000 000",
        "person_name": "J. P.",
        "person_age": 15,
        "person_municipality": "Olesa de Montserrat",
        "contact_channel": "phone",
        "is_minor": True,
        "guardian_name": "M. P.",
        "guardian_contact": "930 000 001",
        "reason": "family_crisis",
        "urgency": "normal",
        "description": "Situació familiar complexa des de fa uns mesos.",
        "consent": True,
    }
    answers.update(overrides)
    return answers


@dataclass
class SMTPRecorder:
    """Collects every message a real SMTP conversation delivered."""

    messages: list[EmailMessage] = field(default_factory=list)
    #: The connection each message came over (aiosmtpd's session of it).
    connections: list[Any] = field(default_factory=list)
    #: Recipients the server refuses (550), as a mailbox that does not exist.
    refused: set[str] = field(default_factory=set)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(_parse(envelope.content))
        self.connections.append(session)
        return "250 Message accepted for delivery"

    def connection_count(self) -> int:
        """How many connections delivered the messages."""
        return len({id(session) for session in self.connections})


@dataclass
class SMTPServer:
    host: str
    port: int
    recorder: SMTPRecorder


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1, stopped after the test."""
    recorder = SMTPRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SMTPServer("127.0.0.1", port, recorder)
    finally:
        controller.stop()
