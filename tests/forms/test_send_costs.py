"""What keeps sending a referral cheap: mail templates read once per worker,
and one folder fsync for the files a request writes together, without changing
what is stored or sent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service import notifications
from forms_service.store import files
from forms_service.store.files import atomic_write_bytes, folder_syncs_at_end
from forms_service.workflow import Template
from tests.forms.submit_support import post_form, referral_form

START = "/ca/connectat-referral/"


@pytest.fixture
def fsynced(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record what the store fsyncs (files and folders), in order."""
    paths: list[Path] = []
    real = os.fsync

    def recording(descriptor: int) -> None:
        paths.append(Path(os.readlink(f"/proc/self/fd/{descriptor}")))
        real(descriptor)

    monkeypatch.setattr(files.os, "fsync", recording)
    return paths


@pytest.fixture
def template_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record each mail template read from disk, as (name, language)."""
    reads: list[tuple[str, str]] = []
    real = notifications.load_template

    def recording(directory: Path, name: str, language: str) -> Template:
        reads.append((name, language))
        return real(directory, name, language)

    monkeypatch.setattr(notifications, "load_template", recording)
    return reads


def _send(client: FlaskClient) -> None:
    post_form(client, START, referral_form())
    assert client.post("/ca/connectat-referral/check").status_code == 302


def test_mail_templates_are_read_once_per_worker(
    app: Flask, client: FlaskClient, template_reads: list[tuple[str, str]]
) -> None:
    _send(client)
    first = list(template_reads)
    # Three mails: one to the sender, the same template to two approvers.
    assert sorted(first) == [("decision_needed", "ca"), ("request_received", "ca")]
    _send(client)
    assert template_reads == first


def test_mail_templates_are_read_each_time_when_templates_auto_reload(
    app: Flask, client: FlaskClient, template_reads: list[tuple[str, str]]
) -> None:
    app.jinja_env.auto_reload = True  # as in debug mode
    _send(client)
    _send(client)
    assert len(template_reads) == 6
    assert template_reads[:3] == template_reads[3:]


def test_every_acknowledged_record_of_a_send_is_durable(
    app: Flask, client: FlaskClient, fsynced: list[Path]
) -> None:
    post_form(client, START, referral_form())
    data = Path(app.config["DATA_DIR"]).resolve()
    fsynced.clear()
    assert client.post("/ca/connectat-referral/check").status_code == 302
    # The three mails are one outbox record; each approval link is a token.
    for folder, count in (("outbox", 1), ("tokens", 2)):
        # Each new file fsynced, then its folder once, after the last of them.
        written = [p for p in fsynced if p.parent == data / folder]
        assert len(written) == count
        assert fsynced.count(data / folder) == 1
        last = max(i for i, p in enumerate(fsynced) if p.parent == data / folder)
        assert fsynced.index(data / folder) > last
    assert data / "tokens" in fsynced[: fsynced.index(data / "drafts")]
    for folder in ("drafts", "mail"):
        assert data / folder in fsynced
    # The reference counter is a hint (see `SubmissionStore.next_reference`).
    assert not any(data / "counters" in (p, p.parent) for p in fsynced)
    assert data / "index.jsonl" in fsynced
    assert any(p.parent.parent == data / "submissions" for p in fsynced)


def test_folder_syncs_wait_for_the_end_of_the_block(
    tmp_path: Path, fsynced: list[Path]
) -> None:
    folder = tmp_path.resolve()
    with folder_syncs_at_end():
        for name in ("a", "b", "c"):
            atomic_write_bytes(folder / name, name.encode())
        with folder_syncs_at_end():  # the outer block fsyncs
            atomic_write_bytes(folder / "d", b"d")
        assert folder not in fsynced
        assert len(fsynced) == 4  # each file, as it is written
    assert fsynced[4:] == [folder]
    atomic_write_bytes(folder / "e", b"e")  # outside a block: at once
    assert fsynced[5].parent == folder  # the file (a temporary name until renamed)
    assert fsynced[6:] == [folder]


def test_folder_syncs_happen_even_when_the_block_fails(
    tmp_path: Path, fsynced: list[Path]
) -> None:
    folder = tmp_path.resolve()

    def write_then_fail() -> None:
        with folder_syncs_at_end():
            atomic_write_bytes(folder / "a", b"a")
            raise RuntimeError("after a write")

    with pytest.raises(RuntimeError, match="after a write"):
        write_then_fail()
    assert len(fsynced) == 2
    assert (fsynced[0].parent, fsynced[1]) == (folder, folder)
