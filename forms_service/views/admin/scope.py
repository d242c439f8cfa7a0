"""What an administrator may see: the workflows in which they may decide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import abort

from ...services import get_services
from ...store import NotFound
from ...workflow import Submission, Workflow, WorkflowRegistry
from ...workflow.model import ApproverRef


def visible_workflows(registry: WorkflowRegistry, email: str) -> list[Workflow]:
    """Return the current workflows naming *email* among their approvers.

    An approver is named by a role they hold or by their address, in a task
    state's approvers or in its escalation; addresses taken from a form field
    change with each submission and give no access to the dashboard.
    """
    return [
        workflow
        for workflow in (registry.current(item) for item in registry.ids())
        if any(_names(ref, registry, email) for ref in _approver_refs(workflow))
    ]


def _approver_refs(workflow: Workflow) -> Iterator[ApproverRef]:
    for state in workflow.states.values():
        if state.approvers is not None:
            yield from state.approvers.refs
        if state.escalate is not None:
            yield from state.escalate.to


def _names(ref: ApproverRef, registry: WorkflowRegistry, email: str) -> bool:
    if ref.kind == "role":
        return email in (
            address.lower() for address in registry.roles.get(ref.value, ())
        )
    return ref.kind == "email" and ref.value.strip().lower() == email


def visible_removal(reference: str, email: str) -> dict[str, Any] | None:
    """Return the audit record of a removed submission *email* may see, or None."""
    services = get_services()
    try:
        record = services.store.submissions.audit_record(reference)
    except NotFound:
        return None
    allowed = {workflow.id for workflow in visible_workflows(services.registry, email)}
    if record is None or record["workflow_id"] not in allowed:
        return None
    return record


def visible_submission(reference: str, email: str) -> Submission:
    """Return the submission if *email* may see it; a 404 page otherwise.

    A submission outside the administrator's workflows is answered exactly as
    one that does not exist.
    """
    services = get_services()
    try:
        submission = services.store.submissions.get(reference)
    except NotFound:
        abort(404)
    allowed = {workflow.id for workflow in visible_workflows(services.registry, email)}
    if submission.workflow_id not in allowed:
        abort(404)
    return submission
