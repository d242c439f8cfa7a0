"""Timers: reminders, escalation, the resolution deadline and timeouts.

Timers hold absolute moments fixed when a state is entered, so a clock that
moves backwards can delay them but never bring them forward. After a long
pause, reminders that piled up are sent once, and a due timeout wins over
reminders and escalation of the same visit (no point reminding of a request
that has just expired).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from .effects import Notification, Step
from .machine import Roles, choose_route, enter, message, new_tasks, resolve
from .model import Workflow
from .records import AuditEvent, Submission, Task, Timer, TimerStatus
from .workdays import MADRID


def _event(sub: Submission, at: datetime, action: str, note: str) -> AuditEvent:
    return AuditEvent(
        at, "system", action, "system", sub.state, None, sub.visit, note=note
    )


def run_timers(
    workflow: Workflow, roles: Roles, submission: Submission, now: datetime
) -> Step:
    """Fire every timer of *submission* due at *now*; return what to send."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("tick needs a timezone-aware datetime")
    now = now.astimezone(MADRID)
    due = [
        i
        for i, t in enumerate(submission.timers)
        if t.status == "scheduled" and t.at <= now
    ]
    if submission.is_closed or not due:
        return Step(submission)
    at = max(now, submission.updated_at)
    kinds = {submission.timers[i].kind for i in due}
    timeout = "timeout" in kinds
    statuses: dict[int, TimerStatus] = {
        i: "skipped"
        if timeout and submission.timers[i].kind in ("reminder", "escalation")
        else "done"
        for i in due
    }
    timers = tuple(
        dataclasses.replace(t, status=statuses[i]) if i in statuses else t
        for i, t in enumerate(submission.timers)
    )
    sub = dataclasses.replace(submission, timers=timers)
    notes: list[Notification] = []
    if "resolution" in kinds:
        resolution = next(
            submission.timers[i]
            for i in due
            if submission.timers[i].kind == "resolution"
        )
        sub, sent = _resolution(workflow, sub, at, resolution)
        notes += sent
    if timeout:
        action = workflow.states[sub.state].on_timeout or "expire"
        route = choose_route(workflow, sub.state, action, sub.answers)
        if route is not None:
            event = _event(sub, at, action, "deadline passed")
            return enter(workflow, roles, sub, route.target, event, notes)
    if "reminder" in kinds and not timeout:
        sub, sent = _remind(workflow, sub, at)
        notes += sent
    if "escalation" in kinds and not timeout:
        sub, sent = _escalate(workflow, roles, sub, at)
        notes += sent
    return Step(
        dataclasses.replace(sub, updated_at=max(at, sub.updated_at)), tuple(notes)
    )


def _remind(
    workflow: Workflow, sub: Submission, at: datetime
) -> tuple[Submission, list[Notification]]:
    state = workflow.states[sub.state]
    if state.reminders is None:
        return sub, []
    recipients: list[tuple[str, Task | None]]
    if state.kind == "wait_submitter":
        recipients = [(sub.submitter, None)]
    else:
        recipients = [
            (t.approver, t) for t in sub.open_tasks() if t.status == "pending"
        ]
    sent = [
        message(workflow, sub, to, state.reminders.template, "reminder", task)
        for to, task in recipients
    ]
    note = f"reminded {', '.join(to for to, _ in recipients) or 'nobody'}"
    sub = dataclasses.replace(
        sub, events=(*sub.events, _event(sub, at, "remind", note))
    )
    return sub, sent


def _escalate(
    workflow: Workflow, roles: Roles, sub: Submission, at: datetime
) -> tuple[Submission, list[Notification]]:
    state = workflow.states[sub.state]
    escalation = state.escalate
    if escalation is None:
        return sub, []
    present = {t.approver for t in sub.open_tasks()}
    emails = [e for e in resolve(escalation.to, roles, sub.answers) if e not in present]
    tasks = sub.tasks
    replaced: list[str] = []
    if escalation.mode == "replace":
        replaced = [t.approver for t in sub.open_tasks() if not t.escalated]
        tasks = tuple(
            dataclasses.replace(t, status="replaced")
            if t.visit == sub.visit
            and t.status in ("pending", "waiting")
            and not t.escalated
            else t
            for t in tasks
        )
    start = sum(1 for t in tasks if t.visit == sub.visit)
    created = new_tasks(sub, state, emails, escalated=True, start=start)
    note = (
        f"{escalation.mode}: {', '.join(t.approver for t in created) or 'nobody new'}"
    )
    if replaced:
        note += f" (replacing {', '.join(replaced)})"
    sub = dataclasses.replace(
        sub,
        tasks=tasks + tuple(created),
        events=(*sub.events, _event(sub, at, "escalate", note)),
    )
    sent = [
        message(workflow, sub, t.approver, escalation.template, "escalation", t)
        for t in created
    ]
    return sub, sent


def _resolution(
    workflow: Workflow, sub: Submission, at: datetime, timer: Timer
) -> tuple[Submission, list[Notification]]:
    resolution = workflow.resolution
    if resolution is None or sub.state not in resolution.states:
        return sub, []
    sent = [
        message(
            workflow, sub, t.approver, resolution.template, "resolution", t, timer.at
        )
        for t in sub.open_tasks()
        if t.status == "pending"
    ]
    note = f"resolution deadline passed; told {len(sent)} approver(s)"
    event = _event(sub, at, "resolution_overdue", note)
    return dataclasses.replace(sub, events=(*sub.events, event)), sent
