"""The development mail page: the `.eml` files written when no SMTP host is set.

It answers only when ``ENV`` is ``development`` (404 otherwise). A message is
addressed by its outbox id, which must look like one before any file is opened,
and only `<DATA_DIR>/mail/<id>.eml` is ever read: no name from the address
becomes a path.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from markupsafe import Markup, escape

from .request_pages import page_helpers

bp = Blueprint("devmail", __name__, url_prefix="/dev/mail")
bp.context_processor(page_helpers)

MAIL_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
#: An http(s) address, without the punctuation that may end a sentence after it.
URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)]")


@dataclass(frozen=True)
class Mail:
    """One message written to the mail folder."""

    id: str
    date: datetime | None
    to: str
    subject: str
    message: EmailMessage


@bp.before_request
def _development_only() -> None:
    if current_app.config.get("ENV") != "development":
        abort(404)


@bp.get("/")
def index() -> str:
    """List the messages, newest first."""
    mails = [_read(path) for path in _folder().glob("*.eml") if _is_mail(path)]
    mails.sort(key=lambda mail: (mail.date is not None, mail.date), reverse=True)
    return render_template("devmail/index.html", mails=mails)


@bp.get("/<mail_id>")
def show(mail_id: str) -> str:
    """Show one message's text, its links made clickable."""
    if not MAIL_ID.match(mail_id):
        abort(404)
    path = _folder() / f"{mail_id}.eml"
    if not _is_mail(path):
        abort(404)
    mail = _read(path)
    part = mail.message.get_body(("plain",))
    text = str(part.get_content()) if part is not None else ""
    return render_template("devmail/show.html", mail=mail, body=linkify(text))


def linkify(text: str) -> Markup:
    """Return *text* escaped, with every http(s) address made a link."""
    pieces, start = [], 0
    for match in URL.finditer(text):
        url = escape(match.group())
        pieces += [
            escape(text[start : match.start()]),
            Markup(f'<a href="{url}">{url}</a>'),
        ]
        start = match.end()
    pieces.append(escape(text[start:]))
    return Markup("").join(pieces)


def _folder() -> Path:
    return Path(current_app.config["DATA_DIR"]) / "mail"


def _is_mail(path: Path) -> bool:
    """Say whether *path* is a message the mail transport wrote (no symlink)."""
    return (
        MAIL_ID.match(path.stem) is not None
        and path.is_file()
        and not path.is_symlink()
    )


def _read(path: Path) -> Mail:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)  # the default policy makes one
    try:
        date = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        date = None
    return Mail(
        path.stem,
        date,
        str(message["To"] or ""),
        str(message["Subject"] or ""),
        message,
    )
