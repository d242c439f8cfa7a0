"""Uploads: judged by content, stored under generated names, limited in size."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from forms_service.forms import display_name
from forms_service.forms.filecheck import UncheckablePdf, pdf_dangers, sniff
from forms_service.forms.uploads import MAX_FILES
from forms_service.services import Services
from tests.forms.conftest import FakeClock, make_app
from tests.forms.submit_support import (
    JPEG,
    PDF,
    PNG,
    field_errors,
    object_stream,
    pdf_with,
    post_form,
    referral_form,
    summary_links,
    text,
    upload,
    value_of,
)

FORM = "/en/connectat-referral/"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (b"<< /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        (b"<< /OpenAction << /JS (this.print()) >> >>", "JS"),
        (b"<< /S /Launch /F (cmd.exe) >>", "Launch"),
        (b"<< /Type /EmbeddedFile /Length 0 >>", "EmbeddedFile"),
        (b"<< /Names << /EmbeddedFiles 4 0 R >> >>", "EmbeddedFiles"),
        (b"<< /S /J#61vaScript /JS(x) >>", "JavaScript"),
        (object_stream(b"4 0 << /S /Launch /F (x) >>"), "Launch"),
    ],
)
def test_dangerous_pdfs_are_found(body: bytes, name: str) -> None:
    assert name in pdf_dangers(pdf_with(body))


def test_stream_data_that_happens_to_look_like_a_name_is_ignored() -> None:
    image = b"<< /Subtype /Image /Length 12 >>\nstream\n\x00/JS (/Launch\nendstream"
    assert pdf_dangers(pdf_with(image)) == set()
    assert pdf_dangers(pdf_with(b"<< /JSONData 1 >>")) == set()


@pytest.mark.parametrize(
    "stream",
    [
        b"<< /Type /ObjStm /Filter /LZWDecode /Length 3 >>\nstream\nabc\nendstream",
        b"<< /Type /ObjStm /Filter /FlateDecode /Length 3 >>\nstream\nabc\nendstream",
    ],
)
def test_object_streams_that_cannot_be_read_make_the_pdf_uncheckable(
    stream: bytes,
) -> None:
    with pytest.raises(UncheckablePdf):
        pdf_dangers(pdf_with(stream))


def test_an_object_stream_that_inflates_too_far_is_uncheckable() -> None:
    bomb = zlib.compress(b" " * (17 * 1024 * 1024))
    stream = (
        b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + bomb + b"\nendstream"
    )
    with pytest.raises(UncheckablePdf, match="limit"):
        pdf_dangers(pdf_with(stream))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (b"GIF89a", None),
    ],
)
def test_kinds_are_read_from_the_first_bytes(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\anna\\informe.pdf", "informe.pdf"),
        ("cv\u202efdp.exe", "cvfdp.exe"),
        ("a\x00b\tc.pdf", "ab c.pdf"),
        ("", "file"),
        ("...", "file"),
    ],
)
def test_file_names_are_only_for_display(given: str, shown: str) -> None:
    assert display_name(given) == shown


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            pdf_with(b"<< /S /JavaScript /JS (app.alert(1)) >>"),
            "“informe.pdf” contains scripts, actions or embedded files, which are not "
            "accepted: save it again as a plain PDF (for example with “Print to PDF”)",
        ),
        (
            b"MZ\x90\x00 not a pdf",
            "“informe.pdf” is not in an accepted format (PDF, JPEG, PNG)",
        ),
        (b"", "“informe.pdf” is empty: choose the file again"),
    ],
)
def test_refused_files_say_why_and_keep_the_answers(
    client: FlaskClient, services: Services, data: bytes, message: str
) -> None:
    response = post_form(
        client, FORM, referral_form(attachments=upload(data, "informe.pdf"))
    )
    assert field_errors(response, "attachments") == [message]
    assert value_of(response, "professional_name") == "Anna Exemple"
    assert not list(services.store.uploads.root.glob("*.bin"))


def test_stored_files_never_use_the_given_name(
    client: FlaskClient, services: Services
) -> None:
    response = post_form(
        client,
        FORM,
        referral_form(attachments=upload(PDF, "../../secret name.pdf"), consent=None),
    )
    [blob] = services.store.uploads.root.glob("*.bin")
    assert "secret" not in blob.name
    assert services.store.uploads.read(blob.stem) == PDF
    assert b"PDF" not in blob.read_bytes()  # encrypted at rest
    assert "secret name.pdf" in text(response)


def test_a_kept_file_can_be_removed(client: FlaskClient, services: Services) -> None:
    files = [upload(PDF, "one.pdf"), upload(PNG, "two.png")]
    post_form(client, FORM, referral_form(attachments=files, consent=None))
    assert len(list(services.store.uploads.root.glob("*.bin"))) == 2
    response = post_form(client, FORM, referral_form(**{"remove-attachments": "0"}))
    assert response.status_code == 302
    check = text(client.get(FORM + "check"))
    assert "two.png" in check
    assert "one.pdf" not in check
    assert len(list(services.store.uploads.root.glob("*.bin"))) == 1


def test_a_field_keeps_at_most_so_many_files(client: FlaskClient) -> None:
    files = [upload(PDF, f"{index}.pdf") for index in range(MAX_FILES + 1)]
    response = post_form(client, FORM, referral_form(attachments=files))
    assert field_errors(response, "attachments") == [
        f"Attach at most {MAX_FILES} files: “{MAX_FILES}.pdf” was not attached"
    ]


@pytest.fixture
def small_app(tmp_path: Path, clock: FakeClock) -> Flask:
    """The service with a 1 MB file limit (2 MB a request)."""
    return make_app(tmp_path / "small", clock, WTF_CSRF_ENABLED=False, MAX_UPLOAD_MB=1)


def test_a_file_over_the_limit_is_refused_with_the_limit(small_app: Flask) -> None:
    client = small_app.test_client()
    big = PDF + b"%" * (1024 * 1024)
    response = post_form(
        client, FORM, referral_form(attachments=upload(big, "big.pdf"))
    )
    assert response.status_code == 200
    assert field_errors(response, "attachments") == [
        "“big.pdf” is larger than 1 MB: attach a smaller file"
    ]
    assert value_of(response, "professional_email") == "anna@escola.example"


def test_a_request_too_large_to_read_keeps_the_typed_answers(small_app: Flask) -> None:
    client = small_app.test_client()
    huge = PDF + b"%" * (3 * 1024 * 1024)
    response = post_form(
        client, FORM, referral_form(attachments=upload(huge, "huge.pdf"))
    )
    assert response.status_code == 413
    message = (
        "The files you chose add up to more than 2 MB, so nothing was received. "
        "Choose them again, each one smaller than 1 MB."
    )
    assert field_errors(response, "attachments") == [message]
    assert summary_links(response) == {"attachments": message}
    assert value_of(response, "professional_name") == "Anna Exemple"
    assert "Situació familiar complexa" in text(response)


def test_a_body_too_large_even_to_skim_falls_back_on_the_draft(
    small_app: Flask,
) -> None:
    client = small_app.test_client()
    post_form(client, FORM, referral_form(consent=None))  # a draft with the answers
    huge = b"%" * (9 * 1024 * 1024)
    response = post_form(
        client,
        FORM,
        referral_form(professional_name="Not read", attachments=upload(huge, "x.pdf")),
    )
    assert response.status_code == 413
    assert value_of(response, "professional_name") == "Anna Exemple"
