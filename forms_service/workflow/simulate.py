"""Dry run: the route some answers take, who is asked, and every deadline.

Runs the real engine on a frozen clock and sends nothing. At each task the
first asked approver takes the step forward (approve, deliver, complete); at a
wait for the submitter, ``evaluate`` uses the answers given for that form.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .effects import Notification, Step
from .engine import Engine
from .errors import ActionRefused
from .model import Workflow
from .records import Submission
from .registry import WorkflowRegistry

FORWARD = ("approve", "deliver", "complete", "evaluate", "resubmit")


def when(moment: datetime) -> str:
    """Return a deadline readably: "end of 2026-03-16" for a midnight boundary."""
    if moment.time() == datetime.min.time():
        return f"end of {(moment - timedelta(days=1)).date()}"
    return moment.strftime("%Y-%m-%d %H:%M")


def _messages(notes: tuple[Notification, ...]) -> str:
    parts = [f"{n.template} → {n.to} ({n.language})" for n in notes]
    return "; ".join(parts) or "none"


def _describe(
    workflow: Workflow, sub: Submission, number: int, language: str
) -> list[str]:
    state = workflow.states[sub.state]
    label = state.label.get(language) or state.name
    kind = f"final: {state.outcome}" if state.kind == "final" else state.kind
    if state.approvers is not None:
        kind += f", mode {state.approvers.mode}"
    lines = [f"{number}. {state.name} — {label} ({kind})"]
    tasks = [t for t in sub.tasks if t.visit == sub.visit]
    if tasks:
        lines.append(
            "   asks: " + ", ".join(f"{t.approver} [{t.status}]" for t in tasks)
        )
    for timer in (t for t in sub.timers if t.visit == sub.visit):
        what = {
            "due": f"due ({state.due})",
            "timeout": f"due ({state.due}), then {state.on_timeout} automatically",
            "reminder": "reminder to the submitter"
            if state.kind == "wait_submitter"
            else "reminder to those who have not answered",
            "escalation": "escalation",
        }.get(timer.kind, timer.kind)
        lines.append(f"   {when(timer.at)}: {what}")
    others = [
        f"{t.action} → {t.target}"
        for t in workflow.transitions
        if t.source == state.name and t.action not in FORWARD
    ]
    if others:
        lines.append("   other actions: " + ", ".join(others))
    if state.escalate is not None:
        targets = ", ".join(ref.value for ref in state.escalate.to)
        lines.append(f"   escalation {state.escalate.mode}s: {targets}")
    return lines


def _forward(
    engine: Engine, workflow: Workflow, sub: Submission, answers: Mapping[str, Any]
) -> Step | None:
    state = workflow.states[sub.state]
    action = next((a for a in FORWARD if workflow.routes(state.name, a)), None)
    if action is None:
        return None
    if state.kind == "task":
        pending = sub.pending_approvers()
        if not pending:
            return None
        return engine.act(
            sub, action, actor=pending[0], channel="dashboard", comment="(simulation)"
        )
    given: dict[str, Any] = {}
    if action == "evaluate" and state.form:
        names = set(engine.registry.forms[state.form].names)
        given = {key: value for key, value in answers.items() if key in names}
    return engine.act(
        sub, action, actor=sub.submitter, channel="form", answers=given,
        comment="(simulation)",
    )  # fmt: skip


def _advance(
    engine: Engine,
    workflow: Workflow,
    sub: Submission,
    answers: Mapping[str, Any],
    lines: list[str],
) -> Step | None:
    """Take the step forward (several approvals for all/sequential modes)."""
    while True:
        try:
            step = _forward(engine, workflow, sub, answers)
        except ActionRefused as error:
            lines.append(f"   stops here: {error}")
            return None
        if step is None:
            lines.append("   stops here: nobody can take it forward")
            return None
        event = step.submission.events[-1]
        lines.append(f"   → {event.action} by {event.actor}")
        if step.submission.visit != sub.visit:
            return step
        if step.notifications:
            lines.append(f"   messages: {_messages(step.notifications)}")
        sub = step.submission


def simulate(
    registry: WorkflowRegistry,
    workflow_id: str,
    answers: Mapping[str, Any],
    at: datetime,
    language: str = "en",
) -> list[str]:
    """Return the report of a dry run of *answers* through *workflow_id* at *at*."""
    engine = Engine(registry, clock=lambda: at)
    workflow = registry.current(workflow_id)
    title = workflow.title.get(language) or workflow.id
    lines = [
        f"{workflow.id} version {workflow.version} "
        f"(sha256 {workflow.sha256[:12]}) — {title}",
        f"Submitted {when(at)}; every step is assumed to start then. Nothing is sent.",
    ]
    names = set(registry.forms[workflow.form].names)
    first = {key: value for key, value in answers.items() if key in names}
    try:
        step = engine.start(
            workflow_id, first, reference="SIMULATION", language=language
        )
    except ActionRefused as error:
        return [*lines, f"Refused: {error}"]
    number, seen = 1, set()
    next_step: Step | None = step
    while next_step is not None:
        step = next_step
        sub = step.submission
        lines += _describe(workflow, sub, number, language)
        lines.append(f"   messages: {_messages(step.notifications)}")
        if sub.is_closed or sub.state in seen:
            break
        seen.add(sub.state)
        next_step = _advance(engine, workflow, sub, answers, lines)
        number += 1
    resolution = next(
        (t for t in step.submission.timers if t.kind == "resolution"), None
    )
    if resolution is not None and workflow.resolution is not None:
        within = workflow.resolution.within
        lines.append(
            f"Resolution due: {when(resolution.at)} ({within} after submission)"
        )
    return lines
