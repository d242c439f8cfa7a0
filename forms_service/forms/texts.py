"""What people read about each field: label, hint, section and error messages.

All are English msgids through ``lazy_gettext``, rendered in the page's language.
Field names are those of :mod:`forms_service.formspec`; a field with no entry of
its own in :data:`FIELDS` cannot be built (a test checks every form's fields).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from ..formspec import FieldSpec
from .wording import CHOICES, FIELDS, FieldText

__all__ = ["CHOICES", "FIELDS", "FieldText", "choice_label", "message_for", "text_of"]


#: Messages used when a field has no message of its own, by formspec error code.
GENERIC: Mapping[str, LazyString] = {
    "required": _l("Answer this question"),
    "too_long": _l("“%(label)s” is too long: write %(max)d characters or fewer"),
    "invalid_email": _l(
        "Enter an email address in the right format, like name@example.com"
    ),
    "invalid_phone": _l("Enter a phone number, like 930 000 000 or +34 600 000 000"),
    "not_integer": _l("“%(label)s” must be a whole number, like 12"),
    "out_of_range": _l("“%(label)s” must be between %(min)d and %(max)d"),
    "not_a_choice": _l("Choose one of the options listed"),
    "invalid": _l("This answer is not valid: check it and try again"),
}


def text_of(name: str) -> FieldText:
    """Return the texts of the field called *name*.

    :raises KeyError: the field has no texts (a form was added without them).
    """
    return FIELDS[name]


def choice_label(field: str, value: str) -> str:
    """Return the label of choice *value* of *field* (the value if unknown)."""
    label = CHOICES.get(field, {}).get(value)
    return str(label) if label is not None else value


def message_for(spec: FieldSpec, code: str) -> str:
    """Return the message for a formspec error *code* on *spec*, in the language."""
    text = text_of(spec.name)
    label = str(text.label)
    if code == "required":
        return str(text.required or GENERIC["required"])
    if code == "too_long":
        return GENERIC["too_long"] % {"label": label, "max": spec.max_length or 0}
    if code in ("too_small", "too_large"):
        if text.out_of_range is not None:
            return str(text.out_of_range)
        values = {"label": label, "min": spec.min or 0, "max": spec.max or 0}
        return GENERIC["out_of_range"] % values
    if code == "not_integer":
        return GENERIC["not_integer"] % {"label": label}
    if code == "not_a_choice":
        return str(text.invalid_choice or GENERIC["not_a_choice"])
    return str(GENERIC.get(code, GENERIC["invalid"]))
