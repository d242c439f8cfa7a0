"""Validators of the generated forms: small classes raising ``ValidationError``.

:class:`FitsSpec` asks :func:`formspec.field_error` (the engine's own check), so
the form never accepts what the engine would refuse; the other rules are those
the form specification cannot express, like the shape of a tax number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from ..formspec import FieldSpec, field_error
from .texts import message_for


class AnsweredForm(Protocol):
    """What the validators need from a form: answers as the engine sees them."""

    upload_errors: dict[str, list[str]]

    def answer(self, name: str) -> object: ...


class FitsSpec:
    """The answer fits its field specification; stop at the first misfit."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spec = spec

    def __call__(self, form: AnsweredForm, field: Field) -> None:
        code = field_error(self.spec, form.answer(field.name))
        if code is not None:
            raise StopValidation(message_for(self.spec, code))


class UploadsAccepted:
    """Every file chosen in this field was accepted (each refusal says why)."""

    def __call__(self, form: AnsweredForm, field: Field) -> None:
        refusals = form.upload_errors.get(field.name)
        if refusals:
            raise StopValidation(" ".join(refusals))


_CONTROL_LETTERS = "JABCDEFGHI"
_PUBLIC_ENTITY_NIF = re.compile(r"^[PQS][0-9]{7}[A-J]$")


def compact_tax_id(value: Any) -> Any:
    """Remove spaces, dots, dashes and slashes from a tax number; upper-case it."""
    if not isinstance(value, str):
        return value
    return re.sub(r"[\s.\-/]", "", value).upper()


def nif_control_letter(digits: str) -> str:
    """Return the control letter of a public entity's NIF from its 7 digits."""
    total = 0
    for position, digit in enumerate(digits, start=1):
        if position % 2:  # odd positions: double and add the digits of the result
            doubled = int(digit) * 2
            total += doubled // 10 + doubled % 10
        else:
            total += int(digit)
    return _CONTROL_LETTERS[(10 - total % 10) % 10]


class PublicEntityTaxId:
    """A Spanish NIF of a public entity: P, Q or S, 7 digits and a control letter.

    Local entities (ajuntaments, consells comarcals, mancomunitats) have a NIF
    starting with P; Q and S are other public bodies, accepted too.
    """

    shape = _l(
        "Enter the NIF of a public entity in the right format: P, Q or S, then "
        "7 digits and a control letter, like P0800000B"
    )
    control = _l(
        "The last letter of this NIF does not match its digits: check that it "
        "was copied correctly"
    )

    def __call__(self, form: AnsweredForm, field: Field) -> None:
        value = compact_tax_id(field.data or "")
        if not value:
            return
        if not _PUBLIC_ENTITY_NIF.match(value):
            raise ValidationError(str(self.shape))
        if value[-1] != nif_control_letter(value[1:8]):
            raise ValidationError(str(self.control))


#: Rules beyond the specification, by field name: (validators, filters).
EXTRA_RULES: Mapping[
    str, tuple[tuple[Callable[[Any, Field], None], ...], tuple[Callable[[Any], Any]]]
] = {
    "entity_tax_id": ((PublicEntityTaxId(),), (compact_tax_id,)),
}
