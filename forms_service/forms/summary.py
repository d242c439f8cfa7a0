"""The "check your answers" list: each question, its answer in words, its link."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from ..formspec import FORMS, FieldSpec
from .builder import anchor_of
from .texts import choice_label, text_of
from .uploads import size_text


@dataclass(frozen=True)
class SummaryRow:
    """One answer: the question, the answer as lines of text, the field's id."""

    label: str
    lines: tuple[str, ...]
    anchor: str


def answer_lines(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    """Return an answer as the person reads it (empty: not given)."""
    if spec.type == "boolean":
        return (_("Yes") if value is True else _("No"),)
    if value is None or value == "":
        return ()
    if spec.type == "choice":
        return (choice_label(spec.name, str(value)),)
    if spec.type == "file":
        return tuple(f"{item['name']} ({size_text(item['size'])})" for item in value)
    return tuple(str(value).splitlines())


def summary_rows(form_name: str, answers: Mapping[str, Any]) -> list[SummaryRow]:
    """Return one row per field of the form, in the form's order."""
    return [
        SummaryRow(
            str(text_of(spec.name).label),
            answer_lines(spec, answers.get(spec.name)),
            anchor_of(spec),
        )
        for spec in FORMS[form_name].fields
    ]
