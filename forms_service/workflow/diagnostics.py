"""Diagnostics reported when loading workflows, and their stable codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

#: Every code the loader can report, with a one-line description.
#: The README's table is generated from (and tested against) this mapping.
CODES: dict[str, str] = {
    "E001": "YAML syntax error, or a file that cannot be read",
    "E002": "unknown key",
    "E003": "wrong type",
    "E004": "missing key",
    "E005": "unsupported or missing schema line",
    "E006": "duplicate key",
    "E007": "invalid value (duration, date, language, window, outcome...)",
    "E008": "two files define the same workflow id",
    "E010": "initial state missing or unknown",
    "E011": "no final state",
    "E012": "transition (or list of states) naming an unknown state",
    "E013": "final state with transitions",
    "E014": "action not allowed in this kind of state, or timeout without route",
    "E020": "state unreachable from the initial state",
    "E021": "non-final state with no way out (trap), or no path to a final state",
    "E030": "condition (or rule) on a field the form does not have",
    "E031": "operator or value that does not fit the field's type or choices",
    "E040": "two unguarded transitions for the same state and action",
    "E050": "unknown role",
    "E051": "malformed email address",
    "E052": "field approver naming a field that is not an email field",
    "E053": "sequential mode with fewer than two approvers",
    "E054": "approvers missing on a task, or given on a state that is not a task",
    "E060": "reminder timed at or after the deadline",
    "E061": "escalation timed at or after the deadline",
    "E062": "timeout without a deadline (due)",
    "E070": "notification template missing for a declared language",
    "E071": "template with an unknown placeholder or a malformed line",
    "E080": "unknown form",
    "E081": "submitter field missing from the form or not an email field",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented diagnostic code {self.code}")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest candidate, or ''."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def quoted(words: Iterable[str]) -> str:
    """Return the words quoted and comma-separated, for messages."""
    return ", ".join(f'"{word}"' for word in words)
