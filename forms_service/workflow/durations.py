"""Durations written as text in workflow files: "5 working days", "5 months"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Unit = Literal["hours", "days", "working_days", "months", "years"]

_PATTERN = re.compile(
    r"^\s*(?P<amount>[0-9]{1,4})\s+(?P<unit>hours?|days?|working\s+days?|months?|years?)\s*$"
)

_UNITS: dict[str, Unit] = {
    "hour": "hours",
    "day": "days",
    "working_day": "working_days",
    "month": "months",
    "year": "years",
}


@dataclass(frozen=True)
class Duration:
    """An amount of a calendar unit; resolved to a moment by :mod:`workdays`."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        name = self.unit.replace("_", " ")
        return f"{self.amount} {name[:-1] if self.amount == 1 else name}"


def parse_duration(text: str) -> Duration:
    """Parse "N hours|days|working days|months|years"; raise ValueError if not."""
    match = _PATTERN.match(text)
    if match is None or int(match["amount"]) == 0:
        raise ValueError(
            f'"{text}" is not a duration; write for example "5 working days", '
            '"10 days", "5 months", "72 hours" or "2 years" (a positive number)'
        )
    word = "_".join(match["unit"].split())
    return Duration(int(match["amount"]), _UNITS[word.removesuffix("s")])
