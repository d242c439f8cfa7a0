"""Retention: closed submissions are blocked, then removed, when their time is up.

A workflow's `retention` runs from the day a submission closes. When it ends,
`xarxa tick` either blocks the submission (the workflow's `blocking` period: the
record stays, encrypted, but nobody can open its answers or files) or removes
it. Removal deletes the submission's file, its attachments and its access log,
and leaves an audit record with no personal data: what happened and when,
through which channel, never who or what was written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .store import NotFound, Store
from .submission_files import fields_of, submission_files
from .workflow import AuditEvent, Submission, WorkflowRegistry

#: The actor kept in the audit record: the system itself, never a person.
SYSTEM = "system"


@dataclass(frozen=True)
class RetentionReport:
    """What one retention pass did."""

    blocked: int
    removed: int

    def __str__(self) -> str:
        return f"{self.blocked} submission(s) blocked, {self.removed} removed"


def apply_retention(
    store: Store, registry: WorkflowRegistry, now: datetime
) -> RetentionReport:
    """Block or remove every closed submission whose retention has ended."""
    blocked = removed = 0
    for entry in store.submissions.index():
        if entry.outcome is None or entry.purge_after is None:
            continue
        if datetime.fromisoformat(entry.purge_after) > now:
            continue
        try:
            submission = store.submissions.get(entry.reference)
        except NotFound:
            continue  # removed by another run
        workflow = registry.for_submission(submission)
        if workflow.blocking is not None and submission.blocked_at is None:
            store.submissions.change(
                entry.reference, lambda sub: (_blocked(sub, registry, now), None)
            )
            blocked += 1
        else:
            _remove(store, registry, submission, now)
            removed += 1
    return RetentionReport(blocked, removed)


def _blocked(
    submission: Submission, registry: WorkflowRegistry, now: datetime
) -> Submission:
    workflow = registry.for_submission(submission)
    assert workflow.blocking is not None
    event = AuditEvent(
        at=now, actor=SYSTEM, action="block", channel="system",
        from_state=submission.state, to_state=None, visit=submission.visit,
    )  # fmt: skip
    return dataclasses.replace(
        submission,
        blocked_at=now,
        purge_after=workflow.calendar.ends_at(now, workflow.blocking),
        events=(*submission.events, event),
        updated_at=now,
    )


def _remove(
    store: Store, registry: WorkflowRegistry, submission: Submission, now: datetime
) -> None:
    workflow = registry.for_submission(submission)
    files = submission_files(submission, fields_of(workflow, registry.forms))
    for blob_id in files:
        store.uploads.delete(blob_id)
    store.submissions.remove(submission.reference, audit_record(submission, now))
    (store.root / "access" / f"{submission.reference}.jsonl").unlink(missing_ok=True)


def audit_record(submission: Submission, now: datetime) -> dict[str, Any]:
    """What outlives a removed submission: its course, with no personal data."""
    return {
        "reference": submission.reference,
        "workflow_id": submission.workflow_id,
        "workflow_version": submission.workflow_version,
        "outcome": submission.outcome,
        "created_at": submission.created_at.isoformat(),
        "closed_at": submission.closed_at.isoformat() if submission.closed_at else None,
        "removed_at": now.isoformat(),
        "events": [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "channel": event.channel,
                "from_state": event.from_state,
                "to_state": event.to_state,
            }
            for event in submission.events
        ],
    }
