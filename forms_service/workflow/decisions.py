"""Who may decide what, and recording one decision among several needed."""

from __future__ import annotations

import dataclasses

from .effects import Step
from .errors import ActionRefused
from .machine import decision_summary, message
from .model import PAST, Workflow
from .records import AuditEvent, Submission, Task, replace_task
from .workdays import local_date


def refuse_stale(
    submission: Submission, action: str, actor: str, task_id: str | None
) -> None:
    """Refuse an emailed link whose task was decided, closed or is someone else's."""
    if task_id is None:
        return
    task = next((t for t in submission.tasks if t.id == task_id), None)
    if task is None or task.approver != actor:
        raise ActionRefused(action, "wrong_task", "this link belongs to someone else")
    if task.status == "done" and task.action and task.decided_at:
        when = local_date(task.decided_at)
        reason = f"already {PAST[task.action]} by {task.decided_by} on {when}"
        raise ActionRefused(action, "already_decided", reason)
    if task.visit != submission.visit or task.status in ("closed", "replaced"):
        summary = decision_summary(submission, task.visit)
        reason = f"already {summary}" if summary else "this step was handed to others"
        raise ActionRefused(action, "already_decided", reason)


def open_task(submission: Submission, action: str, actor: str) -> Task:
    mine = [
        t
        for t in submission.tasks
        if t.visit == submission.visit and t.approver == actor
    ]
    task = next((t for t in mine if t.status in ("pending", "waiting")), None)
    if task is not None and task.status == "pending":
        return task
    if task is not None:
        first = next(t for t in submission.open_tasks() if t.status == "pending")
        reason = f"it is {first.approver}'s turn to decide first"
        raise ActionRefused(action, "not_your_turn", reason)
    done = next((t for t in mine if t.status == "done"), None)
    if done is not None and done.action and done.decided_at:
        when = local_date(done.decided_at)
        reason = f"already {PAST[done.action]} by {done.decided_by} on {when}"
        raise ActionRefused(action, "already_decided", reason)
    if any(t.status == "replaced" for t in mine):
        reason = "this decision was handed to someone else after the deadline"
        raise ActionRefused(action, "replaced", reason)
    raise ActionRefused(
        action, "not_an_approver", f"{actor} is not asked to decide here"
    )


def record_partial(
    workflow: Workflow, sub: Submission, event: AuditEvent, others: list[Task]
) -> Step:
    """Record one approval of several needed; in sequence, ask the next approver."""
    sub = dataclasses.replace(sub, events=(*sub.events, event), updated_at=event.at)
    if any(t.status == "pending" for t in others):
        return Step(sub)
    following = min(others, key=lambda t: t.order)
    sub = dataclasses.replace(
        sub, tasks=replace_task(sub.tasks, following, status="pending")
    )
    state = workflow.states[sub.state]
    notes = tuple(
        message(workflow, sub, following.approver, n.template, "next", following)
        for n in state.notify
        if n.to == "approvers"
    )
    return Step(sub, notes)
