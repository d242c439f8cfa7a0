"""A submission's answers as the dashboard shows them: fields in form order, files.

A file field's answer is a list of ``{"blob", "name", "size", "type"}`` (see
:mod:`forms_service.forms.uploads`): the id in ``store.uploads``, the name
cleaned for display, the size in bytes and the type read from the content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from ...forms.texts import choice_label, text_of
from ...forms.wording import REVIEW_LABELS
from ...formspec import FieldSpec, FormSpec, is_answered
from ...workflow import Submission, Workflow


@dataclass(frozen=True)
class Attachment:
    """An uploaded file named in the answers."""

    blob_id: str
    name: str
    size: int
    content_type: str


@dataclass(frozen=True)
class AnswerRow:
    """One answered field, ready to show."""

    name: str
    label: str
    text: str
    files: tuple[Attachment, ...] = ()


def fields_of(workflow: Workflow, forms: Mapping[str, FormSpec]) -> list[FieldSpec]:
    """Return the fields of the workflow's form and of its states' forms, in order."""
    names = [workflow.form] + [
        state.form for state in workflow.states.values() if state.form is not None
    ]
    found: dict[str, FieldSpec] = {}
    for name in dict.fromkeys(names):
        for spec in forms[name].fields:
            found.setdefault(spec.name, spec)
    return list(found.values())


def attachments_of(value: object) -> tuple[Attachment, ...]:
    """Return the files in a file field's answer."""
    items = value if isinstance(value, list | tuple) else ()
    return tuple(
        Attachment(
            item["blob"],
            str(item.get("name") or "file"),
            int(item.get("size") or 0),
            str(item.get("type") or ""),
        )
        for item in items
        if isinstance(item, Mapping) and isinstance(item.get("blob"), str)
    )


def submission_files(
    submission: Submission, fields: list[FieldSpec]
) -> dict[str, Attachment]:
    """Return the submission's own attachments by blob id."""
    return {
        attachment.blob_id: attachment
        for spec in fields
        if spec.type == "file"
        for attachment in attachments_of(submission.answers.get(spec.name))
    }


def answer_rows(submission: Submission, fields: list[FieldSpec]) -> list[AnswerRow]:
    """Return the answered fields with their labels, in form order."""
    rows = []
    for spec in fields:
        value = submission.answers.get(spec.name)
        if not is_answered(value) and value is not False:  # "No" is an answer
            continue
        if spec.type == "file":
            files = attachments_of(value)
            rows.append(AnswerRow(spec.name, _label(spec.name), "", files))
        else:
            rows.append(
                AnswerRow(spec.name, _label(spec.name), shown_value(spec, value))
            )
    return rows


def shown_value(spec: FieldSpec, value: object) -> str:
    """Return an answer as text for people (choices by their label)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(shown_value(spec, item) for item in value)
    if spec.type in ("choice", "multichoice"):
        return choice_label(spec.name, str(value))
    return str(value)


def _label(name: str) -> str:
    if name in REVIEW_LABELS:
        return str(REVIEW_LABELS[name])
    try:
        return str(text_of(name).label)
    except KeyError:
        return name
