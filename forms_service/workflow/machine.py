"""Moving a submission into a state: tasks, timers, notifications, audit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import datetime

from .conditions import holds
from .effects import Notification, Reason, Step
from .model import PAST, ApproverRef, State, Transition, Workflow
from .records import AuditEvent, Submission, Task, Timer, TimerKind
from .workdays import local_date

Roles = Mapping[str, tuple[str, ...]]


def resolve(
    refs: Iterable[ApproverRef], roles: Roles, answers: Mapping[str, object]
) -> list[str]:
    """Return the email addresses *refs* stand for, lowercased, without repeats."""
    emails: list[str] = []
    for ref in refs:
        if ref.kind == "role":
            emails.extend(roles.get(ref.value, ()))
        elif ref.kind == "email":
            emails.append(ref.value)
        elif isinstance(answers.get(ref.value), str):
            emails.append(str(answers[ref.value]))
    return list(
        dict.fromkeys(email.strip().lower() for email in emails if email.strip())
    )


def new_tasks(
    submission: Submission,
    state: State,
    emails: list[str],
    *,
    escalated: bool,
    start: int,
) -> list[Task]:
    """Create tasks for *emails* in the current visit (never for the submitter)."""
    sequential = state.approvers is not None and state.approvers.mode == "sequential"
    eligible = [email for email in emails if email != submission.submitter]
    return [
        Task(
            id=f"{submission.visit}.{start + index}",
            state=state.name,
            visit=submission.visit,
            approver=email,
            order=start + index,
            status="waiting" if sequential and index and not escalated else "pending",
            escalated=escalated,
        )
        for index, email in enumerate(eligible)
    ]


def message(
    workflow: Workflow,
    submission: Submission,
    to: str,
    template: str,
    reason: Reason,
    task: Task | None = None,
    deadline: datetime | None = None,
) -> Notification:
    """Build a notification; approvers get the workflow's first language."""
    language = (
        submission.language
        if to == submission.submitter and submission.language in workflow.languages
        else workflow.languages[0]
    )
    return Notification(
        to=to,
        template=template,
        language=language,
        reference=submission.id,
        workflow_id=submission.workflow_id,
        state=submission.state,
        reason=reason,
        task_id=task.id if task else None,
        deadline=deadline or submission.deadline(),
    )


def _timers(workflow: Workflow, state: State, visit: int, now: datetime) -> list[Timer]:
    calendar, timers = workflow.calendar, []
    if state.due is not None:
        kind: TimerKind = "timeout" if state.on_timeout else "due"
        timers.append(Timer(kind, calendar.ends_at(now, state.due), state.name, visit))
    if state.reminders is not None:
        timers += [
            Timer("reminder", calendar.ends_at(now, after), state.name, visit)
            for after in state.reminders.after
        ]
    if state.escalate is not None:
        at = calendar.ends_at(now, state.escalate.after)
        timers.append(Timer("escalation", at, state.name, visit))
    return timers


def _previous_approvers(submission: Submission) -> list[str]:
    visits = [task.visit for task in submission.tasks if task.visit < submission.visit]
    if not visits:
        return []
    last = max(visits)
    emails = (
        t.approver
        for t in submission.tasks
        if t.visit == last and t.status != "replaced"
    )
    return list(dict.fromkeys(emails))


def enter(
    workflow: Workflow,
    roles: Roles,
    submission: Submission,
    target: str,
    event: AuditEvent,
    notifications: Iterable[Notification] = (),
) -> Step:
    """Leave the current state (closing its tasks and timers) and enter *target*."""
    now = event.at
    state = workflow.states[target]
    resolution = workflow.resolution
    tasks = tuple(
        dataclasses.replace(t, status="closed")
        if t.status in ("pending", "waiting")
        else t
        for t in submission.tasks
    )
    timers = tuple(
        dataclasses.replace(t, status="cancelled")
        if t.status == "scheduled"
        and (
            t.kind != "resolution" or not resolution or target not in resolution.states
        )
        else t
        for t in submission.timers
    )
    visit = submission.visit + 1
    sub = dataclasses.replace(
        submission,
        state=target,
        visit=visit,
        tasks=tasks,
        timers=timers + tuple(_timers(workflow, state, visit, now)),
        events=(*submission.events, dataclasses.replace(event, to_state=target)),
        updated_at=now,
    )
    if state.kind == "final":
        purge = (
            workflow.calendar.ends_at(now, workflow.retention)
            if workflow.retention
            else None
        )
        sub = dataclasses.replace(
            sub, outcome=state.outcome, closed_at=now, purge_after=purge
        )
    if state.approvers is not None:
        emails = resolve(state.approvers.refs, roles, sub.answers)
        created = new_tasks(sub, state, emails, escalated=False, start=0)
        if not created and state.escalate is not None:
            emails = resolve(state.escalate.to, roles, sub.answers)
            created = new_tasks(sub, state, emails, escalated=True, start=0)
        sub = dataclasses.replace(sub, tasks=sub.tasks + tuple(created))
    return Step(sub, (*notifications, *on_enter(workflow, sub, state)))


def on_enter(
    workflow: Workflow, submission: Submission, state: State
) -> list[Notification]:
    """Return the notifications due on entering *state*."""
    result = []
    for notify in state.notify:
        if notify.to == "submitter":
            result.append(
                message(
                    workflow, submission, submission.submitter, notify.template, "enter"
                )
            )
        elif state.kind == "task":
            result += [
                message(
                    workflow, submission, task.approver, notify.template, "enter", task
                )
                for task in submission.open_tasks()
                if task.status == "pending"
            ]
        else:
            result += [
                message(workflow, submission, email, notify.template, "enter")
                for email in _previous_approvers(submission)
            ]
    return result


def choose_route(
    workflow: Workflow, state: str, action: str, answers: Mapping[str, object]
) -> Transition | None:
    """Return the transition *action* takes: guarded ones first, in file order."""
    routes = sorted(workflow.routes(state, action), key=lambda item: item.when is None)
    return next(
        (item for item in routes if item.when is None or holds(item.when, answers)),
        None,
    )


def decision_summary(submission: Submission, visit: int) -> str | None:
    """Return "approved by x on 2026-03-02" for the event that ended *visit*."""
    event = next(
        (e for e in submission.events if e.visit == visit and e.to_state is not None),
        None,
    )
    if event is None:
        return None
    who = "automatically" if event.actor == "system" else f"by {event.actor}"
    return f"{PAST.get(event.action, event.action)} {who} on {local_date(event.at)}"
