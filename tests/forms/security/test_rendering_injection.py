"""Hostile free text in a referral: shown escaped on every page that shows it,
never changing a mail's headers, and stored exactly as typed (nothing lost)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.forms.admin_helpers import sign_in
from tests.forms.decide_support import (
    COORDINATION,
    SUBMITTER,
    mail_of,
    newest,
    submit_referral,
)

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg onload=alert(1)>",
    "{{ config.SECRET_KEY }}",
    "{% for x in range(9) %}x{% endfor %}",
    "javascript:alert(1)",
    "Anna\r\nBcc: victim@evil.example",
    '=HYPERLINK("http://evil.example")',
]


class _Tags(HTMLParser):
    """Every element and attribute name a browser would build from a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _value in attrs)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_shown_escaped_everywhere_and_kept_as_typed(
    app: Flask, client: FlaskClient, services: Services, hostile: str
) -> None:
    submission = submit_referral(
        services, is_minor=False, description=hostile, person_name=hostile[:60]
    )
    stored = services.store.submissions.get(submission.reference)
    assert stored.answers["description"] == hostile  # nothing lost or altered

    decide = client.get(newest(mail_of(app), COORDINATION, "decide", "en"))
    status = client.get(newest(mail_of(app), SUBMITTER, "status", "en"))
    sign_in(app, client, COORDINATION, "en")
    detail = client.get(f"/en/admin/{submission.reference}")
    for response in (decide, status, detail):
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        built = _Tags(page)
        assert not built.tags & {"script", "img", "svg", "iframe"}
        assert not [name for name in built.attributes if name.startswith("on")]
        assert "test-secret-key" not in page
        assert 'href="javascript' not in page

    for message in mail_of(app):
        assert "evil.example" not in str(message["Bcc"] or "")
        assert [str(to) for to in message.get_all("To", [])] != []
        assert "evil.example" not in str(message["To"])
