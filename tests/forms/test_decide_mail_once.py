"""A queued message is sent once even when two workers deliver it at the same time.

The lock is a file lock (one open file each, as two processes would have), so
two threads of this process contend for it exactly as two gunicorn workers or a
worker and `xarxa tick` do.
"""

from __future__ import annotations

import contextlib
import smtplib
import threading
import time
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from forms_service.mail import MailQueue
from forms_service.workflow import MADRID
from tests.forms.conftest import open_store

NOW = datetime(2026, 3, 3, 10, 0, tzinfo=MADRID)


class SlowTransport:
    """Takes a while to hand a message over, and remembers each one."""

    def __init__(self, seconds: float = 0.3, fail: bool = False) -> None:
        self.seconds, self.fail = seconds, fail
        self.sent: list[str] = []

    def send(self, message: EmailMessage) -> None:
        time.sleep(self.seconds)
        if self.fail:
            raise smtplib.SMTPServerDisconnected("server went away")
        self.sent.append(str(message["X-Xarxa-Mail-Id"]))

    def conversation(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()


def _queue(root: Path, transport: SlowTransport) -> MailQueue:
    store = open_store(root)  # each "worker" opens the store itself
    return MailQueue(
        store.outbox, transport, "Xarxa <no-reply@xarxa.example>", store.locks
    )


def _together(*calls: tuple[MailQueue, str]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, queue: MailQueue, how: str) -> None:
        barrier.wait()
        if how == "deliver":
            mail = queue.pending()[0] if queue.pending() else None
            results[index] = queue.deliver(mail, NOW) if mail else "nothing"
        else:
            results[index] = queue.deliver_due(NOW)

    threads = [
        threading.Thread(target=run, args=(i, queue, how))
        for i, (queue, how) in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("how", ["deliver", "deliver_due"])
def test_two_workers_delivering_the_same_message_send_it_once(
    tmp_path: Path, how: str
) -> None:
    one, two = SlowTransport(), SlowTransport()
    first, second = _queue(tmp_path, one), _queue(tmp_path, two)
    first.put("a@example.org", "Subject", "Text", "<p>Text</p>", "ca", NOW)
    results = _together((first, how), (second, how))
    assert len(one.sent) + len(two.sent) == 1
    assert first.pending() == []
    if how == "deliver":
        assert results == [True, True]  # sent here, or on its way from the other
    else:
        assert sorted(results) == [(0, 0), (1, 0)]  # counted once, by the sender


def test_a_stale_copy_does_not_resend_before_the_backoff(tmp_path: Path) -> None:
    failing = SlowTransport(seconds=0, fail=True)
    working = SlowTransport(seconds=0)
    worker = _queue(tmp_path, failing)
    mail = worker.put("a@example.org", "Subject", "Text", "<p>Text</p>", "ca", NOW)
    assert worker.deliver(mail, NOW) is False
    other = _queue(tmp_path, working)
    assert other.deliver(mail, NOW) is True  # its copy is stale: the store says wait
    assert working.sent == []
    (waiting,) = other.pending()
    assert waiting.attempts == 1
    assert other.deliver_due(NOW + timedelta(minutes=2)) == (1, 0)
    assert working.sent == [mail.id]


def test_a_message_already_sent_elsewhere_is_skipped(tmp_path: Path) -> None:
    transport = SlowTransport(seconds=0)
    queue = _queue(tmp_path, transport)
    mail = queue.put("a@example.org", "Subject", "Text", "<p>Text</p>", "ca", NOW)
    assert queue.deliver(mail, NOW) is True
    assert queue.deliver(mail, NOW) is True
    assert transport.sent == [mail.id]
    assert queue.deliver_due(NOW) == (0, 0)
