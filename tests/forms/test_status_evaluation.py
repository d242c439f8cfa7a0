"""The supervision's evaluation: the entity rates it 0–10 on its status page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.services import Services
from tests.forms.conftest import FakeClock, make_app
from tests.forms.decide_support import (
    mail_of,
    newest,
    stored_state,
    supervision_answers,
    text_of,
)
from tests.forms.submit_support import INSIDE_CALL

ENTITY = "laia@exemple.example"
TECHNICIAN = "tecnica.supervisio@diputacio.example"
UNIT_HEAD = "cap.accio.social@diputacio.example"
DELIVERY = "supervisio.equips@diputacio.example"


@pytest.fixture
def supervision_app(tmp_path: Path, clock: FakeClock) -> Flask:
    clock.now = INSIDE_CALL
    return make_app(tmp_path / "data", clock, WTF_CSRF_ENABLED=False)


def _decide(app: Flask, client: FlaskClient, approver: str, action: str) -> str:
    path = newest(mail_of(app), approver, "decide", "en")
    pressed = client.post(path, data={"action": action})
    assert pressed.status_code == 302, pressed.get_data(as_text=True)
    return text_of(client.get(pressed.location.removeprefix("/forms")).get_data(True))


def _delivered(app: Flask, client: FlaskClient) -> tuple[str, str]:
    services: Services = app.extensions["xarxa"]
    submission = services.requests.submit(
        "supervisio-equips-application", supervision_answers(services), "en"
    )
    told = _decide(app, client, TECHNICIAN, "approve")
    assert f"Asked by email to decide next: {UNIT_HEAD}." in told
    _decide(app, client, UNIT_HEAD, "approve")
    page = client.get(newest(mail_of(app), DELIVERY, "decide", "en"))
    buttons = re.findall(r'name="action" value="(\w+)"', page.get_data(as_text=True))
    assert buttons == ["deliver"]
    assert "The person who sent the request was told by email." in _decide(
        app, client, DELIVERY, "deliver"
    )
    return submission.reference, newest(mail_of(app), ENTITY, "status", "en")


def test_the_rating_form_appears_once_delivered_and_explains_errors(
    supervision_app: Flask,
) -> None:
    client = supervision_app.test_client()
    reference, path = _delivered(supervision_app, client)
    page = client.get(path).get_data(as_text=True)
    assert "Rate the supervision" in page
    assert page.count('type="radio"') == 11
    assert "<legend>How do you rate the supervisors" in page
    before = stored_state(supervision_app, reference)
    for rating in (None, "11", "-1", "seven"):
        data = {"evaluation_comments": "Kept comment"}
        if rating is not None:
            data["rating"] = rating
        refused = client.post(path, data=data)
        assert refused.status_code == 400
        html = refused.get_data(as_text=True)
        assert '<a href="#rating-0">Choose a rating from 0 to 10.</a>' in html
        assert "Kept comment" in html
    assert stored_state(supervision_app, reference) == before


@pytest.mark.parametrize(
    ("rating", "state"), [("6", "follow_up"), ("7", "completed"), ("10", "completed")]
)
def test_a_rating_is_recorded_and_below_7_opens_the_follow_up(
    supervision_app: Flask, rating: str, state: str
) -> None:
    services: Services = supervision_app.extensions["xarxa"]
    client = supervision_app.test_client()
    reference, path = _delivered(supervision_app, client)
    sent = client.post(path, data={"rating": rating, "evaluation_comments": "Useful"})
    assert sent.status_code == 302
    text = text_of(client.get(path).get_data(as_text=True))
    assert "Thank you: your rating was recorded." in text
    assert "You sent your rating." in text
    assert "Rate the supervision" not in text
    stored = services.store.submissions.get(reference)
    assert stored.state == state
    assert stored.answers["rating"] == int(rating)
    assert stored.answers["evaluation_comments"] == "Useful"
