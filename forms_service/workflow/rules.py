"""Rules checked when a submission starts: window, answers, requirements, uniqueness."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from forms_service.formspec import FORMS, FormSpec, check_answers

from .conditions import holds
from .errors import InvalidAnswers, SubmissionRefused
from .model import Requirement, Workflow
from .workdays import local_date

_WINDOW = {
    "not_open": {
        "ca": "Aquesta convocatòria accepta sol·licituds del {opens} al {closes}.",
        "es": "Esta convocatoria acepta solicitudes del {opens} al {closes}.",
        "en": "This call accepts applications from {opens} to {closes}.",
    },
    "duplicate": {
        "ca": "Aquest ens ja ha presentat una sol·licitud en aquesta convocatòria.",
        "es": "Este ente ya ha presentado una solicitud en esta convocatoria.",
        "en": "This entity has already applied in this call.",
    },
}


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def check_window(workflow: Workflow, now: datetime) -> None:
    """Refuse a submission outside the workflow's application window."""
    window = workflow.window
    if window is None:
        return
    today = local_date(now)
    if window.opens <= today <= window.closes:
        return
    code = "window_not_open" if today < window.opens else "window_closed"
    texts = {
        language: text.format(opens=_day(window.opens), closes=_day(window.closes))
        for language, text in _WINDOW["not_open"].items()
    }
    raise SubmissionRefused(code, texts["en"], messages=texts)


def unmet_requirements(
    workflow: Workflow, answers: Mapping[str, object]
) -> list[Requirement]:
    """Return the workflow's requirements that *answers* do not meet."""
    return [
        rule for rule in workflow.requirements if not holds(rule.condition, answers)
    ]


def check_requirements(workflow: Workflow, answers: Mapping[str, object]) -> None:
    """Refuse answers that break a requirement (the first one, with its message)."""
    for rule in unmet_requirements(workflow, answers):
        reason = rule.message.get("en") or next(iter(rule.message.values()), rule.id)
        raise SubmissionRefused(
            rule.id, reason, field=rule.field, messages=rule.message
        )


def check_form(
    form: FormSpec, answers: Mapping[str, object], *, partial: bool = False
) -> None:
    """Refuse answers that do not fit *form* (``partial``: only the fields given)."""
    errors = check_answers(form, answers)
    if partial:
        errors = {name: code for name, code in errors.items() if name in answers}
    if errors:
        raise InvalidAnswers(errors)


def form_of(name: str, forms: Mapping[str, FormSpec] = FORMS) -> FormSpec:
    """Return the form called *name* (validated at load, so it exists)."""
    return forms[name]


def _normal(value: object) -> str:
    return re.sub(r"[\s.\-/]", "", str(value)).casefold()


def uniqueness_key(workflow: Workflow, answers: Mapping[str, object]) -> str | None:
    """Return the key that must be unique, e.g. ``id|call|p0800000b``, or None."""
    if not workflow.unique_per:
        return None
    call = workflow.window.call if workflow.window else ""
    values = "|".join(_normal(answers.get(name, "")) for name in workflow.unique_per)
    return f"{workflow.id}|{call}|{values}"


def refuse_duplicate(key: str) -> SubmissionRefused:
    """Return the error for a second submission with the same unique key."""
    texts = _WINDOW["duplicate"]
    return SubmissionRefused("duplicate", texts["en"], messages=texts)
