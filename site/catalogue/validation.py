"""Turn pydantic's validation errors into messages an editor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .frontmatter import FrontMatter, dotted


def explain(
    error: ValidationError, model: type[BaseModel], matter: FrontMatter
) -> Iterator[tuple[int, str]]:
    """Yield `(line, message)` for each error, with a "did you mean" where one helps."""
    for detail in error.errors(include_url=False):
        location = tuple(detail["loc"])
        yield matter.line_of(location), _message(detail, model, location)


def _message(
    detail: ErrorDetails, model: type[BaseModel], location: tuple[str | int, ...]
) -> str:
    where = dotted(location)
    kind = detail["type"]
    if kind == "extra_forbidden":
        known = _field_names(model, location[:-1])
        hint = did_you_mean(str(location[-1]), known)
        return f"unknown key '{where}'{hint}"
    if kind == "missing":
        return f"missing required field '{where}'"
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "enum":
        expected = str(detail.get("ctx", {}).get("expected", ""))
        choices = [
            part.strip(" '") for part in expected.replace(" or ", ",").split(",")
        ]
        hint = did_you_mean(str(detail["input"]), choices)
        return (
            f"{where}: '{detail['input']}' is not allowed; use one of {expected}{hint}"
        )
    if not where:
        return message
    return f"{where}: {message}"


def did_you_mean(value: str, candidates: list[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field_names(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    current: type[BaseModel] | None = model
    for part in location:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
