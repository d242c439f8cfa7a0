"""Helpers of the tests of approval links, status pages and the mail page."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from email.message import EmailMessage
from html import unescape
from pathlib import Path
from typing import Any

from flask import Flask

from forms_service.services import Services
from forms_service.workflow import Submission
from tests.forms.conftest import body_of, read_mail_files, referral_answers

PUBLIC_URL = "http://forms.test/forms"
LINK = re.compile(re.escape(PUBLIC_URL) + r"(/(?:ca|es|en)/(decide|status)/\S+)")
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
COORDINATION = "coordinacio.connectat@olesa.example"
REFERENT = "referent.joventut@olesa.example"
SUBMITTER = "anna@escola.example"


def links(messages: Iterable[EmailMessage], to: str, kind: str) -> list[str]:
    """Return the paths of the *kind* links (decide, status) mailed to *to*."""
    return [
        found[1]
        for message in messages
        if str(message["To"]) == to
        for found in LINK.finditer(body_of(message))
        if found[2] == kind
    ]


def newest(messages: Iterable[EmailMessage], to: str, kind: str, lang: str) -> str:
    """Return the path of the newest *kind* link mailed to *to*, in *lang*."""
    found = links(messages, to, kind)
    assert found, f"no {kind} link was mailed to {to}"
    return re.sub(r"^/(ca|es|en)/", f"/{lang}/", found[-1])


def mail_of(app: Flask) -> list[EmailMessage]:
    """Return the messages the app wrote as .eml files, oldest first."""
    return read_mail_files(Path(app.config["DATA_DIR"]))


def token_of(path: str) -> str:
    """Return the token at the end of a decide or status path."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def text_of(html: str) -> str:
    """Return a page's text with tags removed and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def csrf_token(html: str) -> str:
    """Return the CSRF token of the first form on a page."""
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found[1]


def submit_referral(services: Services, lang: str = "ca", **changes: Any) -> Submission:
    """Send a referral to Connecta't through the service layer."""
    return services.requests.submit(
        "connectat-referral", referral_answers(**changes), lang
    )


def supervision_answers(services: Services, **changes: Any) -> dict[str, Any]:
    """Return valid answers of the supervision application, with a stored PDF."""
    blob = services.store.uploads.add(PDF)
    answers: dict[str, Any] = {
        "entity_type": "ajuntament",
        "entity_name": "Ajuntament d'Exemple",
        "entity_tax_id": "P0800000A",
        "contact_name": "Laia Exemple",
        "contact_email": "laia@exemple.example",
        "contact_phone": "930 000 002",
        "modality": "team",
        "professionals": 9,
        "hours": 12,
        "technical_data": [
            {
                "blob": blob,
                "name": "C1-034.pdf",
                "size": len(PDF),
                "type": "application/pdf",
            }
        ],
    }
    answers.update(changes)
    return answers


def stored_state(app: Flask, reference: str) -> dict[str, bytes]:
    """Return the bytes of what a decision may change: submission, tokens, mail."""
    root = Path(app.config["DATA_DIR"])
    files = [
        *root.glob(f"submissions/*/{reference}.json"),
        *(root / "tokens").glob("*.json"),
        *(root / "outbox").glob("*.json"),
        *(root / "mail").glob("*.eml"),
        root / "index.jsonl",
    ]
    return {str(path.relative_to(root)): path.read_bytes() for path in files}


def token_record(app: Flask, token: str) -> Path:
    """Return the path where the link behind *token* is stored (by its hash)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return Path(app.config["DATA_DIR"]) / "tokens" / f"{digest}.json"
