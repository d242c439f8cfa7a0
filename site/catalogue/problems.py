"""Problems found in content files, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a line of a file; warnings do not fail `xarxa check`."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """The content cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [problem for problem in problems if problem.severity is Severity.ERROR]
        super().__init__(
            f"{len(errors)} error(s) in the content:\n" + "\n".join(map(str, errors))
        )
