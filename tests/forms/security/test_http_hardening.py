"""HTTP hardening: trusted hosts, rate limits shared by workers, request size.

Each case is a hostile request; each checks the clear refusal and that nothing
the person typed, and nothing already stored, was lost.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.forms.conftest import FakeClock, make_app, read_mail_files
from tests.forms.submit_support import post_form, referral_form, text

FORM = "/ca/connectat-referral/"
CHECK = "/ca/connectat-referral/check"
ADMIN = "coordinacio.connectat@olesa.example"


@pytest.fixture
def served(tmp_path: Path, clock: FakeClock) -> FlaskClient:
    """The service as deployed: no SERVER_NAME, the host comes from each request."""
    return make_app(tmp_path / "data", clock, SERVER_NAME=None).test_client()


@pytest.mark.parametrize(
    "host", ["evil.example", "forms.test.evil.example", "127.0.0.1", "[::1]:80"]
)
def test_a_request_for_another_host_is_refused(served: FlaskClient, host: str) -> None:
    response = served.get(FORM, headers={"Host": host})
    assert response.status_code == 400
    assert "evil" not in response.get_data(as_text=True)


def test_the_public_host_is_served(served: FlaskClient) -> None:
    assert served.get(FORM, headers={"Host": "forms.test"}).status_code == 200


def test_trusted_hosts_can_be_listed(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(
        tmp_path / "data",
        clock,
        TRUSTED_HOSTS="a.example, forms.test",
        SERVER_NAME=None,
    )
    assert app.config["TRUSTED_HOSTS"] == ["a.example", "forms.test"]
    client = app.test_client()
    assert client.get(FORM, headers={"Host": "a.example"}).status_code == 200
    assert client.get(FORM, headers={"Host": "b.example"}).status_code == 400


def _limited_app(data_dir: Path, clock: FakeClock, **config: object) -> Flask:
    return make_app(data_dir, clock, WTF_CSRF_ENABLED=False, **config)


def test_submissions_over_the_limit_are_refused_across_workers(
    tmp_path: Path, clock: FakeClock
) -> None:
    data_dir = tmp_path / "data"
    # Two apps on one store stand for two gunicorn workers.
    workers = [
        _limited_app(data_dir, clock, SUBMISSIONS_PER_HOUR=2).test_client()
        for _ in range(2)
    ]
    for number, client in enumerate([*workers, workers[0]]):
        post_form(client, FORM, referral_form(person_name=f"P{number}"))
        last = client.post(CHECK)
    assert last.status_code == 429
    assert int(last.headers["Retry-After"]) > 0
    page = html.unescape(text(last))
    assert "massa sol·licituds" in page
    assert "P2" in page  # the answers are still on the page, to send later
    store = workers[0].application.extensions["xarxa"].store
    assert len(store.submissions.index()) == 2
    clock.advance(minutes=61)
    assert workers[0].post(CHECK).status_code == 302  # the same answers, sent later
    assert len(store.submissions.index()) == 3


@pytest.mark.parametrize(
    ("addresses", "emails"),
    [
        (["10.0.0.1"] * 3, [ADMIN] * 3),  # one machine, one address
        (["10.0.0.1", "10.0.0.2", "10.0.0.3"], [ADMIN] * 3),  # one address, many
        (["10.0.0.1"] * 3, ["a@x.example", "b@x.example", ADMIN]),  # one machine
    ],
)
def test_sign_in_requests_over_the_limit_send_no_more_mail(
    tmp_path: Path, clock: FakeClock, addresses: list[str], emails: list[str]
) -> None:
    app = _limited_app(tmp_path / "data", clock, SIGN_IN_REQUESTS_PER_HOUR=2)
    client = app.test_client()
    responses = [
        client.post(
            "/ca/admin/sign-in",
            data={"email": email},
            environ_overrides={"REMOTE_ADDR": address},
        )  # fmt: skip
        for address, email in zip(addresses, emails, strict=True)
    ]
    assert [r.status_code for r in responses] == [302, 302, 429]
    refused = html.unescape(responses[-1].get_data(as_text=True))
    assert "massa enllaços" in refused
    assert f'value="{emails[-1]}"' in refused  # what was typed stays in the field
    mailed = [str(m["To"]) for m in read_mail_files(Path(app.config["DATA_DIR"]))]
    assert mailed.count(ADMIN) == emails[:2].count(ADMIN)


def test_a_body_over_the_size_limit_is_refused_clearly(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = _limited_app(tmp_path / "data", clock, MAX_UPLOAD_MB=1)
    client = app.test_client()
    response = client.post(
        FORM, data=b"x" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 413
    assert "MB" in html.unescape(response.get_data(as_text=True))
    store = app.extensions["xarxa"].store
    assert store.submissions.index() == []
