"""Helpers of the dashboard's tests: sign in the way a person does, read pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.forms.conftest import body_of, read_mail_files

PUBLIC_URL = "http://forms.test/forms"
SIGN_IN_LINK = re.compile(re.escape(PUBLIC_URL) + r"(/(?:ca|es|en)/admin/sign-in/\S+)")


def sign_in_path(app: Flask, email: str) -> str:
    """Return the path of the newest sign-in link mailed to *email*."""
    for message in reversed(read_mail_files(Path(app.config["DATA_DIR"]))):
        found = SIGN_IN_LINK.search(body_of(message))
        if str(message["To"]) == email and found:
            return found[1]
    raise AssertionError(f"no sign-in link was mailed to {email}")


def sign_in(app: Flask, client: FlaskClient, email: str, lang: str = "ca") -> None:
    """Ask for a link, open it, press "Sign in" (CSRF off in the `app` fixture)."""
    asked = client.post(f"/{lang}/admin/sign-in", data={"email": email})
    assert asked.status_code == 302
    pressed = client.post(sign_in_path(app, email))
    assert pressed.status_code == 302, pressed.get_data(as_text=True)
    assert pressed.location.endswith(f"/{lang}/admin/")


def path_of(location: str) -> str:
    """Return a redirect's target as the test client's path (without /forms)."""
    return location.removeprefix(PUBLIC_URL).removeprefix("/forms")


def text_of(html: str) -> str:
    """Return the page's text with tags removed and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
