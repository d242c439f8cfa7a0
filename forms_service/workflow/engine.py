"""The workflow engine: start a submission and apply people's actions to it.

Pure: no I/O, no Flask, an injected clock. Each call returns a :class:`Step`
(the new submission and the notifications to send); nothing is sent here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from .decisions import open_task, record_partial, refuse_stale
from .effects import Step
from .errors import ActionRefused, WorkflowError
from .machine import choose_route, decision_summary, enter
from .model import ACTIONS, APPROVER_ACTIONS, COMMENT_REQUIRED, Workflow
from .records import CHANNELS, AuditEvent, Submission, Timer, replace_task
from .registry import WorkflowRegistry
from .rules import (
    check_form,
    check_requirements,
    check_window,
    form_of,
    refuse_duplicate,
    uniqueness_key,
)
from .ticker import run_timers
from .workdays import MADRID, Clock, system_clock


def _plain(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in answers.items()}


class Engine:
    """Runs submissions through the workflows of a registry, on an injected clock."""

    def __init__(self, registry: WorkflowRegistry, clock: Clock = system_clock) -> None:
        self.registry = registry
        self.clock = clock

    def now(self, submission: Submission | None = None) -> datetime:
        """Return the clock's time, never earlier than the submission's last change."""
        moment = self.clock()
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise WorkflowError("the clock must return timezone-aware datetimes")
        moment = moment.astimezone(MADRID)
        if submission is not None and moment < submission.updated_at:
            return submission.updated_at  # the clock went back: never act "earlier"
        return moment

    def start(
        self,
        workflow_id: str,
        answers: Mapping[str, Any],
        *,
        reference: str,
        language: str,
        is_taken: Callable[[str], bool] = lambda key: False,
        channel: str = "form",
    ) -> Step:
        """Check and start a submission of *workflow_id*.

        :param is_taken: the store's answer to "is this unique key already used?"
        :raises SubmissionRefused: outside the window, bad answers, a broken rule,
            or a duplicate (``InvalidAnswers`` for answers that do not fit the form).
        """
        workflow = self.registry.current(workflow_id)
        now = self.now()
        check_window(workflow, now)
        answers = _plain(answers)
        check_form(form_of(workflow.form, self.registry.forms), answers)
        check_requirements(workflow, answers)
        key = uniqueness_key(workflow, answers)
        if key is not None and is_taken(key):
            raise refuse_duplicate(key)
        submitter = str(answers[workflow.submitter_field]).strip().lower()
        timers: tuple[Timer, ...] = ()
        if workflow.resolution is not None:
            at = workflow.calendar.ends_at(now, workflow.resolution.within)
            timers = (Timer("resolution", at, workflow.initial, 0),)
        submission = Submission(
            id=reference,
            workflow_id=workflow.id,
            workflow_version=workflow.version,
            workflow_sha256=workflow.sha256,
            answers=answers,
            submitter=submitter,
            language=language
            if language in workflow.languages
            else workflow.languages[0],
            state="",
            visit=0,
            created_at=now,
            updated_at=now,
            timers=timers,
            unique_key=key,
        )
        event = AuditEvent(now, submitter, "submit", channel, None, workflow.initial, 0)
        return enter(workflow, self.registry.roles, submission, workflow.initial, event)

    def act(
        self,
        submission: Submission,
        action: str,
        *,
        actor: str,
        channel: str,
        comment: str | None = None,
        answers: Mapping[str, Any] | None = None,
        task_id: str | None = None,
    ) -> Step:
        """Apply *action* by *actor*; raise :class:`ActionRefused` saying why not.

        :param task_id: the task an emailed link is bound to, if any.
        :param answers: new answers (``resubmit``) or the state's form (``evaluate``).
        """
        workflow = self.registry.for_submission(submission)
        actor = actor.strip().lower()
        comment = (comment or "").strip() or None
        if action not in ACTIONS:
            raise ActionRefused(
                action, "unknown_action", f'"{action}" is not an action'
            )
        if channel not in CHANNELS or channel == "system" or action == "expire":
            raise ActionRefused(
                action, "system_only", "only the system's clock does that"
            )
        refuse_stale(submission, action, actor, task_id)
        if submission.is_closed:
            summary = decision_summary(submission, submission.visit - 1)
            raise ActionRefused(action, "already_decided", f"already {summary}")
        state = workflow.states[submission.state]
        if not workflow.routes(state.name, action):
            label = state.label.get("en", state.name)
            reason = f'the request is at "{label}", where this is not possible'
            raise ActionRefused(action, "not_available", reason)
        now = self.now(submission)
        event = AuditEvent(
            now, actor, action, channel, state.name, None, submission.visit
        )
        event = dataclasses.replace(event, comment=comment, task_id=task_id)
        if action in APPROVER_ACTIONS:
            return self._decide(workflow, submission, event)
        return self._submitter_acts(workflow, submission, event, answers or {})

    def tick(self, submission: Submission, now: datetime | None = None) -> Step:
        """Send due reminders, escalate, and apply timeouts; never before their time."""
        workflow = self.registry.for_submission(submission)
        moment = now if now is not None else self.clock()
        return run_timers(workflow, self.registry.roles, submission, moment)

    def _route_or_refuse(
        self, workflow: Workflow, submission: Submission, event: AuditEvent
    ) -> str:
        route = choose_route(
            workflow, submission.state, event.action, submission.answers
        )
        if route is None:
            raise ActionRefused(event.action, "no_route", "no route fits these answers")
        needs_comment = event.action in COMMENT_REQUIRED or route.comment_required
        if needs_comment and not event.comment:
            raise ActionRefused(
                event.action, "comment_required", "a comment is required"
            )
        return route.target

    def _decide(
        self, workflow: Workflow, submission: Submission, event: AuditEvent
    ) -> Step:
        actor, action = event.actor, event.action
        if actor == submission.submitter:
            reason = "you cannot decide on a request you sent yourself"
            raise ActionRefused(action, "own_request", reason)
        task = open_task(submission, action, actor)
        target = self._route_or_refuse(workflow, submission, event)
        event = dataclasses.replace(event, task_id=task.id)
        tasks = replace_task(
            submission.tasks, task, status="done", action=action,
            decided_at=event.at, decided_by=actor,
        )  # fmt: skip
        sub = dataclasses.replace(submission, tasks=tasks)
        others = [t for t in sub.open_tasks() if not t.escalated]
        mode = workflow.states[sub.state].approvers
        counted = mode is not None and mode.mode in ("all", "sequential")
        if action == "approve" and counted and not task.escalated and others:
            return record_partial(workflow, sub, event, others)
        if task.escalated:
            event = dataclasses.replace(
                event, on_behalf_of=tuple(t.approver for t in others)
            )
        return enter(workflow, self.registry.roles, sub, target, event)

    def _submitter_acts(
        self,
        workflow: Workflow,
        submission: Submission,
        event: AuditEvent,
        answers: Mapping[str, Any],
    ) -> Step:
        action = event.action
        if event.actor != submission.submitter:
            reason = "only the person who sent the request can do this"
            raise ActionRefused(action, "not_submitter", reason)
        merged = {**submission.answers, **_plain(answers)}
        if action == "resubmit":
            for name in workflow.unique_per:
                if merged.get(name) != submission.answers.get(name):
                    raise ActionRefused(
                        action, "locked_field", f'"{name}" cannot change'
                    )
            check_form(form_of(workflow.form, self.registry.forms), merged)
            check_requirements(workflow, merged)
        elif action == "evaluate":
            name = workflow.states[submission.state].form or workflow.form
            check_form(form_of(name, self.registry.forms), _plain(answers))
        sub = dataclasses.replace(submission, answers=merged)
        target = self._route_or_refuse(workflow, sub, event)
        return enter(workflow, self.registry.roles, sub, target, event)
