"""Privacy at rest and in time: an encrypted store, key rotation, retention.

Each case plants a fault or a hostile reading (a copied store, a wrong key, a
clock that runs back, a blocked request asked for its files) and checks both the
clear answer and that nothing was lost or exposed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from catalogue.cli import main
from forms_service.access_log import read_accesses, record_access
from forms_service.retention import apply_retention
from forms_service.services import Services
from forms_service.store import Cipher, Store, UnreadableData
from forms_service.store.cipher import new_key
from forms_service.store.files import append_line
from forms_service.workflow import Submission
from tests.conftest import REPO
from tests.forms.admin_helpers import sign_in, text_of
from tests.forms.conftest import TEST_DATA_KEY, FakeClock, referral_answers
from tests.forms.decide_support import PDF

COORDINATION = "coordinacio.connectat@olesa.example"
#: What a referral says about people; none of it may be readable on disk.
PERSONAL = (
    b"Anna Exemple",
    b"anna@escola.example",
    b"930 000 000",
    b"J. P.",
    b"M. P.",
    b"Situaci",
    b"informe.pdf",
    b"%PDF",
    b"olesa.example",
)
RETENTION = timedelta(days=2 * 366 + 2)  # the workflow's 2 years, and a little
BLOCKING = timedelta(days=3 * 366 + 2)


def _files(data_dir: Path) -> dict[Path, bytes]:
    """Every file of the store but the development mail sink (`mail/`)."""
    return {
        path: path.read_bytes()
        for path in data_dir.rglob("*")
        if path.is_file() and "mail" not in path.relative_to(data_dir).parts
    }


def _pdf(services: Services) -> dict[str, Any]:
    blob = services.store.uploads.add(PDF)
    return {
        "blob": blob, "name": "informe.pdf", "size": len(PDF),
        "type": "application/pdf",
    }  # fmt: skip


def _closed_referral(services: Services, clock: FakeClock) -> Submission:
    answers = referral_answers(is_minor=False, attachments=[_pdf(services)])
    submission = services.requests.submit("connectat-referral", answers, "ca")
    record_access(services.store, submission.reference, COORDINATION, "view", clock())
    clock.advance(hours=1)
    return services.requests.act(
        submission.reference, "approve", actor=COORDINATION, channel="dashboard"
    )


def _rotate(monkeypatch: pytest.MonkeyPatch, data_dir: Path, keys: str) -> Result:
    """Run `xarxa keys rotate` on *data_dir* with XARXA_DATA_KEY=*keys*."""
    monkeypatch.setenv("XARXA_SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("XARXA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XARXA_WORKFLOWS_DIR", str(REPO / "workflows"))
    monkeypatch.setenv("XARXA_DATA_KEY", keys)
    return CliRunner().invoke(main, ["keys", "rotate"])


@pytest.mark.parametrize("personal", PERSONAL)
def test_a_copied_store_reveals_no_personal_data(
    app: Flask, services: Services, clock: FakeClock, personal: bytes
) -> None:
    referral = _closed_referral(services, clock)
    files = _files(Path(app.config["DATA_DIR"]))
    assert len(files) > 5
    assert [str(path) for path, data in files.items() if personal in data] == []
    stored = services.store.submissions.get(referral.reference)  # nothing lost
    assert stored.answers["person_name"] == "J. P."
    assert services.store.uploads.read(stored.answers["attachments"][0]["blob"]) == PDF


def test_rotating_the_key_keeps_everything_readable(
    app: Flask, services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    referral = _closed_referral(services, clock)
    data_dir = Path(app.config["DATA_DIR"])
    before = _files(data_dir)
    fresh = new_key()
    result = _rotate(monkeypatch, data_dir, f"{fresh},{TEST_DATA_KEY}")
    assert result.exit_code == 0, result.output
    assert "re-encrypted under the first key" in result.output
    after = _files(data_dir)
    changed = [
        path
        for path in before
        if path.suffix != ".lock" and before[path] != after.get(path)
    ]
    assert changed  # every encrypted file was rewritten...
    only_new = Store(data_dir, Cipher([fresh]))  # ...and the old key can go
    stored = only_new.submissions.get(referral.reference)
    assert stored.answers["person_name"] == "J. P."
    assert only_new.uploads.read(stored.answers["attachments"][0]["blob"]) == PDF
    assert [a.who for a in read_accesses(only_new, referral.reference)] == [
        COORDINATION
    ]


def test_a_store_opened_with_the_wrong_key_says_so_and_changes_nothing(
    app: Flask, services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    referral = _closed_referral(services, clock)
    data_dir = Path(app.config["DATA_DIR"])
    before = _files(data_dir)
    with pytest.raises(UnreadableData, match="not in XARXA_DATA_KEY"):
        Store(data_dir, Cipher([new_key()])).submissions.get(referral.reference)
    result = _rotate(monkeypatch, data_dir, new_key())
    assert result.exit_code == 1
    assert "list the key it was written with after the new one" in result.output
    assert {p: d for p, d in _files(data_dir).items() if p.suffix != ".lock"} == {
        p: d for p, d in before.items() if p.suffix != ".lock"
    }


def test_nothing_is_removed_before_its_retention_ends(
    services: Services, clock: FakeClock
) -> None:
    referral = _closed_referral(services, clock)
    assert referral.purge_after is not None
    report = apply_retention(
        services.store, services.registry, referral.purge_after - timedelta(seconds=1)
    )
    assert (report.blocked, report.removed) == (0, 0)
    assert services.store.submissions.get(referral.reference).blocked_at is None


def test_a_clock_running_backwards_blocks_and_removes_nothing(
    services: Services, clock: FakeClock
) -> None:
    referral = _closed_referral(services, clock)
    earlier = clock() - timedelta(days=800)
    report = apply_retention(services.store, services.registry, earlier)
    assert (report.blocked, report.removed) == (0, 0)
    assert services.store.submissions.get(referral.reference).answers


def test_an_open_request_is_never_removed(services: Services, clock: FakeClock) -> None:
    answers = referral_answers(is_minor=False)
    submission = services.requests.submit("connectat-referral", answers, "ca")
    report = apply_retention(
        services.store, services.registry, clock() + timedelta(days=20 * 365)
    )
    assert report.removed == 0
    assert services.store.submissions.get(submission.reference).answers


def test_a_blocked_request_shows_and_sends_nothing_then_leaves_an_audit_record(
    app: Flask, client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    referral = _closed_referral(services, clock)
    blob = referral.answers["attachments"][0]["blob"]
    sign_in(app, client, COORDINATION, "en")
    report = apply_retention(services.store, services.registry, clock() + RETENTION)
    assert (report.blocked, report.removed) == (1, 0)

    blocked = services.store.submissions.get(referral.reference)
    assert blocked.blocked_at is not None
    assert blocked.answers["person_name"] == "J. P."  # kept, encrypted
    page = text_of(client.get(f"/en/admin/{referral.reference}").get_data(as_text=True))
    assert "Blocked on" in page
    assert "J. P." not in page
    download = client.get(f"/en/admin/{referral.reference}/files/{blob}")
    assert download.status_code == 404
    assert services.store.uploads.read(blob) == PDF  # refused, not lost

    report = apply_retention(
        services.store, services.registry, clock() + RETENTION + BLOCKING
    )
    assert (report.blocked, report.removed) == (0, 1)
    with pytest.raises(FileNotFoundError):
        services.store.uploads.read(blob)
    record = services.store.submissions.audit_record(referral.reference)
    assert record is not None
    assert [e["action"] for e in record["events"]] == ["submit", "approve", "block"]
    text = str(record)
    for personal in ("J. P.", "Anna", "escola.example", "olesa.example", "informe"):
        assert personal not in text
    [entry] = [
        e
        for e in services.store.submissions.index()
        if e.reference == referral.reference
    ]
    assert entry.state == "removed"
    page = text_of(client.get(f"/en/admin/{referral.reference}").get_data(as_text=True))
    assert "Removed on" in page
    assert "approved" in page
    services.approval_links.purge_expired(clock() + RETENTION + BLOCKING)
    data_dir = Path(app.config["DATA_DIR"])
    leftovers = [
        path for path, data in _files(data_dir).items()
        if path.parent.name
        not in ("locks", "keys", "counters", "definitions", "sign-in", "rates")
        and path.name != "index.jsonl" and path.parent.name != "audit"
    ]  # fmt: skip
    assert leftovers == []  # answers, files, access log and link records are gone


def test_the_data_inventory_in_security_md_is_current() -> None:
    result = CliRunner().invoke(main, ["data-inventory"])
    assert result.exit_code == 0, result.output
    security = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    start = security.index("<!-- inventory:start -->\n") + len(
        "<!-- inventory:start -->\n"
    )
    assert security[start : security.index("<!-- inventory:end -->")] == result.output
    assert "`person_name`" in result.output
    assert "`description`" in result.output


def test_no_file_of_the_store_is_open_to_other_users(
    app: Flask, services: Services, clock: FakeClock
) -> None:
    """Encryption keeps a copy unreadable; the files' modes keep other local
    users from even reading them (or holding their locks)."""
    _closed_referral(services, clock)
    data_dir = Path(app.config["DATA_DIR"])
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.parent.name == "locks" for path in files)
    assert {
        str(path.relative_to(data_dir)): oct(path.stat().st_mode & 0o777)
        for path in files
        if path.stat().st_mode & 0o077
    } == {}


def test_a_log_made_open_to_others_is_narrowed_at_its_next_line(tmp_path: Path) -> None:
    log = tmp_path / "index.jsonl"
    log.write_text('{"made": "before"}\n', encoding="utf-8")
    log.chmod(0o644)
    append_line(log, '{"made": "after"}')
    assert oct(log.stat().st_mode & 0o777) == oct(0o600)
    assert log.read_text(encoding="utf-8").splitlines() == [
        '{"made": "before"}',
        '{"made": "after"}',
    ]


def test_a_new_store_folder_is_closed_to_other_users(tmp_path: Path) -> None:
    Store(tmp_path / "data", Cipher.from_setting(TEST_DATA_KEY))
    assert oct((tmp_path / "data").stat().st_mode & 0o777) == oct(0o700)
