"""Field specifications of every form: the one source the forms and workflows share.

Flask-free on purpose: the WTForms classes are built from these specifications,
the workflow loader checks conditions against them, and the static catalogue can
import them. Field names are snake_case and stable (stored answers use them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

FieldType = Literal[
    "text",
    "email",
    "phone",
    "integer",
    "choice",
    "multichoice",
    "boolean",
    "date",
    "file",
]

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]{2,}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,19}$")


@dataclass(frozen=True)
class FieldSpec:
    """One form field: its name, type and constraints.

    For a ``boolean``, ``required`` means it must be ticked (a consent box).
    ``personal`` marks personal data (kept out of mail, encrypted at rest).
    """

    name: str
    type: FieldType
    required: bool = False
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    multiline: bool = False
    multiple: bool = False
    accept: tuple[str, ...] = ()
    personal: bool = False


@dataclass(frozen=True)
class FormSpec:
    """A form: a name and its fields, in display order."""

    name: str
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec | None:
        """Return the field called *name*, or None."""
        return next((item for item in self.fields if item.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        """Return the field names in display order."""
        return tuple(item.name for item in self.fields)


def _text(name: str, *, required: bool = True, **extra: Any) -> FieldSpec:
    extra.setdefault("max_length", 4000 if extra.get("multiline") else 200)
    return FieldSpec(name, "text", required=required, **extra)


REASONS = (
    "disorientation",  # academic, training or work disorientation
    "family_crisis",
    "peer_relationships",
    "addiction",
    "eating",
    "self_esteem",
    "other",
)

REFERRAL = FormSpec(
    "referral",
    (
        _text("professional_name", personal=True),
        _text("professional_role"),
        _text("professional_organisation"),
        FieldSpec("professional_email", "email", required=True, personal=True),
        FieldSpec("professional_phone", "phone", personal=True),
        _text("person_name", max_length=60, personal=True),
        FieldSpec("person_age", "integer", min=0, max=120, personal=True),
        FieldSpec("person_birth_year", "integer", min=1900, max=2100, personal=True),
        _text("person_municipality", max_length=100, personal=True),
        FieldSpec(
            "contact_channel",
            "choice",
            required=True,
            choices=("phone", "email", "video_call", "through_professional"),
        ),
        FieldSpec("is_minor", "boolean"),
        _text("guardian_name", required=False, personal=True),
        _text("guardian_contact", required=False, personal=True),
        FieldSpec("reason", "choice", required=True, choices=REASONS),
        FieldSpec(
            "urgency", "choice", required=True, choices=("low", "normal", "high")
        ),
        _text("description", multiline=True, personal=True),
        FieldSpec("consent", "boolean", required=True),
        FieldSpec(
            "attachments",
            "file",
            multiple=True,
            accept=("application/pdf", "image/jpeg", "image/png"),
            personal=True,
        ),
    ),
)

SUPERVISION_APPLICATION = FormSpec(
    "supervision_application",
    (
        FieldSpec(
            "entity_type",
            "choice",
            required=True,
            choices=("ajuntament", "consell_comarcal", "mancomunitat"),
        ),
        _text("entity_name"),
        _text("entity_tax_id", max_length=20),
        _text("contact_name", personal=True),
        FieldSpec("contact_email", "email", required=True, personal=True),
        FieldSpec("contact_phone", "phone", required=True, personal=True),
        FieldSpec("modality", "choice", required=True, choices=("cases", "team")),
        FieldSpec("professionals", "integer", required=True, min=1, max=999),
        FieldSpec("accept_grouping", "boolean"),
        FieldSpec("hours", "integer", required=True, min=1, max=18),
        FieldSpec("technical_data", "file", required=True, accept=("application/pdf",)),
        _text("comments", required=False, multiline=True),
    ),
)

SUPERVISION_EVALUATION = FormSpec(
    "supervision_evaluation",
    (
        FieldSpec("rating", "integer", required=True, min=0, max=10),
        _text("evaluation_comments", required=False, multiline=True),
    ),
)

EXPRESSION_OF_INTEREST = FormSpec(
    "expression_of_interest",
    (
        _text("entity_name"),
        _text("contact_name", personal=True),
        FieldSpec("contact_email", "email", required=True, personal=True),
        FieldSpec("contact_phone", "phone", personal=True),
        _text("motivation", multiline=True),
        FieldSpec("has_expression_of_interest", "boolean"),
        FieldSpec(
            "expression_of_interest_document", "file", accept=("application/pdf",)
        ),
        _text("no_expression_reason", required=False, multiline=True),
    ),
)

FORMS: Mapping[str, FormSpec] = {
    form.name: form
    for form in (
        REFERRAL,
        SUPERVISION_APPLICATION,
        SUPERVISION_EVALUATION,
        EXPRESSION_OF_INTEREST,
    )
}


def is_answered(value: object) -> bool:
    """Say whether an answer counts as given (not None, blank, False or empty)."""
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return True  # 0 is an answer


def as_date(value: object) -> date | None:
    """Return a date answer as a date (from a date or an ISO string), else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def field_error(spec: FieldSpec, value: object) -> str | None:
    """Return an error code for *value* in field *spec*, or None if it fits."""
    if not is_answered(value):
        return "required" if spec.required else None
    if spec.type in ("text", "email", "phone"):
        if not isinstance(value, str):
            return "not_text"
        if spec.max_length is not None and len(value) > spec.max_length:
            return "too_long"
        if spec.type == "email" and not EMAIL.match(value.strip()):
            return "invalid_email"
        if spec.type == "phone" and not PHONE.match(value.strip()):
            return "invalid_phone"
        return None
    if spec.type == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return "not_integer"
        if spec.min is not None and value < spec.min:
            return "too_small"
        if spec.max is not None and value > spec.max:
            return "too_large"
        return None
    if spec.type == "choice":
        return None if value in spec.choices else "not_a_choice"
    if spec.type == "multichoice":
        items = value if isinstance(value, list | tuple) else [value]
        return None if all(item in spec.choices for item in items) else "not_a_choice"
    if spec.type == "boolean":
        return None if isinstance(value, bool) else "not_boolean"
    if spec.type == "date":
        return None if as_date(value) is not None else "invalid_date"
    return None  # files are checked by the upload layer; here a reference is enough


def check_answers(form: FormSpec, answers: Mapping[str, object]) -> dict[str, str]:
    """Return ``{field: error code}`` for every answer that does not fit *form*.

    Codes: required, not_text, too_long, invalid_email, invalid_phone,
    not_integer, too_small, too_large, not_a_choice, not_boolean, invalid_date,
    unknown_field.
    """
    errors = {
        spec.name: error
        for spec in form.fields
        if (error := field_error(spec, answers.get(spec.name))) is not None
    }
    errors.update({name: "unknown_field" for name in answers if not form.field(name)})
    return errors
