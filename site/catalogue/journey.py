""" "What happens after you send it", read off a workflow definition.

The catalogue walks the workflow from its initial state along the actions that
move a request forward, so the service page describes the real steps, their
deadlines and escalations, and never drifts from the YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from forms_service.workflow import Duration, Workflow

from .schema import DEFAULT_LANGUAGE

# The actions that move a request forward, in order of preference.
_FORWARD = ("approve", "deliver", "complete", "evaluate", "resubmit")


@dataclass(frozen=True)
class JourneyStep:
    """One step a request goes through."""

    label: str
    due: Duration | None
    escalates_after: Duration | None
    may_ask_for_information: bool
    waits_for_submitter: bool


@dataclass(frozen=True)
class Journey:
    """The steps of a workflow and its overall deadline, in one language."""

    title: str
    steps: tuple[JourneyStep, ...]
    outcome: str | None
    resolution: Duration | None


def journey(workflow: Workflow, language: str) -> Journey:
    """Describe the forward path through *workflow* in *language*."""
    steps: list[JourneyStep] = []
    seen: set[str] = set()
    name: str | None = workflow.initial
    outcome = None
    while name is not None and name not in seen:
        seen.add(name)
        state = workflow.states[name]
        if state.kind == "final":
            outcome = _label(state.label, language)
            break
        actions = workflow.actions(name)
        steps.append(
            JourneyStep(
                label=_label(state.label, language),
                due=state.due,
                escalates_after=state.escalate.after if state.escalate else None,
                may_ask_for_information="request_info" in actions,
                waits_for_submitter=state.kind == "wait_submitter",
            )
        )
        forward = next((action for action in _FORWARD if action in actions), None)
        name = _usual_target(workflow, name, forward) if forward else None
    resolution = workflow.resolution.within if workflow.resolution else None
    return Journey(_label(workflow.title, language), tuple(steps), outcome, resolution)


def _usual_target(workflow: Workflow, state: str, action: str) -> str:
    """Follow the unconditional route of *action* (the usual case), else the first."""
    routes = workflow.routes(state, action)
    usual = next((route for route in routes if route.when is None), routes[0])
    return usual.target


def _label(labels: Mapping[str, str], language: str) -> str:
    return labels.get(language) or labels.get(DEFAULT_LANGUAGE, "")
