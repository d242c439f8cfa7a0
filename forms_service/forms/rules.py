"""The workflow's own rules, shown on the form beside the field they concern.

The requirements written in the workflow (a group of 8 or accepting a grouping,
an age or a year of birth…), the one-application-per-entity rule and the
application window are checked before the "check your answers" page, with the
workflow's messages, so that nobody learns of a refusal only after sending.
The engine checks them again when the request is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from ..workflow import (
    InvalidAnswers,
    SubmissionRefused,
    Workflow,
    uniqueness_key,
    unmet_requirements,
)
from ..workflow.rules import check_window, refuse_duplicate
from .builder import SpecForm
from .texts import GENERIC, message_for

WINDOW_CODES = ("window_not_open", "window_closed")


def window_refusal(workflow: Workflow, now: datetime) -> SubmissionRefused | None:
    """Return the refusal of a call that is not open at *now*, or None."""
    try:
        check_window(workflow, now)
    except SubmissionRefused as refusal:
        return refusal
    return None


def in_language(messages: Mapping[str, str], language: str, fallback: str) -> str:
    """Return the message in *language*, else in English, else *fallback*."""
    return messages.get(language) or messages.get("en") or fallback


def check_workflow_rules(
    form: SpecForm,
    workflow: Workflow,
    language: str,
    is_claimed: Callable[[str], bool],
) -> None:
    """Add the unmet requirements and an existing application to the form."""
    answers = form.answers()
    for rule in unmet_requirements(workflow, answers):
        if rule.field is not None and rule.field in form and form[rule.field].errors:
            continue  # the field's own problem comes first
        form.refuse(rule.field, in_language(rule.message, language, rule.id))
    key = uniqueness_key(workflow, answers)
    unique_fields_fine = all(not form[name].errors for name in workflow.unique_per)
    if key is not None and unique_fields_fine and is_claimed(key):
        show_refusal(form, workflow, refuse_duplicate(key), language)


def show_refusal(
    form: SpecForm, workflow: Workflow, refusal: SubmissionRefused, language: str
) -> None:
    """Put the engine's refusal beside the field it concerns, or at the top."""
    if isinstance(refusal, InvalidAnswers):
        for name, code in refusal.errors.items():
            spec = form.spec.field(name)
            message = message_for(spec, code) if spec else str(GENERIC["invalid"])
            form.refuse(name if spec else None, message)
        return
    field = refusal.field
    if field is None and refusal.code == "duplicate" and workflow.unique_per:
        field = workflow.unique_per[0]
    form.refuse(field, in_language(refusal.messages, language, refusal.reason))
