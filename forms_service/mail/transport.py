"""Ways to hand a message over: an SMTP server, or `.eml` files for development."""

from __future__ import annotations

import contextlib
import smtplib
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from ..store.files import atomic_write_bytes
from .mime import Composed


class Transport(Protocol):
    """Delivers one message or raises `OSError` / `smtplib.SMTPException`."""

    def send(self, message: Composed) -> None: ...

    def conversation(self) -> AbstractContextManager[None]:
        """Let the messages sent within this block share what they can (one
        SMTP connection)."""
        ...


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
        # The conversation of each thread (the development server has several).
        self._local = threading.local()

    @contextlib.contextmanager
    def conversation(self) -> Iterator[None]:
        """Send the messages of this block over one connection: opened for the
        first, opened again after a failure, closed when the block ends."""
        self._local.talking, self._local.unreachable = True, None
        try:
            yield
        finally:
            self._local.talking, self._local.unreachable = False, None
            self._hang_up()

    def send(self, message: Composed) -> None:
        """Deliver *message*: within a conversation over its connection, else
        over a connection of its own."""
        if not getattr(self._local, "talking", False):
            with self._connect() as server:
                _hand_over(server, message)
            return
        server = getattr(self._local, "server", None) or self._reconnect()
        self._local.server = server
        try:
            _hand_over(server, message)
        except BaseException:
            self._hang_up()  # the next message starts afresh
            raise

    def _reconnect(self) -> smtplib.SMTP:
        """Connect within a conversation; once the server could not be reached,
        fail the conversation's other messages at once (each is kept for later)
        rather than wait for the server again."""
        if self._local.unreachable is not None:
            raise self._local.unreachable
        try:
            return self._connect()
        except OSError as error:
            self._local.unreachable = error
            raise

    def _connect(self) -> smtplib.SMTP:
        server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.starttls:
                server.starttls()
            if self.username:
                server.login(self.username, self.password or "")
        except BaseException:
            server.close()
            raise
        return server

    def _hang_up(self) -> None:
        server = getattr(self._local, "server", None)
        self._local.server = None
        if server is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                server.quit()
            server.close()


class FileTransport:
    """Write each message as an `.eml` file (no SMTP host: development)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: Composed) -> None:
        """Write *message* to `<folder>/<message id>.eml`."""
        atomic_write_bytes(self.folder / f"{message.id}.eml", message.data)

    def conversation(self) -> AbstractContextManager[None]:
        """Files share nothing: each message is written as it comes."""
        return contextlib.nullcontext()


def _hand_over(server: smtplib.SMTP, message: Composed) -> None:
    """Send *message* over *server*'s connection (SMTPUTF8 when it needs it:
    `smtplib` refuses it if the server does not offer it)."""
    options = ("SMTPUTF8",) if message.international else ()
    server.sendmail(
        message.sender.address, [message.recipient.address], message.wire(),
        mail_options=options,
    )  # fmt: skip


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
