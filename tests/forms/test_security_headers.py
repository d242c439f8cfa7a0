"""Every page of the forms service sends the security headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from forms_service.security import content_security_policy
from tests.forms.conftest import FakeClock, make_app


@pytest.mark.parametrize(
    "url", ["/ca/", "/ca/connectat-referral/", "/es/admin/sign-in", "/ca/nowhere/"]
)
def test_headers_on_every_response(client: FlaskClient, url: str) -> None:
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # no script at all
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_policy_allows_the_catalogue_stylesheet_only() -> None:
    policy = content_security_policy("https://serveis.example/cat/")
    assert "style-src 'self' https://serveis.example;" in policy


def test_cookies_are_secure_behind_https(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock, PUBLIC_URL="https://tramits.example")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
