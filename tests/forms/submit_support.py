"""Helpers for the tests of the request forms (blueprint ``submit``)."""

from __future__ import annotations

import html
import io
import re
import zlib
from datetime import datetime
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import TestResponse, encode_multipart

from forms_service.workflow import MADRID

INSIDE_CALL = datetime(2020, 1, 20, 10, 0, tzinfo=MADRID)
AFTER_CALL = datetime(2020, 2, 14, 9, 0, tzinfo=MADRID)

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf_with(body: bytes) -> bytes:
    """Return a small PDF with *body* as one more object."""
    return PDF.replace(b"trailer", b"3 0 obj\n" + body + b"\nendobj\ntrailer")


def object_stream(objects: bytes) -> bytes:
    """Return a compressed object stream (PDF 1.5) holding *objects*."""
    data = zlib.compress(objects)
    head = f"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {len(data)} >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


def upload(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    """Return a file for the test client's multipart posts."""
    return (io.BytesIO(data), name)


def referral_form(**changes: Any) -> dict[str, Any]:
    """Return the referral form as a browser posts it (None removes a field)."""
    data: dict[str, Any] = {
        "professional_name": "Anna Exemple",
        "professional_role": "Educadora social",
        "professional_organisation": "Institut Exemple",
        "professional_email": "anna@escola.example",
        "professional_phone": "930 000 000",
        "person_name": "J. P.",
        "person_age": "15",
        "person_municipality": "Olesa de Montserrat",
        "contact_channel": "phone",
        "is_minor": "y",
        "guardian_name": "M. P.",
        "guardian_contact": "930 000 001",
        "reason": "family_crisis",
        "urgency": "normal",
        "description": "Situació familiar complexa des de fa uns mesos.",
        "consent": "y",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def supervision_form(**changes: Any) -> dict[str, Any]:
    """Return a valid supervision application as posted (a fresh PDF each time)."""
    data: dict[str, Any] = {
        "entity_type": "ajuntament",
        "entity_name": "Ajuntament d'Exemple",
        "entity_tax_id": "P0800000B",
        "contact_name": "Joan Exemple",
        "contact_email": "joan@ajuntament.example",
        "contact_phone": "930 000 002",
        "modality": "team",
        "professionals": "9",
        "hours": "12",
        "technical_data": upload(PDF, "C1-034.pdf"),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def local(location: str) -> str:
    """Return a redirect's path as the test client wants it (no /forms root)."""
    return location.removeprefix("http://forms.test").removeprefix("/forms")


def text(response: TestResponse) -> str:
    """Return the page's HTML."""
    return response.get_data(as_text=True)


def field_errors(response: TestResponse, name: str) -> list[str]:
    """Return the messages shown beside field *name*."""
    pattern = rf'<p class="field-error" id="{re.escape(name)}-error-\d+">([^<]*)</p>'
    return [html.unescape(found) for found in re.findall(pattern, text(response))]


def summary_links(response: TestResponse) -> dict[str, str]:
    """Return the error summary's links: {anchor: message}."""
    found = re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', text(response))
    return {anchor: html.unescape(message) for anchor, message in found}


def value_of(response: TestResponse, name: str) -> str | None:
    """Return the value of the text input *name* on the page."""
    tag = re.search(rf'<input[^>]* name="{re.escape(name)}"[^>]*>', text(response))
    if tag is None:
        return None
    value = re.search(r' value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None


def csrf_token(response: TestResponse) -> str:
    """Return the CSRF token of the page's form."""
    found = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', text(response))
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, Any]) -> TestResponse:
    """Post *data* as multipart, the way the form's enctype makes browsers do.

    The body is built in memory: the test client would spool a large one to a
    temporary file that nothing closes (a ResourceWarning, an error here).
    """
    values = MultiDict[str, Any]()
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, tuple):
                item = FileStorage(stream=item[0], filename=item[1])
            values.add(name, item)
    boundary, body = encode_multipart(values)
    kind = f"multipart/form-data; boundary={boundary}"
    return client.post(url, data=body, content_type=kind)
