"""Approval workflows written in YAML: loading with exact diagnostics, and the engine.

Pure Python (no Flask), so the forms service, ``xarxa check`` and the static
catalogue can all use it. The public API is re-exported here.
"""

from __future__ import annotations

from .diagnostics import CODES, Diagnostic
from .durations import Duration, parse_duration
from .effects import Notification, Step
from .engine import Engine
from .errors import (
    ActionRefused,
    InvalidAnswers,
    InvalidWorkflow,
    SubmissionRefused,
    UnknownWorkflow,
    WorkflowError,
)
from .loader import (
    check_workflows,
    inspect_workflows,
    load_roles,
    load_workflow,
    load_workflows,
    parse_workflow,
)
from .model import State, Transition, Workflow
from .records import AuditEvent, Submission, Task, Timer
from .registry import WorkflowRegistry
from .rules import uniqueness_key, unmet_requirements
from .templates import PLACEHOLDERS, Template, load_template, render
from .workdays import MADRID, WorkingCalendar, system_clock

__all__ = [
    "CODES",
    "MADRID",
    "PLACEHOLDERS",
    "ActionRefused",
    "AuditEvent",
    "Diagnostic",
    "Duration",
    "Engine",
    "InvalidAnswers",
    "InvalidWorkflow",
    "Notification",
    "State",
    "Step",
    "Submission",
    "SubmissionRefused",
    "Task",
    "Template",
    "Timer",
    "Transition",
    "UnknownWorkflow",
    "Workflow",
    "WorkflowError",
    "WorkflowRegistry",
    "WorkingCalendar",
    "check_workflows",
    "inspect_workflows",
    "load_roles",
    "load_template",
    "load_workflow",
    "load_workflows",
    "parse_duration",
    "parse_workflow",
    "render",
    "system_clock",
    "uniqueness_key",
    "unmet_requirements",
]
