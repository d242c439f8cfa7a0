"""The durable outbox: a message is stored before any attempt to send it.

If the SMTP server is down, the message stays in the outbox and `xarxa tick`
tries again later, waiting longer after each failure; nothing is lost. One
process at a time handles a message (a lock per message id), and it reads the
message again under that lock, so a message is never sent twice because two
processes (a web worker and `xarxa tick`) picked it up at once.

A web request sends the messages it queued itself, once its response is out.
It queues them *held*: due only after `HOLD`, so that no other process tries
them meanwhile, and it sends them without the lock and the second read. A
worker that dies before sending leaves them to `xarxa tick` when the hold ends.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Literal

from ..store import RecordFolder, new_id
from ..store.files import folder_syncs_at_end
from ..store.locks import Locks, LockTimeout
from .policy import MAIL_POLICY
from .transport import Transport

Attempt = Literal["sent", "failed", "skipped"]

log = logging.getLogger(__name__)

#: Waits after the 1st, 2nd, … failure; the last one repeats.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=6),
)
#: How long a held message waits for the process that queued it: far longer
#: than a request may run (gunicorn stops a worker after 30 s).
HOLD = timedelta(minutes=5)


@dataclass(frozen=True)
class OutgoingMail:
    """A message waiting in the outbox."""

    id: str
    to: str
    subject: str
    text: str
    html: str
    language: str
    created_at: str
    attempts: int = 0
    next_attempt_at: str = ""
    last_error: str = ""

    def to_email(self, sender: str) -> EmailMessage:
        """Build the MIME message: plain text with an HTML alternative."""
        message = EmailMessage(policy=MAIL_POLICY)
        message["From"] = sender
        message["To"] = self.to
        message["Subject"] = self.subject
        message["Date"] = format_datetime(datetime.fromisoformat(self.created_at))
        message["Message-ID"] = make_msgid(domain="xarxa.example")
        message["Auto-Submitted"] = "auto-generated"
        message["X-Xarxa-Mail-Id"] = self.id
        message.set_content(self.text)
        # The boundary is the message's random id behind "=_", which quoted-
        # printable never writes, so no part can contain it: the generator need
        # not draw one and search every part for it (a third of the work).
        message.make_alternative(boundary=f"=_{self.id}")
        message.add_alternative(self.html, subtype="html")
        # Set last: set_content drops, and make_alternative moves into the
        # first part, every Content- header set before them.
        message["Content-Language"] = self.language
        return message


class MailQueue:
    """Put messages in the outbox and deliver those that are due."""

    def __init__(
        self, folder: RecordFolder, transport: Transport, sender: str, locks: Locks
    ) -> None:
        self.folder, self.transport, self.sender = folder, transport, sender
        self.locks = locks

    def put(
        self, to: str, subject: str, text: str, html: str, language: str,
        now: datetime, *, hold: bool = False,
    ) -> OutgoingMail:  # fmt: skip
        """Store a message durably and return it (it is not sent yet).

        :param hold: the caller sends it with `deliver_held`; nobody else tries
            it before `HOLD` has passed.
        """
        due = now + HOLD if hold else now
        mail = OutgoingMail(
            new_id(), to, subject, text, html, language, now.isoformat(),
            next_attempt_at=due.isoformat(),
        )  # fmt: skip
        self.folder.put(mail.id, asdict(mail))
        return mail

    def pending(self) -> list[OutgoingMail]:
        """Return every message not sent yet, oldest first."""
        mails = []
        for mail_id in self.folder.ids():
            document = self.folder.get(mail_id)
            if document is not None:
                mails.append(OutgoingMail(**document))
        return sorted(mails, key=lambda mail: mail.created_at)

    def deliver_held(self, mails: Sequence[OutgoingMail], now: datetime) -> None:
        """Try once to send *mails*, which this process queued with ``hold``,
        in one conversation with the mail server; keep those that fail for later.

        No other process tries them during the hold, so they are sent as they
        are, with no lock and no second read. What the sending writes (`.eml`
        files, retries) shares its folders' fsync, and the messages sent leave
        the outbox only after it.
        """
        with folder_syncs_at_end(), self.transport.conversation():
            sent = [mail for mail in mails if self._send(mail, now) == "sent"]
        for mail in sent:
            self.folder.delete(mail.id)

    def deliver_due(self, now: datetime) -> tuple[int, int]:
        """Send every message whose time has come, in one conversation with the
        mail server; return (sent, failed)."""
        with self.transport.conversation():
            results = [
                self._attempt(mail.id, now)
                for mail in self.pending()
                if datetime.fromisoformat(mail.next_attempt_at) <= now
            ]
        return results.count("sent"), results.count("failed")

    def _attempt(self, mail_id: str, now: datetime) -> Attempt:
        try:
            with self.locks(f"mail-{mail_id}").acquire(timeout=0):
                document = self.folder.get(mail_id)  # the latest, under the lock
                if document is None:
                    return "skipped"  # sent by another process meanwhile
                mail = OutgoingMail(**document)
                if datetime.fromisoformat(mail.next_attempt_at) > now:
                    return "skipped"  # held, or tried: wait for the hold or backoff
                attempt = self._send(mail, now)
                if attempt == "sent":
                    self.folder.delete(mail.id)
                return attempt
        except LockTimeout:
            return "skipped"  # another process is sending it right now

    def _send(self, mail: OutgoingMail, now: datetime) -> Attempt:
        """Hand *mail* to the transport; on failure, store when to try again."""
        try:
            self.transport.send(mail.to_email(self.sender))
        except (OSError, smtplib.SMTPException) as error:
            attempts = mail.attempts + 1
            wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
            retry = {
                **asdict(mail),
                "attempts": attempts,
                "next_attempt_at": (now + wait).isoformat(),
                "last_error": f"{type(error).__name__}: {error}"[:300],
            }
            self.folder.put(mail.id, retry)
            log.warning("mail %s not sent (attempt %d): %s", mail.id, attempts, error)
            return "failed"
        return "sent"
