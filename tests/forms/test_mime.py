"""The mails as written (`mail/mime.py`), read back with the standard parser."""

from __future__ import annotations

import smtplib
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from bench.load import free_port
from forms_service.mail.mime import Composed, Mailbox, compose
from forms_service.mail.outbox import OutgoingMail
from forms_service.mail.transport import SMTPTransport
from forms_service.workflow import MADRID
from tests.forms.conftest import SMTPRecorder

SENDER = Mailbox.parse("Xarxa Connecta’t <no-reply@xarxa.example>")
DATE = datetime(2026, 3, 3, 10, 0, tzinfo=MADRID)
TEXT = "Hola,\n\nÉs urgent: " + "x" * 120 + "\n"
#: (the To as stored, its display name, its address, the subject)
MAILS = [
    ("anna@escola.example", "", "anna@escola.example", "Plain ASCII XR-2026-000002"),
    (
        "Anna Exemple <anna@escola.example>", "Anna Exemple", "anna@escola.example",
        "Nova derivació XR-2026-000001",
    ),
    (
        '"Exemple, Anna" <anna@escola.example>', "Exemple, Anna",
        "anna@escola.example", "Sol·licitud " + "llarga " * 20,
    ),
    (
        "Àngels Núñez <angels@escola.example>", "Àngels Núñez",
        "angels@escola.example", "Recordatori · Connecta’t",
    ),
    (
        r'"Dr. \"Q\" Exemple" <q@escola.example>', 'Dr. "Q" Exemple',
        "q@escola.example",
        "A long ASCII subject that has to be folded " + "onto more lines " * 5,
    ),
]  # fmt: skip


def _composed(to: str, subject: str, text: str = TEXT, html: str = "") -> Composed:
    return compose(
        "abcdefgh12345678", SENDER, Mailbox.parse(to), subject, text,
        html or f"<p>{text}</p>\n", "es", DATE,
    )  # fmt: skip


def _read(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _contents(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML, with LF line ends (the parser keeps CRLF's CR)."""
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None
    assert html is not None
    texts = (plain.get_content(), html.get_content())  # type: ignore[attr-defined]
    return texts[0].replace("\r\n", "\n"), texts[1].replace("\r\n", "\n")


@pytest.mark.parametrize(("to", "name", "address", "subject"), MAILS)
def test_a_mail_reads_back_as_what_was_composed(
    to: str, name: str, address: str, subject: str
) -> None:
    data = _composed(to, subject).data
    message = _read(data)
    assert message["Subject"] == subject
    (recipient,) = message["To"].addresses
    assert (recipient.display_name, recipient.addr_spec) == (name, address)
    (sender,) = message["From"].addresses
    assert sender.display_name == "Xarxa Connecta’t"
    assert sender.addr_spec == "no-reply@xarxa.example"
    assert message["Content-Language"] == "es"
    assert message["X-Xarxa-Mail-Id"] == "abcdefgh12345678"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Date"].datetime == DATE
    assert message["Message-ID"].endswith("@xarxa.example>")
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_boundary() == "=_abcdefgh12345678"
    assert _contents(message) == (TEXT, f"<p>{TEXT}</p>\n")
    for part in message.walk():
        assert not part.defects, part.defects
    assert data.isascii()  # 7-bit: any server takes it
    assert max(len(line) for line in data.split(b"\n")) <= 78


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("no line end", "no line end\n"),
        ("windows\r\nline\r\nends\r\n", "windows\nline\nends\n"),
        ("old mac\rline ends\r", "old mac\nline ends\n"),
        ("trailing spaces   \n\ttab\n", "trailing spaces   \n\ttab\n"),
        ("a=b and =?utf-8?q?x?= and =_abcdefgh12345678\n", None),
        (".\n.. a dot first\nFrom the start\n", None),
        ("--=_abcdefgh12345678--\n", None),
        ("ü" * 200 + "\n", None),
    ],
)
def test_bodies_survive_what_quoted_printable_must_escape(
    text: str, read: str | None
) -> None:
    data = _composed("anna@escola.example", "Body", text, text).data
    assert b"\r" not in data  # every line ends in LF alone, as the file keeps it
    assert _contents(_read(data)) == (read or text, read or text)


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        ("anna@escola.example", "Subject\nBcc: everyone@escola.example"),
        ("anna@escola.example\r\nBcc: everyone@escola.example", "Subject"),
        ("anna@escola.example", "A carriage\rreturn"),
    ],
)
def test_a_line_break_in_a_header_is_refused(to: str, subject: str) -> None:
    with pytest.raises(ValueError, match="line break"):
        _composed(to, subject)


@pytest.mark.parametrize(
    "text", ["", "nobody", "a@escola.example, b@escola.example", "Anna <>"]
)
def test_a_mailbox_is_exactly_one_address(text: str) -> None:
    with pytest.raises(ValueError, match="not one email address"):
        Mailbox.parse(text)


def test_an_address_outside_ascii_is_written_as_utf8_and_needs_smtputf8() -> None:
    composed = _composed("Ànna <ànna@escola.example>", "Derivació")
    assert composed.international
    assert not _composed("Ànna <anna@escola.example>", "Derivació").international
    assert "To: =?utf-8?" in composed.data.decode()  # the name, RFC 2047
    assert "<ànna@escola.example>" in composed.data.decode()  # the address, RFC 6532


def test_the_wire_form_ends_every_line_in_crlf() -> None:
    wire = _composed(*MAILS[2][::3]).wire()
    assert b"\r\n" in wire
    assert b"\n" not in wire.replace(b"\r\n", b"")
    assert b"\r" not in wire.replace(b"\r\n", b"")
    assert _contents(_read(wire)) == (TEXT, f"<p>{TEXT}</p>\n")


def test_the_stored_mail_composes_with_its_own_fields() -> None:
    mail = OutgoingMail(
        "abcdefgh12345678", "Anna <anna@escola.example>", "Derivació", "Hola\n",
        "<p>Hola</p>\n", "ca", "2026-03-03T10:00:00+01:00",
    )  # fmt: skip
    message = _read(mail.compose(SENDER).data)
    assert (message["To"], message["Subject"]) == (
        "Anna <anna@escola.example>",
        "Derivació",
    )
    assert message["Date"].datetime.isoformat() == "2026-03-03T10:00:00+01:00"
    assert _contents(message) == ("Hola\n", "<p>Hola</p>\n")


@pytest.mark.parametrize("offers_smtputf8", [True, False])
def test_an_international_address_goes_only_to_a_server_offering_smtputf8(
    offers_smtputf8: bool,
) -> None:
    recorder, port = SMTPRecorder(), free_port()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, enable_SMTPUTF8=offers_smtputf8
    )
    controller.start()
    try:
        transport = SMTPTransport("127.0.0.1", port, starttls=False)
        composed = _composed("Ànna <ànna@escola.example>", "Derivació")
        if not offers_smtputf8:
            with pytest.raises(smtplib.SMTPNotSupportedError):
                transport.send(composed)  # an SMTPException: kept for later
            assert recorder.messages == []
            return
        transport.send(composed)
    finally:
        controller.stop()
    (message,) = recorder.messages
    assert message["Subject"] == "Derivació"
    assert _contents(message) == (TEXT, f"<p>{TEXT}</p>\n")
