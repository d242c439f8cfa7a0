"""The development mail page: only in development, only the mail folder's messages."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask import Flask

from forms_service.services import Services
from tests.forms.conftest import FakeClock, body_of, make_app
from tests.forms.decide_support import (
    COORDINATION,
    LINK,
    mail_of,
    submit_referral,
    text_of,
)


@pytest.fixture
def dev_app(tmp_path: Path, clock: FakeClock) -> Flask:
    return make_app(tmp_path / "data", clock, ENV="development")


def _mail_ids(app: Flask) -> list[str]:
    """Return the ids of the mail files, in the order `mail_of` reads them."""
    paths = (Path(app.config["DATA_DIR"]) / "mail").glob("*.eml")
    return [path.stem for path in sorted(paths, key=lambda p: p.stat().st_mtime_ns)]


def test_outside_development_the_page_does_not_exist(
    app: Flask, services: Services
) -> None:
    assert app.config["ENV"] == "production"
    submit_referral(services)
    client = app.test_client()
    assert client.get("/dev/mail/").status_code == 404
    for mail_id in _mail_ids(app):
        assert client.get(f"/dev/mail/{mail_id}").status_code == 404


def test_the_list_shows_the_newest_first_with_date_recipient_and_subject(
    dev_app: Flask, clock: FakeClock
) -> None:
    services: Services = dev_app.extensions["xarxa"]
    first = submit_referral(services, lang="en")
    clock.advance(days=1)
    second = submit_referral(services, lang="en")
    page = dev_app.test_client().get("/dev/mail/")
    assert page.status_code == 200
    text = text_of(page.get_data(as_text=True))
    assert "6 missatges, del més recent al més antic" in text
    assert text.index(second.reference) < text.index(first.reference)
    assert f"We have received request {second.reference}" in text
    assert COORDINATION in text


def test_a_message_shows_its_text_with_clickable_links(dev_app: Flask) -> None:
    services: Services = dev_app.extensions["xarxa"]
    submission = submit_referral(services)
    client = dev_app.test_client()
    for message, mail_id in zip(mail_of(dev_app), _mail_ids(dev_app), strict=True):
        page = client.get(f"/dev/mail/{mail_id}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert submission.reference in html
        assert str(message["To"]) in html
        assert message["Content-Language"] == "ca"
        assert "<dd>ca</dd>" in html  # the language the mail is written in
        link = LINK.search(body_of(message))
        assert link is not None
        assert f'<a href="{link[0]}">{link[0]}</a>' in html


def test_message_text_is_escaped_and_only_http_links_are_made(dev_app: Flask) -> None:
    folder = Path(dev_app.config["DATA_DIR"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    message = EmailMessage()
    message["To"] = "x@example.org"
    message["Subject"] = "<b>subject</b>"
    message.set_content(
        "Click <script>alert(1)</script> javascript:alert(1) and "
        'http://forms.test/forms/ca/status/a?b=1&c="2". Then stop.\n'
    )
    (folder / "HandMadeMessage1.eml").write_bytes(message.as_bytes())
    html = (
        dev_app.test_client().get("/dev/mail/HandMadeMessage1").get_data(as_text=True)
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;subject&lt;/b&gt;" in html
    assert '<a href="http://forms.test/forms/ca/status/a?b=1&amp;c=">' in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fsecret",
        "..",
        "short",
        "HandMadeMessage1.eml",
        "tokens",
        "a" * 129,
        "Not%20an%20id",
        "Link2Outside",
    ],
)
def test_only_well_formed_names_of_real_mail_files_are_read(
    dev_app: Flask, tmp_path: Path, name: str
) -> None:
    folder = Path(dev_app.config["DATA_DIR"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    secret = tmp_path / "secret.eml"
    secret.write_text("To: x@example.org\nSubject: secret\n\nsecret text\n")
    os.symlink(secret, folder / "Link2Outside.eml")
    (folder / "notes.txt").write_text("not mail")
    client = dev_app.test_client()
    page = client.get(f"/dev/mail/{name}")
    assert page.status_code == 404
    assert "secret text" not in page.get_data(as_text=True)
    listing = client.get("/dev/mail/").get_data(as_text=True)
    assert "secret" not in listing
    assert "notes" not in listing
