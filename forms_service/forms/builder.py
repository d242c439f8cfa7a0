"""Flask-WTF form classes built from the field specifications of `formspec.FORMS`.

A built form turns what was typed into answers as the engine expects them
(:meth:`SpecForm.answers`); files come from the uploads kept in the draft, not
from the request, so that a valid file never has to be chosen twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    RadioField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from ..formspec import FORMS, FieldSpec, FormSpec
from .texts import FieldText, choice_label, text_of
from .validators import EXTRA_RULES, FitsSpec, UploadsAccepted

_WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]{1,9}$")
_TEXT_WIDGETS: dict[str, type[Field]] = {
    "text": StringField,
    "email": EmailField,
    "phone": TelField,
    "integer": StringField,  # type="number" misbehaves; inputmode asks for digits
}


def _render_kw(spec: FieldSpec) -> dict[str, Any]:
    text = text_of(spec.name)
    render: dict[str, Any] = {}
    if spec.type in ("email", "phone", "integer"):
        render["spellcheck"] = "false"
    if spec.type == "integer":
        render["inputmode"] = "numeric"
    if spec.type in ("text", "email", "phone", "integer"):
        render["autocomplete"] = text.autocomplete or "off"
    if spec.type == "file":
        render["accept"] = ",".join(spec.accept)
    return render


def _unbound(spec: FieldSpec) -> Field:
    text = text_of(spec.name)
    validators, filters = EXTRA_RULES.get(spec.name, ((), ()))
    first = (UploadsAccepted(),) if spec.type == "file" else ()
    options: dict[str, Any] = {
        "label": text.label,
        "description": text.hint or "",
        "validators": [*first, FitsSpec(spec), *validators],
        "render_kw": _render_kw(spec),
    }
    if spec.type in _TEXT_WIDGETS:
        widget = _TEXT_WIDGETS[spec.type]
        if spec.multiline:
            widget = TextAreaField
        return widget(filters=list(filters), **options)
    if spec.type == "choice":
        choices = [
            SelectChoice(value, choice_label(spec.name, value))
            for value in spec.choices
        ]
        return RadioField(choices=choices, validate_choice=False, **options)
    if spec.type == "boolean":
        return BooleanField(**options)
    if spec.type == "file":
        return (MultipleFileField if spec.multiple else FileField)(**options)
    raise ValueError(f'no form widget for field "{spec.name}" of type {spec.type}')


class SpecForm(FlaskForm):
    """A form built from a :class:`FormSpec`; see :func:`form_class`."""

    spec: ClassVar[FormSpec]

    def __init__(self, *args: Any, kept: dict[str, list[dict[str, Any]]] | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        #: Uploads kept in the draft, per file field (see `uploads.py`).
        self.kept: dict[str, list[dict[str, Any]]] = dict(kept or {})
        #: Why files chosen in this request were refused, per file field.
        self.upload_errors: dict[str, list[str]] = {}
        #: Problems that belong to no field (the call is closed, the page expired).
        self.top_errors: list[str] = []

    def spec_fields(self) -> Iterator[tuple[FieldSpec, Field]]:
        """Yield each specified field with its bound field, in display order."""
        for spec in self.spec.fields:
            yield spec, self[spec.name]

    def answer(self, name: str) -> object:
        """Return the answer to *name* as the engine expects it (None: unanswered)."""
        spec = self.spec.field(name)
        if spec is None:
            raise KeyError(name)
        data = self[name].data
        if spec.type == "file":
            return list(self.kept.get(name, ())) or None
        if spec.type == "boolean":
            return bool(data)
        text = data.strip() if isinstance(data, str) else ""
        if spec.type == "integer" and _WHOLE_NUMBER.match(text.replace(" ", "")):
            return int(text.replace(" ", ""))
        return text or None  # not a whole number: the specification says so

    def answers(self) -> dict[str, Any]:
        """Return every given answer (and every yes/no), by field name."""
        given = {spec.name: self.answer(spec.name) for spec in self.spec.fields}
        return {name: value for name, value in given.items() if value is not None}

    def refuse(self, name: str | None, message: str) -> None:
        """Add *message* to field *name*, or to the top of the form if None."""
        if name is None or name not in self:
            self.top_errors.append(message)
            return
        field = self[name]
        field.errors = [*field.errors, message]

    def problems(self) -> list[tuple[str | None, str]]:
        """Return (anchor id or None, message) for the error summary, in order."""
        found: list[tuple[str | None, str]] = [(None, m) for m in self.top_errors]
        for spec, field in self.spec_fields():
            found.extend((anchor_of(spec), str(m)) for m in field.errors)
        return found

    def posted_values(self, formdata: MultiDict[str, Any]) -> dict[str, list[str]]:
        """Return what was typed, by field name (files excluded), for the draft."""
        return {
            spec.name: [str(value) for value in formdata.getlist(spec.name)]
            for spec in self.spec.fields
            if spec.type != "file" and spec.name in formdata
        }

    def rows(self) -> Iterator[FieldRow]:
        """Yield what the page needs to show each field."""
        for spec, field in self.spec_fields():
            kept = self.kept.get(spec.name, [])
            yield FieldRow(spec, field, text_of(spec.name), anchor_of(spec), kept)


@dataclass(frozen=True)
class FieldRow:
    """One field as the templates show it."""

    spec: FieldSpec
    field: Field
    text: FieldText
    anchor: str
    kept: list[dict[str, Any]]

    @property
    def optional(self) -> bool:
        """Say whether the label says "(optional)"."""
        return not self.spec.required and not self.text.conditional

    @property
    def described_by(self) -> str:
        """Return the ids of the hint, file notes and errors of the field."""
        name = self.spec.name
        ids = [f"{name}-hint"] if self.text.hint else []
        if self.spec.type == "file":
            ids += [f"{name}-formats"] + ([f"{name}-kept"] if self.kept else [])
        ids += [f"{name}-error-{index}" for index in range(len(self.field.errors))]
        return " ".join(ids)


def anchor_of(spec: FieldSpec) -> str:
    """Return the id a link to a field points at (a radio group's first input)."""
    return f"{spec.name}-0" if spec.type == "choice" else spec.name


@functools.cache
def form_class(form_name: str) -> type[SpecForm]:
    """Return the form class of the specification called *form_name*.

    :raises KeyError: there is no such form.
    """
    spec = FORMS[form_name]
    fields = {item.name: _unbound(item) for item in spec.fields}
    name = "".join(part.title() for part in spec.name.split("_")) + "Form"
    return type(name, (SpecForm,), {"spec": spec, **fields})
