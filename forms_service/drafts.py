"""Answers being written, kept on the server between the form and "Send".

A draft lives in ``store.drafts`` under a random id; the visitor's session
holds only that id (per workflow), never the answers, and nothing personal
ever goes into a URL. Once sent, a draft keeps only the reference, so that a
second press of "Send" (a double click) leads to the same confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import session
from werkzeug.datastructures import MultiDict

from .store import BlobFolder, InvalidId, RecordFolder, fields_of, new_id
from .store.locks import FileLock, Locks

_DRAFTS = "drafts"
_SENT = "sent"
#: How many sent references a session remembers (for their confirmation pages).
SENT_REMEMBERED = 10


@dataclass
class Draft:
    """What one visitor typed in one workflow's form, and the files kept."""

    id: str
    workflow_id: str
    #: What was typed, by field name, as the form posts it (files excluded).
    values: dict[str, list[str]] = field(default_factory=dict)
    #: Accepted uploads, by file field (see `forms/uploads.py`).
    files: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: The answers of the last valid form; None until the form is valid.
    answers: dict[str, Any] | None = None
    #: The reference once sent; answers, values and files are then forgotten.
    sent: str | None = None
    updated_at: str = ""

    def formdata(self) -> MultiDict[str, str]:
        """Return what was typed, as a form would post it again."""
        return MultiDict[str, str](self.values)


class Drafts:
    """The drafts of the current visitor's session."""

    def __init__(self, folder: RecordFolder, locks: Locks) -> None:
        self.folder, self.locks = folder, locks

    def current(self, workflow_id: str) -> Draft | None:
        """Return the session's draft of *workflow_id*, sent or not, or None."""
        draft_id = session.get(_DRAFTS, {}).get(workflow_id)
        if not isinstance(draft_id, str):
            return None
        return self.read(draft_id, workflow_id)

    def read(self, draft_id: str, workflow_id: str) -> Draft | None:
        """Return the stored draft *draft_id* if it belongs to *workflow_id*."""
        try:
            document = self.folder.get(draft_id)
        except InvalidId:
            return None
        if document is None or document.get("workflow_id") != workflow_id:
            return None
        return Draft(**document)

    def open(self, workflow_id: str) -> Draft:
        """Return the session's unsent draft of *workflow_id*, or a new one."""
        draft = self.current(workflow_id)
        if draft is None or draft.sent is not None:
            draft = Draft(new_id(), workflow_id)
            session[_DRAFTS] = {**session.get(_DRAFTS, {}), workflow_id: draft.id}
        return draft

    def save(self, draft: Draft, now: datetime) -> None:
        """Write *draft*."""
        draft.updated_at = now.isoformat()
        self.folder.put(draft.id, fields_of(draft))

    def lock(self, draft: Draft) -> FileLock:
        """Return the lock that makes sending a draft happen once."""
        return self.locks(f"draft-{draft.id}")

    def mark_sent(self, draft: Draft, reference: str, now: datetime) -> None:
        """Forget the answers of a sent draft; keep its reference; remember it."""
        self.save(Draft(draft.id, draft.workflow_id, sent=reference), now)
        remember_sent(draft.workflow_id, reference)


def remember_sent(workflow_id: str, reference: str) -> None:
    """Let this session see the confirmation page of *reference*."""
    key = f"{workflow_id}/{reference}"
    sent = [item for item in session.get(_SENT, []) if item != key]
    session[_SENT] = [*sent, key][-SENT_REMEMBERED:]


def was_sent_here(workflow_id: str, reference: str) -> bool:
    """Say whether this session sent *reference* of *workflow_id*."""
    return f"{workflow_id}/{reference}" in session.get(_SENT, [])


#: An unsent draft untouched this long is deleted with its files; a sent one
#: (a reference only) after a day.
DRAFT_KEPT = timedelta(days=7)
SENT_KEPT = timedelta(days=1)


def purge_drafts(folder: RecordFolder, uploads: BlobFolder, now: datetime) -> int:
    """Delete old drafts and the files only they hold; return how many."""
    removed = 0
    for draft_id in list(folder.ids()):
        document = folder.get(draft_id)
        if document is None:
            continue
        draft = Draft(**document)
        kept = SENT_KEPT if draft.sent is not None else DRAFT_KEPT
        if draft.updated_at and datetime.fromisoformat(draft.updated_at) + kept > now:
            continue
        for attached in draft.files.values():
            for item in attached:
                uploads.delete(str(item["blob"]))
        folder.delete(draft_id)
        removed += 1
    return removed
