"""The durable outbox: a message is stored before any attempt to send it.

The messages queued together (the mails of one request) are one record, one
durable write. If the SMTP server is down, a message stays in the outbox and
`xarxa tick` tries again later, waiting longer after each failure; nothing is
lost. One process at a time handles a record (a lock per record), and it reads
the record again under that lock, so a message is never sent twice because two
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
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..store import RecordFolder, fields_of, new_id
from ..store.files import folder_syncs_at_end
from ..store.locks import Locks, LockTimeout
from .mime import Composed, Mailbox, compose
from .transport import Transport

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

    def compose(self, sender: Mailbox) -> Composed:
        """Write the message: plain text with an HTML alternative.

        :raises ValueError: its address is not one address, or a header value
            holds a line break.
        """
        return compose(
            self.id, sender, Mailbox.parse(self.to), self.subject, self.text,
            self.html, self.language, datetime.fromisoformat(self.created_at),
        )  # fmt: skip


@dataclass(frozen=True)
class NewMail:
    """A message to queue: who gets it, and what it says."""

    to: str
    subject: str
    text: str
    html: str
    language: str


@dataclass(frozen=True)
class Batch:
    """The messages queued together (by one request), kept as one record."""

    id: str
    mails: tuple[OutgoingMail, ...]


class MailQueue:
    """Put messages in the outbox and deliver those that are due."""

    def __init__(
        self, folder: RecordFolder, transport: Transport, sender: str, locks: Locks
    ) -> None:
        """:raises ValueError: *sender* is not one email address."""
        self.folder, self.transport, self.locks = folder, transport, locks
        self.sender = Mailbox.parse(sender)

    def put_all(
        self, messages: Sequence[NewMail], now: datetime, *, hold: bool = False
    ) -> Batch:
        """Store *messages* durably, in one record, and return them (not sent yet).

        :param hold: the caller sends them with `deliver_held`; nobody else
            tries them before `HOLD` has passed.
        """
        due = (now + HOLD if hold else now).isoformat()
        mails = tuple(
            OutgoingMail(
                new_id(),
                message.to,
                message.subject,
                message.text,
                message.html,
                message.language,
                now.isoformat(),
                next_attempt_at=due,
            )  # fmt: skip
            for message in messages
        )
        batch = Batch(new_id(), mails)
        if mails:  # no record for no messages
            self.folder.put(batch.id, _document(mails))
        return batch

    def pending(self) -> list[OutgoingMail]:
        """Return every message not sent yet, oldest first."""
        mails = [mail for batch in self._batches() for mail in batch.mails]
        return sorted(mails, key=lambda mail: mail.created_at)

    def deliver_held(self, batch: Batch, now: datetime) -> None:
        """Try once to send the messages of *batch*, which this process queued
        with ``hold``, in one conversation with the mail server; keep those
        that fail for later.

        No other process tries them during the hold, so they are sent as they
        are, with no lock and no second read.
        """
        if not batch.mails:
            return
        with self.transport.conversation():
            failed = self._send_each(batch.mails, now)
        self._keep(batch.id, failed)

    def deliver_due(self, now: datetime) -> tuple[int, int]:
        """Send every message whose time has come, in one conversation with the
        mail server; return (sent, failed)."""
        sent = failed = 0
        with self.transport.conversation():
            for batch in self._batches():
                if any(_due(mail, now) for mail in batch.mails):
                    done, not_done = self._attempt(batch.id, now)
                    sent, failed = sent + done, failed + not_done
        return sent, failed

    def _batches(self) -> list[Batch]:
        batches = []
        for record_id in self.folder.ids():
            document = self.folder.get(record_id)
            if document is not None:
                batches.append(_batch(record_id, document))
        return batches

    def _attempt(self, record_id: str, now: datetime) -> tuple[int, int]:
        """Send the due messages of one record under its lock; return (sent, failed)."""
        try:
            with self.locks(f"mail-{record_id}").acquire(timeout=0):
                document = self.folder.get(record_id)  # the latest, under the lock
                if document is None:
                    return 0, 0  # sent by another process meanwhile
                mails = _batch(record_id, document).mails
                due = [mail for mail in mails if _due(mail, now)]
                if not due:
                    return 0, 0  # held, or tried: wait for the hold or backoff
                failed = self._send_each(due, now)
                waiting = [mail for mail in mails if mail not in due]
                self._keep(record_id, waiting + failed)
                return len(due) - len(failed), len(failed)
        except LockTimeout:
            return 0, 0  # another process is sending them right now

    def _send_each(
        self, mails: Sequence[OutgoingMail], now: datetime
    ) -> list[OutgoingMail]:
        """Send *mails*; return those that failed, with when to try again. The
        files the sending writes (`.eml`) share their folder's fsync, done
        before this returns and so before the record changes."""
        with folder_syncs_at_end():
            tried = [self._send(mail, now) for mail in mails]
        return [mail for mail in tried if mail is not None]

    def _send(self, mail: OutgoingMail, now: datetime) -> OutgoingMail | None:
        """Hand *mail* to the transport: None once sent, else *mail* with when
        to try again (a mail that cannot be written, as an address that is not
        one, is kept too: the log says why, and it stays for a person to see)."""
        try:
            self.transport.send(mail.compose(self.sender))
        except (OSError, smtplib.SMTPException, ValueError) as error:
            attempts = mail.attempts + 1
            wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
            log.warning("mail %s not sent (attempt %d): %s", mail.id, attempts, error)
            return replace(
                mail,
                attempts=attempts,
                next_attempt_at=(now + wait).isoformat(),
                last_error=f"{type(error).__name__}: {error}"[:300],
            )
        return None

    def _keep(self, record_id: str, mails: Sequence[OutgoingMail]) -> None:
        """Store the messages of a record still to send, or remove it if none."""
        if mails:
            self.folder.put(record_id, _document(mails))
        else:
            self.folder.delete(record_id)


def _due(mail: OutgoingMail, now: datetime) -> bool:
    return datetime.fromisoformat(mail.next_attempt_at) <= now


def _document(mails: Sequence[OutgoingMail]) -> dict[str, Any]:
    return {"mails": [fields_of(mail) for mail in mails]}


def _batch(record_id: str, document: dict[str, Any]) -> Batch:
    """Read a record: a list of messages, or one (as stored before batches)."""
    if "mails" in document:
        return Batch(record_id, tuple(OutgoingMail(**m) for m in document["mails"]))
    return Batch(record_id, (OutgoingMail(**document),))
