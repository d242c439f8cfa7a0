"""Ways to hand a message over: an SMTP server, or `.eml` files for development."""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from ..store.files import atomic_write_bytes


class Transport(Protocol):
    """Delivers one message or raises `OSError` / `smtplib.SMTPException`."""

    def send(self, message: EmailMessage) -> None: ...


class SMTPTransport:
    """Send through an SMTP server, with STARTTLS and login when configured."""

    def __init__(
        self,
        host: str,
        port: int,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 10.0,
    ) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.username, self.password, self.starttls = username, password, starttls

    def send(self, message: EmailMessage) -> None:
        """Deliver *message* over one SMTP conversation."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            if self.starttls:
                server.starttls()
            if self.username:
                server.login(self.username, self.password or "")
            server.send_message(message)


class FileTransport:
    """Write each message as an `.eml` file (no SMTP host: development)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        """Write *message* to `<folder>/<message id>.eml`."""
        name = str(message["X-Xarxa-Mail-Id"])
        atomic_write_bytes(self.folder / f"{name}.eml", message.as_bytes())


def transport_from_config(config: Mapping[str, Any], data_dir: Path) -> Transport:
    """Choose SMTP when `SMTP_HOST` is set, `.eml` files otherwise."""
    host = config.get("SMTP_HOST")
    if not host:
        return FileTransport(data_dir / "mail")
    return SMTPTransport(
        str(host),
        int(config.get("SMTP_PORT") or 587),
        config.get("SMTP_USERNAME") or None,
        config.get("SMTP_PASSWORD") or None,
        bool(config.get("SMTP_STARTTLS", True)),
    )
