"""Declarative conditions on form answers: data, never evaluated strings.

A condition is a comparison ``{field, op, value}`` or a combination
``{all: [...]}`` / ``{any: [...]}``. Comparing an unanswered field is false
(whatever the operator, except ``present``, which says whether it is answered).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms_service.formspec import FieldSpec, FieldType, as_date, is_answered

from .diagnostics import did_you_mean, quoted
from .source import Path

ORDERED = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "present")
EQUALITY = ("eq", "ne", "in", "not_in", "present")
OPS_BY_TYPE: dict[FieldType, tuple[str, ...]] = {
    "text": EQUALITY,
    "email": EQUALITY,
    "phone": EQUALITY,
    "choice": EQUALITY,
    "integer": ORDERED,
    "date": ORDERED,
    "multichoice": ("contains", "present"),
    "boolean": ("is_true", "is_false"),
    "file": ("present",),
}
OPS = (*ORDERED, "contains", "is_true", "is_false")
WITHOUT_VALUE = ("present", "is_true", "is_false")
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
SYMBOLS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}


@dataclass(frozen=True)
class Comparison:
    """``field op value``, e.g. rating lt 7."""

    field: str
    op: str
    value: Any = None
    at: Path = dataclasses.field(default=(), compare=False)


@dataclass(frozen=True)
class AllOf:
    """True when every item holds."""

    items: tuple[Condition, ...]
    at: Path = dataclasses.field(default=(), compare=False)


@dataclass(frozen=True)
class AnyOf:
    """True when at least one item holds."""

    items: tuple[Condition, ...]
    at: Path = dataclasses.field(default=(), compare=False)


Condition = Comparison | AllOf | AnyOf
Problem = tuple[Path, str, str]


def _compare(op: str, answer: Any, value: Any) -> bool:
    if op == "present":
        return is_answered(answer)
    if op == "is_true":
        return answer is True
    if op == "is_false":
        return answer is not True
    if not is_answered(answer):
        return False
    if op == "contains":
        return isinstance(answer, list | tuple) and value in answer
    items = value if op in ("in", "not_in") else [value]
    if any(isinstance(item, date) for item in items):
        answer = as_date(answer)  # stored answers hold dates as ISO text
        if answer is None:
            return False
    if op in ("in", "not_in"):
        return (answer in items) is (op == "in")
    try:
        return bool(_OPERATORS[op](answer, value))
    except TypeError:  # an answer of the wrong type never matches
        return False


def holds(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """Say whether *condition* holds for *answers*."""
    if isinstance(condition, AllOf):
        return all(holds(item, answers) for item in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(item, answers) for item in condition.items)
    return _compare(condition.op, answers.get(condition.field), condition.value)


def describe(condition: Condition) -> str:
    """Return a short human reading, e.g. ``rating < 7``."""
    if isinstance(condition, AllOf | AnyOf):
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return "(" + joiner.join(describe(item) for item in condition.items) + ")"
    name, op, value = condition.field, condition.op, condition.value
    if op in WITHOUT_VALUE:
        return {"present": f"{name} given", "is_true": name, "is_false": f"not {name}"}[
            op
        ]
    if op in ("in", "not_in", "contains"):
        words = {"in": "in", "not_in": "not in", "contains": "contains"}[op]
        return f"{name} {words} {value}"
    return f"{name} {SYMBOLS[op]} {value}"


def _fits(spec: FieldSpec, value: object) -> str | None:
    """Return why *value* cannot be compared with *spec*'s answers, or None."""
    kind = spec.type
    if kind in ("integer",) and (not isinstance(value, int) or isinstance(value, bool)):
        return f'"{spec.name}" is an integer field; the value must be a whole number'
    if kind == "date" and not isinstance(value, date):
        return f'"{spec.name}" is a date field; the value must be a date (YYYY-MM-DD)'
    if kind in ("text", "email", "phone") and not isinstance(value, str):
        return f'"{spec.name}" is a {kind} field; the value must be text'
    if kind in ("choice", "multichoice") and value not in spec.choices:
        return f'"{value}" is not a choice of "{spec.name}"' + (
            did_you_mean(str(value), spec.choices) or f" ({quoted(spec.choices)})"
        )
    return None


def check_condition(
    condition: Condition,
    lookup: Callable[[str], FieldSpec | None],
    names: Iterable[str],
) -> list[Problem]:
    """Return (path, code, message) for each misfit of *condition* to the form."""
    if isinstance(condition, AllOf | AnyOf):
        return [
            problem
            for item in condition.items
            for problem in check_condition(item, lookup, names)
        ]
    spec = lookup(condition.field)
    at = condition.at
    if spec is None:
        hint = did_you_mean(condition.field, names)
        message = f'condition on unknown field "{condition.field}"{hint}'
        return [((*at, "field"), "E030", message)]
    allowed = OPS_BY_TYPE[spec.type]
    if condition.op not in allowed:
        message = (
            f'operator "{condition.op}" does not fit {spec.type} field '
            f'"{spec.name}"; use one of {quoted(allowed)}'
        )
        return [((*at, "op"), "E031", message)]
    return _check_value(condition, spec)


def _check_value(condition: Comparison, spec: FieldSpec) -> list[Problem]:
    at, op, value = condition.at, condition.op, condition.value
    if op in WITHOUT_VALUE:
        if value is None:
            return []
        return [((*at, "value"), "E031", f'operator "{op}" takes no value')]
    if value is None:
        return [((*at, "value"), "E031", f'operator "{op}" needs a value')]
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            message = f'operator "{op}" needs a non-empty list of values'
            return [((*at, "value"), "E031", message)]
        items: Sequence[tuple[Path, object]] = [
            ((*at, "value", index), item) for index, item in enumerate(value)
        ]
    else:
        items = [((*at, "value"), value)]
    return [
        (path, "E031", reason)
        for path, item in items
        if (reason := _fits(spec, item)) is not None
    ]
