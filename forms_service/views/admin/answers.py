"""A submission's answers as the dashboard shows them: fields in form order, files
(read with :mod:`forms_service.submission_files`)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from ...forms.texts import choice_label, text_of
from ...forms.wording import REVIEW_LABELS
from ...formspec import FieldSpec, is_answered
from ...submission_files import Attachment, attachments_of
from ...workflow import Submission


@dataclass(frozen=True)
class AnswerRow:
    """One answered field, ready to show."""

    name: str
    label: str
    text: str
    files: tuple[Attachment, ...] = ()


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
