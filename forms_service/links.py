"""Links sent by email.

Approval links carry a random token of 192 bits; only its SHA-256 is stored,
with the one task and the one approver it is bound to, its expiry and whether it
was used. Status links for submitters are signed (read-mostly and replayable by
design: the submitter may open them many times).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from .store import RecordFolder, fields_of


class LinkError(Exception):
    """A link that cannot be used; the message says why, for the person."""


class UnknownLink(LinkError):
    """No such link (mistyped, forged, or removed with its submission)."""


@dataclass(frozen=True)
class ApprovalLink:
    """What an approval token stands for."""

    reference: str
    task_id: str
    approver: str
    created_at: str
    expires_at: str
    used_at: str | None = None
    used_action: str | None = None

    def expired(self, now: datetime) -> bool:
        """Say whether the link's time is over."""
        return now >= datetime.fromisoformat(self.expires_at)


#: How long an expired approval link's record is kept, to explain a late click.
EXPIRED_KEPT = timedelta(days=90)


def token_hash(token: str) -> str:
    """Return the stored form of *token* (never the token itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApprovalLinks:
    """Create approval tokens and find what they stand for."""

    def __init__(self, folder: RecordFolder) -> None:
        self.folder = folder

    def create(self, link: ApprovalLink) -> str:
        """Store *link* and return the token to put in the email."""
        token = secrets.token_urlsafe(24)
        self.folder.put(token_hash(token), fields_of(link))
        return token

    def find(self, token: str) -> ApprovalLink:
        """Return the link behind *token*.

        :raises UnknownLink: there is none.
        """
        if not 16 <= len(token) <= 64:
            raise UnknownLink(token)
        document = self.folder.get(token_hash(token))
        if document is None:
            raise UnknownLink(token)
        return ApprovalLink(**document)

    def mark_used(self, token: str, action: str, now: datetime) -> None:
        """Record that *token* was used to take *action* (single use)."""
        link = self.find(token)
        used = {**fields_of(link), "used_at": now.isoformat(), "used_action": action}
        self.folder.put(token_hash(token), used)

    def purge_expired(self, now: datetime) -> int:
        """Delete links expired for longer than `EXPIRED_KEPT`; return how many.

        Until then a late click still hears who decided and when; after, the link
        is simply unknown, and its record (who was asked about which request)
        no longer kept.
        """
        removed = 0
        for record_id in list(self.folder.ids()):
            document = self.folder.get(record_id)
            if document is None:
                continue
            if ApprovalLink(**document).expired(now - EXPIRED_KEPT):
                self.folder.delete(record_id)
                removed += 1
        return removed


class StatusLinks:
    """Sign and read the submitter's status link for a reference."""

    def __init__(self, secret_key: str) -> None:
        self.serializer = URLSafeSerializer(secret_key, salt="xarxa-status-link")

    def make(self, reference: str) -> str:
        """Return the token for *reference*'s status page."""
        return str(self.serializer.dumps(reference))

    def read(self, token: str) -> str:
        """Return the reference in *token*.

        :raises UnknownLink: the token was not signed by this service.
        """
        try:
            reference = self.serializer.loads(token)
        except BadSignature as error:
            raise UnknownLink(token) from error
        if not isinstance(reference, str):
            raise UnknownLink(token)
        return reference
