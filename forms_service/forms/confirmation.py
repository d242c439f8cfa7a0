"""What happens after sending, read off the workflow (the confirmation page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import ngettext

from ..workflow import Duration, Workflow

_UNITS: dict[str, Callable[[int], str]] = {
    "hours": lambda n: ngettext("%(num)d hour", "%(num)d hours", n),
    "days": lambda n: ngettext("%(num)d day", "%(num)d days", n),
    "working_days": lambda n: ngettext(
        "%(num)d working day", "%(num)d working days", n
    ),
    "months": lambda n: ngettext("%(num)d month", "%(num)d months", n),
    "years": lambda n: ngettext("%(num)d year", "%(num)d years", n),
}


@dataclass(frozen=True)
class NextSteps:
    """The first step of a request and the times the workflow promises."""

    first_step: str
    first_step_time: str | None
    may_ask_for_information: bool
    decision_time: str | None
    mail_to_submitter: bool


def duration_text(duration: Duration) -> str:
    """Write a workflow duration in words, in the page's language."""
    return str(_UNITS[duration.unit](duration.amount))


def next_steps(workflow: Workflow, language: str) -> NextSteps:
    """Describe what happens to a new request of *workflow*."""
    state = workflow.states[workflow.initial]
    label = state.label.get(language) or state.label.get("en") or state.name
    resolution = workflow.resolution
    return NextSteps(
        first_step=label,
        first_step_time=duration_text(state.due) if state.due else None,
        may_ask_for_information="request_info" in workflow.actions(state.name),
        decision_time=duration_text(resolution.within) if resolution else None,
        mail_to_submitter=any(item.to == "submitter" for item in state.notify),
    )
