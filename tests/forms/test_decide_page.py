"""The approver's page behind an emailed link: what it shows, and that GET is safe."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from forms_service.access_log import read_accesses
from forms_service.services import Services
from tests.forms.conftest import FakeClock, make_app
from tests.forms.decide_support import (
    COORDINATION,
    PDF,
    csrf_token,
    links,
    mail_of,
    newest,
    stored_state,
    submit_referral,
    supervision_answers,
    text_of,
    token_of,
)
from tests.forms.submit_support import INSIDE_CALL


def test_the_page_shows_the_request_its_history_and_the_decisions(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    page = client.get(newest(mail_of(app), COORDINATION, "decide", "en"))
    assert page.status_code == 200
    text = text_of(page.get_data(as_text=True))
    assert f"Decide on request {submission.reference}" in text
    assert "Referral to Connecta't" in text
    assert "Step Waiting for the service's coordination" in text
    assert "Decision due by March 17, 2026" in text
    assert "Main reason for the referral Family crisis" in text  # a readable answer
    assert "Situació familiar complexa" in text  # the approver may read it all
    assert "Name of the referring professional Anna Exemple" in text  # not "Your …"
    assert "Your full name" not in text
    assert "Sent by anna@escola.example" in text
    assert f"This link is for {COORDINATION}" in text
    views = read_accesses(services.store, submission.reference)
    assert [(a.who, a.what) for a in views] == [(COORDINATION, "view")]
    html = page.get_data(as_text=True)
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"', html)
    assert buttons == ["approve", "request_info", "reject"]
    assert '<label for="comment">Comment</label>' in html
    assert 'aria-describedby="comment-hint"' in html


def test_get_head_and_repeated_gets_change_nothing(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    before = stored_state(app, submission.reference)
    assert client.head(path).status_code == 200
    for _ in range(3):
        assert client.get(path).status_code == 200
    assert stored_state(app, submission.reference) == before
    assert services.store.submissions.get(submission.reference) == submission
    assert services.approval_links.find(token_of(path)).used_at is None


def test_pages_keep_the_token_out_of_referer_and_load_nothing_third_party(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submit_referral(services)
    page = client.get(newest(mail_of(app), COORDINATION, "decide", "en"))
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert '<meta name="referrer" content="same-origin">' in html
    assert not re.search(r"<(script|img|iframe|object|embed)\b", html)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    first_party = ("/forms/", app.config["CATALOGUE_URL"])
    assert stylesheets
    assert all(href.startswith(first_party) for href in stylesheets)


def test_an_unknown_token_is_a_404_in_the_page_language(client: FlaskClient) -> None:
    page = client.get("/es/decide/" + "A" * 32)
    assert page.status_code == 404
    assert '<html lang="es">' in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "same-origin"
    short = client.get("/en/decide/short")
    assert short.status_code == 404
    assert "Page not found" in text_of(short.get_data(as_text=True))
    assert client.get("/xx/decide/" + "A" * 32).status_code == 404


def test_reject_and_ask_for_information_need_a_comment_and_keep_what_was_typed(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    before = stored_state(app, submission.reference)
    refused = client.post(path, data={"action": "reject", "comment": "  "})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert '<a href="#comment">Write why the request is rejected.</a>' in html
    assert 'id="comment-error"' in html
    assert 'aria-describedby="comment-hint comment-error"' in html
    asked = client.post(path, data={"action": "request_info", "comment": ""})
    assert "Write what information is needed." in asked.get_data(as_text=True)
    long_text = "Massa llarg. " * 400
    too_long = client.post(path, data={"action": "reject", "comment": long_text})
    assert too_long.status_code == 400
    assert "Write at most 4000 characters." in too_long.get_data(as_text=True)
    assert long_text.strip() in too_long.get_data(as_text=True)
    assert stored_state(app, submission.reference) == before


def test_a_button_that_the_step_does_not_offer_is_refused(
    app: Flask, client: FlaskClient, services: Services
) -> None:
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    before = stored_state(app, submission.reference)
    for action in ("expire", "deliver", "withdraw", ""):
        page = client.post(path, data={"action": action, "comment": "kept text"})
        assert page.status_code == 400
        html = page.get_data(as_text=True)
        assert "Choose one of the buttons to decide." in html
        assert "kept text" in html
    assert stored_state(app, submission.reference) == before


def test_with_csrf_on_only_a_post_carrying_the_pages_token_decides(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path / "data", clock)  # CSRF on, as in production
    services: Services = app.extensions["xarxa"]
    client = app.test_client()
    submission = submit_referral(services)
    path = newest(mail_of(app), COORDINATION, "decide", "en")
    page = client.get(path)
    forged = client.post(path, data={"action": "reject", "comment": "Not for us"})
    assert forged.status_code == 400
    html = forged.get_data(as_text=True)
    assert "The page was open too long. Check your comment and decide again." in html
    assert "Not for us" in html  # nothing typed is lost
    assert services.store.submissions.get(submission.reference).outcome is None
    token = csrf_token(page.get_data(as_text=True))
    decided = client.post(
        path, data={"action": "reject", "comment": "Not for us", "csrf_token": token}
    )
    assert decided.status_code == 302
    assert services.store.submissions.get(submission.reference).outcome == "rejected"
    assert client.post("/en/decide/" + "A" * 32).status_code == 404  # not a 500


def test_attachments_download_through_the_link_and_only_their_own(
    tmp_path: Path, clock: FakeClock
) -> None:
    clock.now = INSIDE_CALL
    app = make_app(tmp_path / "data", clock, WTF_CSRF_ENABLED=False)
    services: Services = app.extensions["xarxa"]
    client = app.test_client()
    mine = services.requests.submit(
        "supervisio-equips-application", supervision_answers(services), "ca"
    )
    other = services.requests.submit(
        "supervisio-equips-application",
        supervision_answers(services, entity_tax_id="P0899999Z"),
        "ca",
    )
    blob = mine.answers["technical_data"][0]["blob"]
    path = next(
        p.replace("/ca/", "/en/", 1)
        for p in links(mail_of(app), "tecnica.supervisio@diputacio.example", "decide")
        if services.approval_links.find(token_of(p)).reference == mine.reference
    )
    html = client.get(path).get_data(as_text=True)
    download = f"/forms{path}/files/{blob}"
    assert f'<a href="{download}" download>C1-034.pdf</a>' in html
    sent = client.get(f"{path}/files/{blob}")
    assert sent.status_code == 200
    assert sent.data == PDF
    assert sent.mimetype == "application/pdf"
    assert sent.headers["Content-Disposition"].startswith("attachment")
    assert sent.headers["X-Content-Type-Options"] == "nosniff"
    assert sent.headers["Referrer-Policy"] == "same-origin"
    downloads = [a for a in read_accesses(services.store, mine.reference) if a.item]
    assert [(a.who, a.what, a.item) for a in downloads] == [
        ("tecnica.supervisio@diputacio.example", "download", blob)
    ]
    others = other.answers["technical_data"][0]["blob"]
    assert client.get(f"{path}/files/{others}").status_code == 404
    assert client.get(f"{path}/files/..%2F..%2Ftokens").status_code == 404
    client.post(path, data={"action": "approve"})
    assert client.get(f"{path}/files/{blob}").status_code == 409  # link used
