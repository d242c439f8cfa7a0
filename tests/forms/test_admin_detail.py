"""Dashboard detail: answers, tasks, audit trail, access log, the submission's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.http import parse_options_header

from forms_service.access_log import read_accesses
from forms_service.services import Services
from forms_service.workflow import Submission
from tests.forms.admin_helpers import sign_in, text_of
from tests.forms.conftest import referral_answers

ADMIN = "coordinacio.connectat@olesa.example"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _file(blob: str, name: str, kind: str = "application/pdf") -> dict[str, Any]:
    return {"blob": blob, "name": name, "size": len(PDF), "type": kind}


def _submit_with_files(services: Services, *files: dict[str, Any]) -> Submission:
    answers = referral_answers(attachments=list(files), is_minor=False)
    return services.requests.submit("connectat-referral", answers, "ca")


@pytest.fixture
def signed_in(app: Flask, client: FlaskClient) -> FlaskClient:
    sign_in(app, client, ADMIN, "en")
    return client


def test_detail_shows_answers_tasks_and_the_audit_trail(
    services: Services, signed_in: FlaskClient
) -> None:
    blob = services.store.uploads.add(PDF)
    submission = _submit_with_files(services, _file(blob, "informe.pdf"))
    comment = "<script>alert(1)</script>\nFalta l'informe"
    services.requests.act(
        submission.reference, "request_info", actor=ADMIN, channel="dashboard",
        comment=comment,
    )  # fmt: skip
    response = signed_in.get(f"/en/admin/{submission.reference}")
    html = response.get_data(as_text=True)
    page = text_of(html)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    workflow = services.registry.current("connectat-referral")
    assert workflow.states["information_requested"].label["en"] in page
    assert "Describe the situation Situació familiar complexa" in page
    assert "The person is under 18 No" in page
    assert "Main reason for the referral Family crisis" in page
    files_url = f"/forms/en/admin/{submission.reference}/files/{blob}"
    assert f'href="{files_url}"' in html
    assert "informe.pdf" in page
    for approver in (ADMIN, "referent.joventut@olesa.example"):
        assert approver in page
    assert "asked for more information" in page
    assert "dashboard" in page
    assert "form" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Falta l&#39;informe" in html
    assert "<script>" not in html
    assert f"{ADMIN} Viewed the request" in page


def test_every_view_is_written_to_the_access_log(
    app: Flask, services: Services, signed_in: FlaskClient
) -> None:
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    assert read_accesses(services.store, submission.reference) == []
    signed_in.get(f"/en/admin/{submission.reference}")
    second = signed_in.get(f"/en/admin/{submission.reference}")
    accesses = read_accesses(services.store, submission.reference)
    assert [(a.who, a.what) for a in accesses] == [(ADMIN, "view")] * 2
    assert text_of(second.get_data(as_text=True)).count("Viewed the request") == 2
    log = Path(app.config["DATA_DIR"]) / "access" / f"{submission.reference}.jsonl"
    text = log.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 2
    for personal in ("J. P.", "Situació", "930 000 001", "escola.example", "view"):
        assert personal not in text


def test_a_download_sends_the_file_and_is_logged(
    services: Services, signed_in: FlaskClient
) -> None:
    blob = services.store.uploads.add(PDF)
    hostile = '../../etc/in"forme\u202efdp.exe\r\nX-Injected: 1.pdf'
    submission = _submit_with_files(services, _file(blob, hostile))
    response = signed_in.get(f"/en/admin/{submission.reference}/files/{blob}")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert "\r" not in disposition
    assert "\n" not in disposition
    kind, options = parse_options_header(disposition)
    assert kind == "attachment"
    assert options["filename"] == 'in"formefdp.exe X-Injected: 1.pdf'
    assert "X-Injected" not in response.headers
    accesses = read_accesses(services.store, submission.reference)
    assert [(a.who, a.what, a.item) for a in accesses] == [(ADMIN, "download", blob)]


def test_a_file_of_another_type_is_sent_as_opaque_bytes(
    services: Services, signed_in: FlaskClient
) -> None:
    blob = services.store.uploads.add(b"<html><script>alert(1)</script></html>")
    submission = _submit_with_files(services, _file(blob, "page.html", "text/html"))
    response = signed_in.get(f"/en/admin/{submission.reference}/files/{blob}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_downloads_are_limited_to_the_submissions_own_files(
    services: Services, signed_in: FlaskClient
) -> None:
    own = services.store.uploads.add(PDF)
    stray = services.store.uploads.add(PDF)  # in the store, in no answer
    gone = "Zm9yZ290dGVuLWJsb2I"  # named in the answers, not in the store
    submission = _submit_with_files(
        services, _file(own, "own.pdf"), _file(gone, "gone.pdf")
    )
    theirs = services.store.uploads.add(PDF)
    other = _submit_with_files(services, _file(theirs, "other.pdf"))
    base = f"/en/admin/{submission.reference}/files"
    for blob in (stray, theirs, gone, "..%2F..%2Fsecret", "x", "a" * 200):
        assert signed_in.get(f"{base}/{blob}").status_code == 404
    assert signed_in.get(f"/en/admin/XR-2026-999999/files/{own}").status_code == 404
    assert (
        signed_in.get(f"/en/admin/{other.reference}/files/{theirs}").status_code == 200
    )
    assert read_accesses(services.store, submission.reference) == []
    assert signed_in.get(f"{base}/{own}").status_code == 200


def test_an_unknown_reference_is_not_found(signed_in: FlaskClient) -> None:
    for reference in ("XR-2026-000404", "not-a-reference", "XR-2026-00000%0A"):
        assert signed_in.get(f"/en/admin/{reference}").status_code == 404
