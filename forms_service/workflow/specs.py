"""The building blocks of a declarative schema for YAML data (see :mod:`schema`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .durations import Unit


@dataclass(frozen=True)
class Str:
    """A non-empty string, optionally matching a pattern or one of some choices."""

    pattern: str | None = None
    choices: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Int:
    """A whole number, at least ``min``."""

    min: int = 0


@dataclass(frozen=True)
class Bool:
    """true or false."""


@dataclass(frozen=True)
class Day:
    """A date written YYYY-MM-DD."""


@dataclass(frozen=True)
class Email:
    """An email address (E051 when malformed)."""


@dataclass(frozen=True)
class Anything:
    """Any scalar or list (condition values are checked against the form)."""


@dataclass(frozen=True)
class Dur:
    """A duration in one of ``units``, parsed into a Duration."""

    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Obj:
    """A mapping with known keys; ``exactly_one`` names keys of which one is needed."""

    fields: Mapping[str, Spec]
    required: tuple[str, ...] = ()
    exactly_one: tuple[str, ...] = ()
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class MapOf:
    """A mapping from names (matching ``key``) to values of one spec."""

    value: Spec
    key: str = r"^[a-z][a-z0-9_]*$"
    min_items: int = 0
    choices: tuple[str, ...] = ()
    what: str = "key"


@dataclass(frozen=True)
class ListOf:
    """A list; with ``single_ok`` a lone item stands for a one-item list."""

    item: Spec
    single_ok: bool = False
    min_items: int = 0


@dataclass(frozen=True)
class Either:
    """One spec per Python type: a state name, a mapping or a list, say."""

    options: Mapping[type, Spec]
    expected: str


@dataclass(frozen=True)
class Lazy:
    """A spec defined later (for recursive conditions)."""

    get: Callable[[], Spec]


Spec = (
    Str
    | Int
    | Bool
    | Day
    | Email
    | Anything
    | Dur
    | Obj
    | MapOf
    | ListOf
    | Either
    | Lazy
)
