"""Administrators' sign-in: one-time emailed links and a short session.

A sign-in link carries a random token of 256 bits; only its SHA-256 is stored,
with the address it was sent to, its expiry (15 minutes) and when it was used
(once). The signed-in address lives in the Flask session, which ends after a
spell without activity, measured on the service's clock.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from flask import current_app, session

from .links import token_hash
from .store import RecordFolder
from .store.locks import Locks

SIGN_IN_TTL = timedelta(minutes=15)
#: Records of sign-in links are removed this long after they expired.
KEEP_EXPIRED = timedelta(days=1)
RefusalCode = Literal["unknown", "used", "expired"]


class SignInRefused(Exception):
    """A sign-in link that cannot sign anyone in; ``code`` says why."""

    def __init__(self, code: RefusalCode) -> None:
        self.code = code
        super().__init__(code)


def may_sign_in(roles: Mapping[str, tuple[str, ...]], email: str) -> bool:
    """Say whether *email* (lowercase) holds any role of the roles file."""
    return any(
        email == address.lower() for group in roles.values() for address in group
    )


@dataclass(frozen=True)
class SignInLinks:
    """Create, check and redeem one-time sign-in tokens."""

    folder: RecordFolder
    locks: Locks

    def create(self, email: str, now: datetime) -> str:
        """Store a new link for *email*; return the token to put in the email."""
        self._forget_old(now)
        token = secrets.token_urlsafe(32)
        record = {
            "email": email,
            "created_at": now.isoformat(),
            "expires_at": (now + SIGN_IN_TTL).isoformat(),
            "used_at": None,
        }
        self.folder.put(token_hash(token), record)
        return token

    def check(self, token: str, now: datetime) -> str:
        """Return the address *token* signs in, without using it.

        :raises SignInRefused: unknown, already used or expired.
        """
        record = self._find(token)
        if record["used_at"] is not None:
            raise SignInRefused("used")
        if now >= datetime.fromisoformat(str(record["expires_at"])):
            raise SignInRefused("expired")
        return str(record["email"])

    def redeem(self, token: str, now: datetime) -> str:
        """Use *token* (once) and return the address it signs in."""
        with self.locks(f"sign-in-{token_hash(token)}"):
            email = self.check(token, now)
            record = {**self._find(token), "used_at": now.isoformat()}
            self.folder.put(token_hash(token), record)
        return email

    def _find(self, token: str) -> dict[str, object]:
        if not 16 <= len(token) <= 128:
            raise SignInRefused("unknown")
        record = self.folder.get(token_hash(token))
        if record is None:
            raise SignInRefused("unknown")
        return record

    def _forget_old(self, now: datetime) -> None:
        for record_id in list(self.folder.ids()):
            record = self.folder.get(record_id)
            if record is None:
                continue  # another worker removed it
            expires = datetime.fromisoformat(str(record["expires_at"]))
            if now - expires > KEEP_EXPIRED:
                self.folder.delete(record_id)


SessionState = Literal["signed_in", "signed_out", "ended"]


def start_session(email: str, now: datetime) -> None:
    """Sign *email* in: a fresh session (nothing kept from before), short-lived."""
    session.clear()
    session.permanent = True
    session["admin"] = email
    session["admin_seen"] = now.isoformat()


def session_state(now: datetime) -> tuple[SessionState, str | None]:
    """Return whether someone is signed in, and who; refresh their idle time.

    A session left idle longer than ``PERMANENT_SESSION_LIFETIME`` has ``ended``.
    """
    email = session.get("admin")
    if not isinstance(email, str):
        return "signed_out", None
    seen = datetime.fromisoformat(str(session.get("admin_seen")))
    if now - seen > current_app.permanent_session_lifetime:
        end_session()
        return "ended", None
    session["admin_seen"] = max(now, seen).isoformat()
    return "signed_in", email


def end_session() -> None:
    """Sign out: forget everything the session held."""
    session.clear()
