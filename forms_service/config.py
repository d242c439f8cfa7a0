"""Settings of the forms service: one table of defaults with a help text each.

Values come from these defaults, then a mapping given to `create_app`, then the
environment with the `XARXA_` prefix (`XARXA_SECRET_KEY`, `XARXA_DATA_DIR`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting(
        "SECRET_KEY",
        None,
        "Signs sessions, CSRF tokens and status links. Required in production.",
    ),
    Setting(
        "DATA_KEY",
        None,
        "Fernet key(s) encrypting the store, comma-separated, newest first "
        "(`xarxa rotate-key`). Required in production.",
    ),
    Setting(
        "ENV", "production", "`production` or `development` (dev mail page, no key)."
    ),
    Setting(
        "DATA_DIR", "data", "Folder of the store: submissions, uploads, mail outbox."
    ),
    Setting(
        "PUBLIC_URL",
        "http://127.0.0.1:8000/forms",
        "The forms service's own public base URL, used in email links.",
    ),
    Setting(
        "CATALOGUE_URL",
        "http://127.0.0.1:8000/",
        "Public address of the static catalogue, linked from the forms' pages.",
    ),
    Setting("WORKFLOWS_DIR", "workflows", "Folder holding the workflow YAML files."),
    Setting(
        "SMTP_HOST", None, "SMTP server; with none, mail is written to DATA_DIR/mail."
    ),
    Setting("SMTP_PORT", 587, "SMTP port."),
    Setting("SMTP_USERNAME", None, "SMTP user name, if the server needs one."),
    Setting("SMTP_PASSWORD", None, "SMTP password, if the server needs one."),
    Setting("SMTP_STARTTLS", True, "Upgrade the SMTP connection with STARTTLS."),
    Setting(
        "MAIL_FROM",
        "Xarxa <no-reply@xarxa.example>",
        "Sender of every email: one address, with a name or without; the "
        "service does not start with anything else.",
    ),
    Setting("MAX_UPLOAD_MB", 10, "Largest attachment accepted, in megabytes."),
    Setting(
        "SUBMISSIONS_PER_HOUR",
        30,
        "Requests one client address may send per hour, across workers (0: no limit).",
    ),
    Setting(
        "SIGN_IN_REQUESTS_PER_HOUR",
        10,
        "Sign-in links one client address, or one email address, may ask for per hour.",
    ),
    Setting(
        "TRUSTED_HOSTS",
        None,
        "Host names the service answers to, comma-separated; by default the host of "
        "PUBLIC_URL (and localhost in development). Others get 400.",
    ),
    Setting(
        "PROXY_HOPS",
        0,
        "Reverse proxies in front of the service whose X-Forwarded-* headers to trust.",
    ),
    Setting(
        "ADMIN_SESSION_MINUTES",
        30,
        "Minutes without activity before an administrator is signed out.",
    ),
)


def defaults() -> dict[str, Any]:
    """Return every setting's default value."""
    return {setting.name: setting.default for setting in SETTINGS}
