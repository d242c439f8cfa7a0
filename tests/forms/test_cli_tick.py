"""`xarxa tick` runs the clock and retries the outbox, as cron would."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli import main
from forms_service.services import Services
from forms_service.workflow import MADRID
from tests.conftest import REPO
from tests.forms.conftest import (
    TEST_DATA_KEY,
    FakeClock,
    free_port,
    make_app,
    referral_answers,
)


def test_tick_sends_the_mail_that_failed(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.now = datetime.now(MADRID) - timedelta(minutes=5)  # tick uses the real clock
    data_dir = tmp_path / "data"
    down = make_app(data_dir, clock, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    services: Services = down.extensions["xarxa"]
    services.requests.submit("connectat-referral", referral_answers(), "ca")
    assert len(services.queue.pending()) == 3
    monkeypatch.setenv("XARXA_SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("XARXA_DATA_KEY", TEST_DATA_KEY)
    monkeypatch.setenv("XARXA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XARXA_WORKFLOWS_DIR", str(REPO / "workflows"))
    result = CliRunner().invoke(main, ["tick"])
    assert result.exit_code == 0, result.output
    assert "0 submission(s) changed, 3 mail(s) sent, 0 mail(s) failed, 0 old" in (
        result.output
    )
    assert len(list((data_dir / "mail").glob("*.eml"))) == 3


def test_tick_refuses_to_run_without_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XARXA_SECRET_KEY", raising=False)
    monkeypatch.setenv("XARXA_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["tick"])
    assert result.exit_code == 1
    assert "XARXA_SECRET_KEY is not set" in result.output


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "XARXA_DATA_KEY is not set"),
        ("not-a-key", "XARXA_DATA_KEY: a data key is not a Fernet key"),
        (" , ", "XARXA_DATA_KEY: no data key given"),
    ],
)
def test_tick_refuses_to_run_without_a_usable_data_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str | None, message: str
) -> None:
    monkeypatch.setenv("XARXA_SECRET_KEY", "test-secret-key")
    if key is None:
        monkeypatch.delenv("XARXA_DATA_KEY", raising=False)
    else:
        monkeypatch.setenv("XARXA_DATA_KEY", key)
    monkeypatch.setenv("XARXA_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(main, ["tick"])
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "data").exists()  # nothing written without a key


def test_tick_refuses_a_sender_that_is_not_one_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XARXA_SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("XARXA_DATA_KEY", TEST_DATA_KEY)
    monkeypatch.setenv("XARXA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XARXA_WORKFLOWS_DIR", str(REPO / "workflows"))
    monkeypatch.setenv("XARXA_MAIL_FROM", "Xarxa, no-reply")
    result = CliRunner().invoke(main, ["tick"])
    assert result.exit_code == 1
    assert "XARXA_MAIL_FROM: not one email address: 'Xarxa, no-reply'" in result.output
