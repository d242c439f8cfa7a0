"""What the engine asks the caller to do: messages to send, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from .records import Submission

Reason = Literal["enter", "next", "reminder", "escalation", "resolution"]


@dataclass(frozen=True)
class Notification:
    """A message to send: who, which template, in which language, about what.

    It carries no personal data of the person concerned: the template gets the
    reference, the service, the state and a link. ``task_id`` is set when the
    recipient is asked to act: the link must be bound to that task and person.
    """

    to: str
    template: str
    language: str
    reference: str
    workflow_id: str
    state: str
    reason: Reason
    task_id: str | None = None
    deadline: datetime | None = None


@dataclass(frozen=True)
class Step:
    """The result of an engine call: the new submission and the messages to send."""

    submission: Submission
    notifications: tuple[Notification, ...] = ()
