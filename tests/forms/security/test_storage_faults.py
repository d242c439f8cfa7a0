"""Storage faults: a full disk at each write of a submission, a crash's leftovers,
a clock running backwards. Each case checks the clear answer and that nothing
acknowledged is lost (and nothing half-written is shown as saved)."""

from __future__ import annotations

import errno
import html
import logging
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from forms_service.services import Services
from forms_service.store.files import TEMP_SUFFIX, remove_temporaries
from tests.forms.conftest import FakeClock, open_store
from tests.forms.decide_support import submit_referral
from tests.forms.submit_support import post_form, referral_form, text

FORM = "/ca/connectat-referral/"
CHECK = "/ca/connectat-referral/check"


def _disk_full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _send_on_a_full_disk(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, failing: str
) -> TestResponse:
    """Fill the referral, then press Send while *failing* finds the disk full."""
    post_form(client, FORM, referral_form())
    with monkeypatch.context() as patch:
        patch.setattr(failing, _disk_full)
        return client.post(CHECK)


@pytest.fixture(autouse=True)
def _quiet_expected_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="forms_service")


def test_a_full_disk_while_saving_the_request_keeps_the_answers_for_a_retry(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = _send_on_a_full_disk(
        client, monkeypatch, "forms_service.store.tinystorage.atomic_write_bytes"
    )
    assert failed.status_code == 503
    assert failed.headers["Retry-After"] == "120"
    page = html.unescape(text(failed))
    assert "no s'ha pogut desar la sol·licitud" in page
    assert "Anna Exemple" in page  # the answers are still there, on the check page
    assert services.store.submissions.index() == []
    assert list(services.store.submissions.root.rglob("*.json")) == []
    retried = client.post(CHECK)
    assert retried.status_code == 302
    [entry] = services.store.submissions.index()
    assert (
        services.store.submissions.get(entry.reference).answers["person_name"]
        == "J. P."
    )


def test_a_full_disk_while_writing_the_index_loses_no_acknowledged_request(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _send_on_a_full_disk(
        client, monkeypatch, "forms_service.store.submissions.append_line"
    )
    assert sent.status_code == 302  # acknowledged: the request itself is saved
    reference = sent.headers["Location"].rsplit("/", 1)[-1]
    assert services.store.submissions.get(reference).answers["person_name"] == "J. P."
    assert services.store.submissions.rebuild_index() == 1  # `xarxa reindex`
    assert [e.reference for e in services.store.submissions.index()] == [reference]


def test_a_full_disk_while_queuing_the_mail_keeps_the_request(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _send_on_a_full_disk(
        client, monkeypatch, "forms_service.mail.outbox.MailQueue.put_all"
    )
    assert sent.status_code == 302
    [entry] = services.store.submissions.index()
    assert sent.headers["Location"].endswith(entry.reference)
    assert services.store.submissions.get(entry.reference).answers


def test_a_full_disk_during_a_decision_changes_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = submit_referral(services, is_minor=False)
    with monkeypatch.context() as patch:
        patch.setattr("forms_service.store.tinystorage.atomic_write_bytes", _disk_full)
        with pytest.raises(OSError, match="No space left"):
            services.requests.act(
                submission.reference, "approve",
                actor="coordinacio.connectat@olesa.example", channel="dashboard",
            )  # fmt: skip
    stored = services.store.submissions.get(submission.reference)
    assert stored == submission  # the previous version, whole


def test_a_crash_mid_write_leaves_a_store_that_loads(
    app: Flask, services: Services
) -> None:
    submission = submit_referral(services, is_minor=False)
    path = next(services.store.submissions.root.rglob("*.json"))
    torn = path.with_name(f".{path.name}.abc{TEMP_SUFFIX}")
    torn.write_bytes(path.read_bytes()[:20])  # a write cut short by SIGKILL
    old = 2 * 3600
    os.utime(torn, (torn.stat().st_mtime - old, torn.stat().st_mtime - old))
    store = open_store(Path(app.config["DATA_DIR"]))  # a worker starting again
    assert store.submissions.get(submission.reference) == submission
    assert store.remove_temporaries() == 1  # what `xarxa tick` does
    assert not torn.exists()
    assert store.submissions.get(submission.reference) == submission


def test_a_young_temporary_of_another_worker_is_left_alone(tmp_path: Path) -> None:
    young = tmp_path / f".x.json.abc{TEMP_SUFFIX}"
    young.write_bytes(b"{")
    assert remove_temporaries(tmp_path) == 0
    assert young.exists()


@pytest.mark.parametrize("back", [timedelta(hours=1), timedelta(days=30)])
def test_a_clock_moving_backwards_expires_and_escalates_nothing(
    services: Services, clock: FakeClock, back: timedelta
) -> None:
    submission = submit_referral(services, is_minor=False)
    report = services.requests.tick(clock() - back)
    assert report.submissions_changed == 0
    stored = services.store.submissions.get(submission.reference)
    assert stored.state == submission.state
    assert stored.outcome is None
    assert stored.tasks == submission.tasks
