"""A submission's record: its tasks, timers and audit trail, as frozen dataclasses.

Everything converts to and from plain JSON-ready dicts (``to_dict``/``from_dict``)
for storage; datetimes become ISO 8601 strings with their offset.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

CHANNELS = ("form", "email-link", "dashboard", "system")

TaskStatus = Literal["pending", "waiting", "done", "closed", "replaced"]
TimerKind = Literal["due", "timeout", "reminder", "escalation", "resolution"]
TimerStatus = Literal["scheduled", "done", "skipped", "cancelled"]

_TIMES = (
    "at",
    "decided_at",
    "created_at",
    "updated_at",
    "closed_at",
    "purge_after",
    "blocked_at",
)


@dataclass(frozen=True)
class Task:
    """One approver's part in one visit of a task state.

    ``waiting`` is a sequential approver not yet asked; ``closed`` a task left
    undecided when the state was left; ``replaced`` one taken over by escalation.
    """

    id: str
    state: str
    visit: int
    approver: str
    order: int
    status: TaskStatus
    escalated: bool = False
    action: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None


@dataclass(frozen=True)
class Timer:
    """Something due at a moment: a deadline, a reminder, an escalation."""

    kind: TimerKind
    at: datetime
    state: str
    visit: int
    status: TimerStatus = "scheduled"


@dataclass(frozen=True)
class AuditEvent:
    """One change: who (on whose behalf, through which channel), when, what."""

    at: datetime
    actor: str
    action: str
    channel: str
    from_state: str | None
    to_state: str | None
    visit: int
    on_behalf_of: tuple[str, ...] = ()
    comment: str | None = None
    task_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Submission:
    """A request following a workflow, pinned to the definition it started with."""

    id: str
    workflow_id: str
    workflow_version: int
    workflow_sha256: str
    answers: Mapping[str, Any]
    submitter: str
    language: str
    state: str
    visit: int
    created_at: datetime
    updated_at: datetime
    tasks: tuple[Task, ...] = ()
    timers: tuple[Timer, ...] = ()
    events: tuple[AuditEvent, ...] = ()
    unique_key: str | None = None
    outcome: str | None = None
    closed_at: datetime | None = None
    purge_after: datetime | None = None
    blocked_at: datetime | None = None

    @property
    def reference(self) -> str:
        """Return the reference shown to people (the id)."""
        return self.id

    @property
    def is_closed(self) -> bool:
        """Say whether the submission reached a final state."""
        return self.outcome is not None

    def open_tasks(self) -> tuple[Task, ...]:
        """Return the tasks of the current visit that may still be decided."""
        return tuple(
            task
            for task in self.tasks
            if task.visit == self.visit and task.status in ("pending", "waiting")
        )

    def pending_approvers(self) -> tuple[str, ...]:
        """Return who is asked to decide now (not those waiting their turn)."""
        return tuple(t.approver for t in self.open_tasks() if t.status == "pending")

    def deadline(self) -> datetime | None:
        """Return when the current state is due, if it has a deadline."""
        return next(
            (
                timer.at
                for timer in self.timers
                if timer.visit == self.visit and timer.kind in ("due", "timeout")
            ),
            None,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        result: dict[str, Any] = _encode(self)
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Submission:
        """Rebuild a submission from :meth:`to_dict` output."""
        values = _decode(dict(data))
        values["answers"] = dict(values["answers"])
        values["tasks"] = tuple(Task(**_decode(item)) for item in data["tasks"])
        values["timers"] = tuple(Timer(**_decode(item)) for item in data["timers"])
        values["events"] = tuple(
            AuditEvent(**{**_decode(item), "on_behalf_of": tuple(item["on_behalf_of"])})
            for item in data["events"]
        )
        return cls(**values)


def _encode(value: Any) -> Any:
    """Return *value* as JSON-ready builtins: dataclasses (as `dataclasses.asdict`
    would, in the same pass) and mappings become dicts, sequences lists, times
    ISO 8601 text."""
    if isinstance(value, str | int | float | None):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _field_names(type(value))
        return {name: _encode(getattr(value, name)) for name in names}
    return value


@cache
def _field_names(kind: type[Any]) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _decode(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: datetime.fromisoformat(value)
        if key in _TIMES and isinstance(value, str)
        else value
        for key, value in data.items()
    }


def replace_task(
    tasks: tuple[Task, ...], task: Task, **changes: Any
) -> tuple[Task, ...]:
    """Return *tasks* with *task* replaced by a changed copy."""
    return tuple(
        dataclasses.replace(item, **changes) if item.id == task.id else item
        for item in tasks
    )
