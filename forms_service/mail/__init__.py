"""Outgoing mail: a durable outbox first, then SMTP or `.eml` files."""

from __future__ import annotations

from .outbox import Batch, MailQueue, NewMail, OutgoingMail
from .transport import FileTransport, SMTPTransport, Transport, transport_from_config

__all__ = [
    "Batch",
    "FileTransport",
    "MailQueue",
    "NewMail",
    "OutgoingMail",
    "SMTPTransport",
    "Transport",
    "transport_from_config",
]
