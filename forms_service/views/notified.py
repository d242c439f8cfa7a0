"""Who a decision taken through an emailed link told, read off the workflow.

The confirmation page after a decision says it: the submitter, the approvers
asked next, the approvers told that the step ended, or whose approvals the
step still needs. Pure: it reads the submission and its workflow definition.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..workflow import AuditEvent, Submission, Workflow


@dataclass(frozen=True)
class Told:
    """Who a decision told by email, and whose approvals the step still needs."""

    submitter: bool = False
    asked_next: tuple[str, ...] = ()
    also_told: tuple[str, ...] = ()
    waiting_for: tuple[str, ...] = ()


def told(workflow: Workflow, submission: Submission, event: AuditEvent) -> Told:
    """Return who the workflow told about the decision recorded by *event*."""
    decided = [t for t in submission.tasks if t.visit == event.visit]
    if event.to_state is None:  # one approval of several: the step goes on
        state = workflow.states[event.from_state or submission.state]
        mine = next(t for t in decided if t.id == event.task_id)
        later = sorted(
            (t for t in decided if t.order > mine.order and not t.escalated),
            key=lambda t: t.order,
        )
        sequential = (
            state.approvers is not None and state.approvers.mode == "sequential"
        )
        still = submission.visit == event.visit and not submission.is_closed
        return Told(
            asked_next=(later[0].approver,) if sequential and later else (),
            waiting_for=tuple(t.approver for t in submission.open_tasks())
            if still
            else (),
        )
    state = workflow.states[event.to_state]
    to = {notify.to for notify in state.notify}
    if "approvers" not in to:
        return Told(submitter="submitter" in to)
    if state.kind != "task":
        told_too = (t.approver for t in decided if t.approver != event.actor)
        return Told("submitter" in to, also_told=tuple(dict.fromkeys(told_too)))
    entered = [t for t in submission.tasks if t.visit == event.visit + 1]
    asked = sorted(
        [t for t in entered if not t.escalated] or entered, key=lambda t: t.order
    )
    if state.approvers is not None and state.approvers.mode == "sequential":
        asked = asked[:1]
    return Told("submitter" in to, asked_next=tuple(t.approver for t in asked))
