"""A small declarative schema for YAML data: structure, types and plain values.

:func:`check` walks the data against a spec, reports unknown keys (with a "did
you mean"), wrong types, missing keys and invalid values as diagnostics, and
returns a cleaned copy where invalid parts are left out and durations parsed,
so that later checks can go on and report everything in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from forms_service.formspec import EMAIL

from .diagnostics import Diagnostic, did_you_mean, quoted
from .durations import parse_duration
from .source import UNREADABLE, Path, Source
from .specs import (
    Anything,
    Bool,
    Day,
    Dur,
    Either,
    Email,
    Int,
    Lazy,
    ListOf,
    MapOf,
    Obj,
    Spec,
    Str,
)

INVALID: Any = object()


_NAMES: dict[type, str] = {
    str: "text",
    bool: "true/false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    date: "a date",
    datetime: "a date and time",
    type(None): "nothing",
}


def _kind(value: object) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def check(spec: Spec, value: Any, path: Path, source: Source) -> Any:
    """Check *value* against *spec*; add diagnostics to *source*; return it cleaned."""
    problems = source.problems

    def wrong(expected: str) -> Any:
        message = f"{dotted(path)} must be {expected}, not {_kind(value)}"
        problems.append(source.diagnostic(path, "E003", message))
        return INVALID

    def invalid(message: str, code: str = "E007") -> Any:
        problems.append(source.diagnostic(path, code, message))
        return INVALID

    if value is UNREADABLE:
        return INVALID  # already reported where it was read
    if isinstance(spec, Lazy):
        return check(spec.get(), value, path, source)
    if isinstance(spec, Str | Email | Dur):
        if not isinstance(value, str) or not value.strip():
            return wrong("text")
        if isinstance(spec, Email):
            ok = EMAIL.match(value)
            return value if ok else invalid(f'malformed email "{value}"', "E051")
        if isinstance(spec, Dur):
            return _duration(spec, value, invalid)
        if spec.choices and value not in spec.choices:
            hint = did_you_mean(value, spec.choices) or f" ({quoted(spec.choices)})"
            return invalid(f'"{value}" is not allowed in {dotted(path)}{hint}')
        if spec.pattern and not re.match(spec.pattern, value):
            return invalid(f'"{value}" is not valid in {dotted(path)}: {spec.hint}')
        return value
    if isinstance(spec, Int):
        if not isinstance(value, int) or isinstance(value, bool):
            return wrong("a whole number")
        return value if value >= spec.min else invalid(f"must be {spec.min} or more")
    if isinstance(spec, Bool):
        return value if isinstance(value, bool) else wrong("true or false")
    if isinstance(spec, Day):
        is_day = isinstance(value, date) and not isinstance(value, datetime)
        return value if is_day else wrong("a date (YYYY-MM-DD)")
    if isinstance(spec, Anything):
        return wrong("a value") if isinstance(value, dict) else value
    if isinstance(spec, Either):
        option = spec.options.get(type(value))
        return (
            wrong(spec.expected)
            if option is None
            else check(option, value, path, source)
        )
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            if spec.single_ok and value is not None:
                item = check(spec.item, value, path, source)
                return INVALID if item is INVALID else [item]
            return wrong("a list")
        if len(value) < spec.min_items:
            return invalid(f"{dotted(path)} needs at least {spec.min_items} item(s)")
        items = [check(spec.item, x, (*path, i), source) for i, x in enumerate(value)]
        return [item for item in items if item is not INVALID]
    if not isinstance(value, dict):
        return wrong("a mapping")
    if isinstance(spec, MapOf):
        return _map_of(spec, value, path, source)
    return _obj(spec, value, path, source)


def _duration(spec: Dur, value: str, invalid: Callable[[str], Any]) -> Any:
    try:
        duration = parse_duration(value)
    except ValueError as error:
        return invalid(str(error))
    if duration.unit not in spec.units:
        allowed = ", ".join(unit.replace("_", " ") for unit in spec.units)
        return invalid(f'"{value}": use one of these units here: {allowed}')
    return duration


def _map_of(spec: MapOf, value: dict[str, Any], path: Path, source: Source) -> Any:
    if len(value) < spec.min_items:
        message = f"{dotted(path)} needs at least {spec.min_items} item(s)"
        source.problems.append(source.diagnostic(path, "E004", message))
        return INVALID
    result: dict[str, Any] = {}
    for key, item in value.items():
        if spec.choices and key not in spec.choices:
            hint = did_you_mean(key, spec.choices) or f" (use {quoted(spec.choices)})"
            message = f'unknown {spec.what} "{key}" in {dotted(path)}{hint}'
            source.problems.append(
                source.diagnostic((*path, key), "E002", message, on_key=True)
            )
            continue
        if not re.match(spec.key, key):
            message = f'"{key}" is not a valid name: use lowercase letters, digits, _'
            source.problems.append(
                source.diagnostic((*path, key), "E007", message, on_key=True)
            )
            continue
        cleaned = check(spec.value, item, (*path, key), source)
        if cleaned is not INVALID:
            result[key] = cleaned
    return result


def _obj(spec: Obj, value: dict[str, Any], path: Path, source: Source) -> Any:
    result, complete = check_fields(spec, value, path, source)
    return result if complete else INVALID


def check_fields(
    spec: Obj, value: dict[str, Any], path: Path, source: Source
) -> tuple[dict[str, Any], bool]:
    """Check a mapping; return its cleaned valid part and whether it is complete."""
    problems = source.problems
    result: dict[str, Any] = {}
    for key, item in value.items():
        child = (*path, key)
        if key not in spec.fields:
            hint = did_you_mean(key, spec.fields)
            where = f" in {dotted(path)}" if path else ""
            message = f'unknown key "{key}"{where}{hint}'
            problems.append(source.diagnostic(child, "E002", message, on_key=True))
            continue
        cleaned = check(spec.fields[key], item, child, source)
        if cleaned is not INVALID:
            result[key] = cleaned
    complete = True
    wanted = [*spec.required]
    for key, others in spec.needs.items():
        wanted += list(others) if key in value else []
    for key in dict.fromkeys(wanted):
        if key not in value:
            where = f" in {dotted(path)}" if path else ""
            message = f'missing key "{key}"{where}'
            problems.append(source.diagnostic(path, "E004", message, on_key=True))
            complete = False
    if spec.exactly_one:
        given = [key for key in spec.exactly_one if key in value]
        if len(given) != 1:
            names = quoted(spec.exactly_one)
            message = f"{dotted(path)} needs exactly one of {names}"
            problems.append(source.diagnostic(path, "E004", message, on_key=True))
            complete = False
    essential = [*wanted, *spec.exactly_one]
    invalid = any(key in value and key not in result for key in essential)
    return result, complete and not invalid


def dotted(path: Path) -> str:
    """Return *path* as ``states.review.approvers[0]`` for messages."""
    text = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in path
    )
    return text.lstrip(".") or "the file"


def report(
    source: Source, path: Path, code: str, message: str, *, on_key: bool = False
) -> Diagnostic:
    """Add and return a diagnostic at *path* of *source* (its key when ``on_key``)."""
    diagnostic = source.diagnostic(path, code, message, on_key=on_key)
    source.problems.append(diagnostic)
    return diagnostic
