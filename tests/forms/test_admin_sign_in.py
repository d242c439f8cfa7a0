"""Dashboard sign-in: emailed one-time links, no account enumeration, short sessions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.links import token_hash
from forms_service.services import Services
from tests.forms.admin_helpers import (
    SIGN_IN_LINK,
    path_of,
    sign_in,
    sign_in_path,
    text_of,
)
from tests.forms.conftest import FakeClock, body_of, make_app, read_mail_files

ADMIN = "coordinacio.connectat@olesa.example"
SENT = "If this address may sign in to the dashboard, we have sent it a link."


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    found = found or re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found[1]


def test_sign_in_end_to_end_with_csrf(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path / "data", clock)  # CSRF protection on
    client = app.test_client()
    form = client.get("/en/admin/sign-in")
    assert form.status_code == 200
    without_token = client.post("/en/admin/sign-in", data={"email": ADMIN})
    assert without_token.status_code == 400
    assert read_mail_files(tmp_path / "data") == []

    asked = client.post(
        "/en/admin/sign-in",
        data={"email": "  Coordinacio.Connectat@Olesa.example ", "csrf_token": _csrf(
            form.get_data(as_text=True)
        )},
    )  # fmt: skip
    assert asked.status_code == 302
    assert SENT in text_of(client.get(path_of(asked.location)).get_data(as_text=True))
    [message] = read_mail_files(tmp_path / "data")
    assert str(message["To"]) == ADMIN
    assert message["Subject"] == "Your link to sign in to the Xarxa dashboard"
    found = SIGN_IN_LINK.search(body_of(message))
    assert found is not None
    path = found[1]
    assert path.startswith("/en/admin/sign-in/")
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 22  # at least 128 bits, URL-safe base64
    stored = Path(app.config["DATA_DIR"]) / "sign-in"
    assert [p.stem for p in stored.glob("*.json")] == [token_hash(token)]
    assert token not in (stored / f"{token_hash(token)}.json").read_text()

    page = client.get(path)
    assert page.status_code == 200
    assert "Sign in" in text_of(page.get_data(as_text=True))
    pressed = client.post(path, data={"csrf_token": _csrf(page.get_data(as_text=True))})
    assert pressed.status_code == 302
    listing = client.get(path_of(pressed.location))
    assert listing.status_code == 200
    assert f"Signed in as {ADMIN}" in text_of(listing.get_data(as_text=True))


def test_unknown_address_gets_the_same_page_and_no_mail(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    known = client.post("/ca/admin/sign-in", data={"email": ADMIN})
    unknown = client.post("/ca/admin/sign-in", data={"email": "intrus@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert unknown.location == known.location
    assert (
        client.get(path_of(unknown.location)).get_data()
        == client.get(path_of(known.location)).get_data()
    )
    messages = read_mail_files(Path(app.config["DATA_DIR"]))
    assert [str(m["To"]) for m in messages] == [ADMIN]
    assert len(list(services.store.sessions.ids())) == 1


def test_a_malformed_address_is_refused_and_kept(client: FlaskClient) -> None:
    page = client.post("/en/admin/sign-in", data={"email": "not an address<>"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Enter an email address like name@example.org" in text_of(html)
    assert 'href="#email"' in html
    assert 'value="not an address&lt;&gt;"' in html


def test_opening_the_link_does_not_sign_in(app: Flask, client: FlaskClient) -> None:
    client.post("/ca/admin/sign-in", data={"email": ADMIN})
    path = sign_in_path(app, ADMIN)
    for _ in range(3):  # a mail scanner, a preview, the person
        assert client.get(path).status_code == 200
    assert client.get("/ca/admin/").status_code == 302
    assert client.post(path).status_code == 302  # the link still works once
    assert client.get("/ca/admin/").status_code == 200


def test_a_used_link_is_refused(app: Flask, client: FlaskClient) -> None:
    sign_in(app, client, ADMIN, "en")
    client.post("/en/admin/sign-out")
    path = sign_in_path(app, ADMIN)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "This link was already used" in text_of(response.get_data(as_text=True))
    assert client.get("/en/admin/").status_code == 302


def test_an_expired_link_is_refused(
    app: Flask, client: FlaskClient, clock: FakeClock
) -> None:
    client.post("/en/admin/sign-in", data={"email": ADMIN})
    path = sign_in_path(app, ADMIN)
    clock.advance(minutes=15)
    response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in text_of(response.get_data(as_text=True))
    assert client.get("/en/admin/").status_code == 302


def test_a_made_up_link_is_refused(client: FlaskClient) -> None:
    for token in ("x" * 43, "short", "y" * 300):
        response = client.post(f"/en/admin/sign-in/{token}")
        assert response.status_code == 404
        assert "This link is not valid" in text_of(response.get_data(as_text=True))
    assert client.get("/en/admin/").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/en/admin/",
        "/en/admin/?state=accepted",
        "/en/admin/export.csv",
        "/en/admin/quality",
        "/en/admin/XR-2026-000001",
        "/en/admin/XR-2026-000001/files/abcdefghijklmnop",
    ],
)
def test_every_page_needs_sign_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.endswith("/en/admin/sign-in")
    page = client.get(path_of(response.location))
    assert "Sign in to see this page." in text_of(page.get_data(as_text=True))


def test_sign_out_ends_the_session(app: Flask, client: FlaskClient) -> None:
    sign_in(app, client, ADMIN, "en")
    assert client.get("/en/admin/sign-out").status_code == 404  # POST only
    assert client.get("/en/admin/").status_code == 200
    assert client.post("/en/admin/sign-out").status_code == 302
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response.location.endswith("/en/admin/sign-in")


def test_the_session_ends_after_30_idle_minutes(
    app: Flask, client: FlaskClient, clock: FakeClock
) -> None:
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    sign_in(app, client, ADMIN, "en")
    clock.advance(minutes=29)
    assert client.get("/en/admin/").status_code == 200  # activity resets the wait
    clock.advance(minutes=29)
    assert client.get("/en/admin/").status_code == 200
    clock.advance(minutes=31)
    ended = client.get("/en/admin/")
    assert ended.status_code == 302
    page = text_of(client.get(path_of(ended.location)).get_data(as_text=True))
    assert "Your session ended after a while without activity." in page
    assert client.get("/en/admin/").status_code == 302


def test_signing_in_starts_a_fresh_short_session(
    app: Flask, client: FlaskClient
) -> None:
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    sign_in(app, client, ADMIN, "en")
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after["admin"] == ADMIN
        assert after.permanent
    cookie = client.get_cookie("session", domain="forms.test", path="/forms")
    assert cookie is not None
    assert cookie.expires is not None
    assert cookie.expires - datetime.now(UTC) < timedelta(minutes=31)


def test_the_link_is_in_the_page_language(app: Flask, client: FlaskClient) -> None:
    client.post("/es/admin/sign-in", data={"email": ADMIN})
    [message] = read_mail_files(Path(app.config["DATA_DIR"]))
    assert "/es/admin/sign-in/" in body_of(message)


def test_an_unknown_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/xx/admin/sign-in").status_code == 404


def test_old_sign_in_links_are_forgotten(
    client: FlaskClient, services: Services, clock: FakeClock
) -> None:
    client.post("/en/admin/sign-in", data={"email": ADMIN})
    [old] = services.store.sessions.ids()
    clock.advance(hours=12)
    client.post("/en/admin/sign-in", data={"email": ADMIN})
    assert old in set(services.store.sessions.ids())  # expired, kept a day
    clock.advance(days=1)
    client.post("/en/admin/sign-in", data={"email": ADMIN})
    remaining = list(services.store.sessions.ids())
    assert old not in remaining
    assert len(remaining) == 2
