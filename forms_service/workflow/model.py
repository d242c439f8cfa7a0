"""The workflow definition as frozen dataclasses, built from a checked YAML file.

``at`` fields hold the YAML path of each element so that checks can point at
the exact line and column; they take no part in equality.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .conditions import Condition
from .durations import Duration
from .source import Path
from .workdays import WorkingCalendar

StateKind = Literal["task", "wait_submitter", "final"]
Outcome = Literal["approved", "rejected", "expired", "withdrawn"]
Mode = Literal["any", "all", "sequential"]

KINDS: tuple[StateKind, ...] = ("task", "wait_submitter", "final")
OUTCOMES: tuple[Outcome, ...] = ("approved", "rejected", "expired", "withdrawn")
MODES: tuple[Mode, ...] = ("any", "all", "sequential")
LANGUAGES = ("ca", "es", "en")

#: Actions an approver takes on a task; ``approve`` is the one that ``all`` and
#: ``sequential`` count, every other one is decided by the first who takes it.
APPROVER_ACTIONS = ("approve", "reject", "request_info", "deliver", "complete")
#: Actions the submitter takes while the workflow waits for them.
SUBMITTER_ACTIONS = ("resubmit", "evaluate")
#: ``withdraw`` is the submitter's in any open state; ``expire`` is the system's.
ACTIONS = (*APPROVER_ACTIONS, *SUBMITTER_ACTIONS, "withdraw", "expire")
COMMENT_REQUIRED = ("reject", "request_info")
PAST = {
    "approve": "approved",
    "reject": "rejected",
    "request_info": "asked for more information",
    "deliver": "marked delivered",
    "complete": "completed",
    "resubmit": "resubmitted",
    "evaluate": "evaluated",
    "withdraw": "withdrawn",
    "expire": "expired",
}


@dataclass(frozen=True)
class ApproverRef:
    """Who may decide: everyone in a role, one address, or the address in a field."""

    kind: Literal["role", "email", "field"]
    value: str
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Approvers:
    """The approvers of a task and how their decisions combine."""

    mode: Mode
    refs: tuple[ApproverRef, ...]
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Escalation:
    """After a delay without a decision, add approvers or replace the pending ones."""

    after: Duration
    mode: Literal["add", "replace"]
    to: tuple[ApproverRef, ...]
    template: str
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Reminders:
    """Reminders to those who have not answered, timed from entering the state."""

    after: tuple[Duration, ...]
    template: str
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Notify:
    """A message sent on entering a state."""

    to: Literal["approvers", "submitter"]
    template: str
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Transition:
    """``source --action--> target``, taken when ``when`` holds (or always)."""

    source: str
    action: str
    target: str
    when: Condition | None = None
    comment_required: bool = False
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class State:
    """A task, a wait for the submitter, or a final state."""

    name: str
    kind: StateKind
    label: Mapping[str, str]
    outcome: Outcome | None = None
    approvers: Approvers | None = None
    form: str | None = None
    due: Duration | None = None
    reminders: Reminders | None = None
    escalate: Escalation | None = None
    on_timeout: str | None = None
    notify: tuple[Notify, ...] = ()
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Window:
    """The dates (inclusive, local time) a call accepts applications."""

    call: str
    opens: date
    closes: date


@dataclass(frozen=True)
class Resolution:
    """A deadline for a decision, counted from submission over several states."""

    within: Duration
    states: tuple[str, ...]
    template: str
    at: Path = field(default=(), compare=False)


@dataclass(frozen=True)
class Requirement:
    """A rule on the answers checked when a submission starts."""

    id: str
    condition: Condition
    field: str | None
    message: Mapping[str, str]


@dataclass(frozen=True)
class Workflow:
    """A loaded, valid workflow definition."""

    id: str
    version: int
    sha256: str
    text: str
    path: str
    title: Mapping[str, str]
    form: str
    submitter_field: str
    languages: tuple[str, ...]
    initial: str
    states: Mapping[str, State]
    transitions: tuple[Transition, ...]
    calendar: WorkingCalendar = field(compare=False)
    local_holidays: tuple[date, ...] = ()
    link_ttl: Duration | None = None
    retention: Duration | None = None
    blocking: Duration | None = None
    window: Window | None = None
    unique_per: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    resolution: Resolution | None = None

    @property
    def key(self) -> tuple[str, int, str]:
        """Return (id, version, sha256): what a submission is pinned to."""
        return (self.id, self.version, self.sha256)

    def routes(self, state: str, action: str) -> tuple[Transition, ...]:
        """Return the transitions for *action* from *state*, in file order."""
        return tuple(
            item
            for item in self.transitions
            if item.source == state and item.action == action
        )

    def actions(self, state: str) -> tuple[str, ...]:
        """Return the actions that lead somewhere from *state*."""
        found = (item.action for item in self.transitions if item.source == state)
        return tuple(dict.fromkeys(found))
