"""A queued message is sent once: by two workers delivering it at the same time,
and when a request holds the messages it queued to send them itself.

The lock is a file lock (one open file each, as two processes would have), so
two threads of this process contend for it exactly as two gunicorn workers or a
worker and `xarxa tick` do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import smtplib
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from forms_service.mail import Batch, MailQueue, NewMail
from forms_service.mail.mime import Composed
from forms_service.mail.outbox import HOLD, OutgoingMail
from forms_service.mail.transport import FileTransport
from forms_service.store import files
from forms_service.workflow import MADRID
from tests.forms.conftest import open_store

NOW = datetime(2026, 3, 3, 10, 0, tzinfo=MADRID)


class SlowTransport:
    """Takes a while to hand a message over, and remembers each one."""

    def __init__(self, seconds: float = 0.3, fail: bool = False) -> None:
        self.seconds, self.fail = seconds, fail
        self.sent: list[str] = []

    def send(self, message: Composed) -> None:
        time.sleep(self.seconds)
        if self.fail:
            raise smtplib.SMTPServerDisconnected("server went away")
        self.sent.append(message.id)

    def conversation(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()


def _put(queue: MailQueue, count: int = 1, hold: bool = False) -> Batch:
    mails = [
        NewMail(f"{n}@example.org", "S", "Text", "<p>T</p>", "ca") for n in range(count)
    ]
    return queue.put_all(mails, NOW, hold=hold)


def _queue(root: Path, transport: SlowTransport) -> MailQueue:
    store = open_store(root)  # each "worker" opens the store itself
    return MailQueue(
        store.outbox, transport, "Xarxa <no-reply@xarxa.example>", store.locks
    )


def _together(*queues: MailQueue) -> list[tuple[int, int]]:
    barrier = threading.Barrier(len(queues))
    results: list[tuple[int, int]] = [(-1, -1)] * len(queues)

    def run(index: int, queue: MailQueue) -> None:
        barrier.wait()
        results[index] = queue.deliver_due(NOW)

    threads = [
        threading.Thread(target=run, args=(i, queue)) for i, queue in enumerate(queues)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_workers_delivering_the_same_message_send_it_once(tmp_path: Path) -> None:
    one, two = SlowTransport(), SlowTransport()
    first, second = _queue(tmp_path, one), _queue(tmp_path, two)
    _put(first)
    results = _together(first, second)
    assert len(one.sent) + len(two.sent) == 1
    assert first.pending() == []
    assert sorted(results) == [(0, 0), (1, 0)]  # counted once, by the sender


def test_a_stale_listing_does_not_resend_before_the_backoff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = SlowTransport(seconds=0, fail=True)
    working = SlowTransport(seconds=0)
    worker, other = _queue(tmp_path, failing), _queue(tmp_path, working)
    _put(worker)
    listed = other.pending()  # listed by `other` just before `worker` tries
    assert worker.deliver_due(NOW) == (0, 1)
    monkeypatch.setattr(other, "pending", lambda: listed)
    assert other.deliver_due(NOW) == (0, 0)  # read again under the lock: wait
    assert working.sent == []
    monkeypatch.undo()
    (waiting,) = other.pending()
    assert waiting.attempts == 1
    assert other.deliver_due(NOW + timedelta(minutes=2)) == (1, 0)
    assert working.sent == [waiting.id]


def test_a_message_already_sent_elsewhere_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    transport = SlowTransport(seconds=0)
    queue, other = _queue(tmp_path, transport), _queue(tmp_path, transport)
    _put(queue)
    listed = other.pending()
    assert queue.deliver_due(NOW) == (1, 0)
    monkeypatch.setattr(other, "pending", lambda: listed)
    assert other.deliver_due(NOW) == (0, 0)
    assert len(transport.sent) == 1


def test_a_held_message_waits_for_its_sender_not_for_tick(tmp_path: Path) -> None:
    transport = SlowTransport(seconds=0)
    queue, tick = _queue(tmp_path, transport), _queue(tmp_path, transport)
    held = _put(queue, hold=True)
    assert tick.deliver_due(NOW + HOLD - timedelta(seconds=1)) == (0, 0)
    queue.deliver_held(held, NOW)
    assert transport.sent == [held.mails[0].id]
    assert queue.pending() == []
    assert tick.deliver_due(NOW + HOLD) == (0, 0)  # sent once


def test_a_held_message_whose_sender_died_is_sent_after_the_hold(
    tmp_path: Path,
) -> None:
    transport = SlowTransport(seconds=0)
    queue = _queue(tmp_path, transport)
    held = _put(queue, count=2, hold=True)
    # ... and the worker stops before `deliver_held`.
    tick = _queue(tmp_path, transport)
    assert tick.deliver_due(NOW + HOLD) == (2, 0)
    assert transport.sent == [mail.id for mail in held.mails]


def test_a_held_message_that_fails_is_retried_after_the_backoff(
    tmp_path: Path,
) -> None:
    failing, working = SlowTransport(seconds=0, fail=True), SlowTransport(seconds=0)
    queue = _queue(tmp_path, failing)
    held = _put(queue, hold=True)
    queue.deliver_held(held, NOW)
    (waiting,) = queue.pending()
    assert (waiting.attempts, waiting.next_attempt_at) == (
        1,
        (NOW + timedelta(minutes=1)).isoformat(),
    )
    tick = _queue(tmp_path, working)
    assert tick.deliver_due(NOW + timedelta(minutes=1)) == (1, 0)
    assert working.sent == [held.mails[0].id]


def test_held_mail_leaves_the_outbox_only_once_its_file_is_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    mail_dir = tmp_path / "mail"
    queue = MailQueue(
        store.outbox, FileTransport(mail_dir), "x@xarxa.example", store.locks
    )
    held = _put(queue, count=3, hold=True)
    events: list[str] = []
    real_sync, real_delete = files._fsync_directory, store.outbox.delete

    def sync(folder: Path) -> None:
        events.append(f"sync {folder.name}")
        real_sync(folder)

    def delete(record_id: str) -> None:
        events.append("delete")
        real_delete(record_id)

    monkeypatch.setattr(files, "_fsync_directory", sync)
    monkeypatch.setattr(store.outbox, "delete", delete)
    queue.deliver_held(held, NOW)
    assert events == ["sync mail", "delete"]  # one folder fsync, then the record
    assert len(list(mail_dir.glob("*.eml"))) == 3
    assert queue.pending() == []


class FailingFor(SlowTransport):
    """Refuses the messages to one address, takes the others."""

    def __init__(self, refused: str) -> None:
        super().__init__(seconds=0)
        self.refused = refused

    def send(self, message: Composed) -> None:
        if message.recipient.address == self.refused:
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"no")})
        super().send(message)


def test_a_batch_keeps_only_its_messages_that_failed(tmp_path: Path) -> None:
    transport = FailingFor("1@example.org")
    queue = _queue(tmp_path, transport)
    batch = _put(queue, count=3, hold=True)
    queue.deliver_held(batch, NOW)
    assert transport.sent == [batch.mails[0].id, batch.mails[2].id]
    (left,) = queue.pending()
    assert (left.id, left.attempts) == (batch.mails[1].id, 1)
    assert "SMTPRecipientsRefused" in left.last_error
    later = NOW + timedelta(minutes=1)
    assert queue.deliver_due(later) == (0, 1)  # still refused: kept, tried again
    transport.refused = ""
    assert queue.deliver_due(later + timedelta(minutes=5)) == (1, 0)
    assert queue.pending() == []
    assert len(transport.sent) == 3


def test_a_message_stored_before_batches_is_still_sent(tmp_path: Path) -> None:
    transport = SlowTransport(seconds=0)
    store = open_store(tmp_path)
    old = OutgoingMail(
        "abcdefgh12345678", "a@example.org", "S", "Text", "<p>T</p>", "ca",
        NOW.isoformat(), next_attempt_at=NOW.isoformat(),
    )  # fmt: skip
    store.outbox.put(old.id, dataclasses.asdict(old))  # one message, one record
    queue = _queue(tmp_path, transport)
    assert queue.pending() == [old]
    assert queue.deliver_due(NOW) == (1, 0)
    assert transport.sent == [old.id]
    assert queue.pending() == []


def test_no_messages_make_no_record(tmp_path: Path) -> None:
    queue = _queue(tmp_path, SlowTransport(seconds=0))
    batch = queue.put_all([], NOW, hold=True)
    assert list((tmp_path / "outbox").iterdir()) == []
    queue.deliver_held(batch, NOW)
    assert queue.pending() == []
