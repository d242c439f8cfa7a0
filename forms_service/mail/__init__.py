"""Outgoing mail: a durable outbox first, then SMTP or `.eml` files."""

from __future__ import annotations

from .outbox import MailQueue, OutgoingMail
from .transport import FileTransport, SMTPTransport, Transport, transport_from_config

__all__ = [
    "FileTransport",
    "MailQueue",
    "OutgoingMail",
    "SMTPTransport",
    "Transport",
    "transport_from_config",
]
