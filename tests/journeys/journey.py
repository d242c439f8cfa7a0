"""A journey's named steps, so that a failure says which step it happened in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

JOURNEY = pytest.StashKey["Journey"]()


class Journey:
    """The steps done so far and, after a failure, the step that failed."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.failed: str | None = None

    @contextmanager
    def step(self, what: str) -> Iterator[None]:
        """Run one step; on failure, name it in the error and in the report."""
        number = len(self.done) + 1
        try:
            yield
        except Exception as error:
            self.failed = f"step {number}: {what}"
            error.add_note(f"The journey failed at {self.failed}")
            raise
        self.done.append(what)

    def describe(self) -> str:
        """The steps in order, the failed one last and marked."""
        lines = [
            f"  ok    {number}. {what}" for number, what in enumerate(self.done, 1)
        ]
        if self.failed is not None:
            lines.append(f"  FAILED {self.failed}")
        return "\n".join(lines)
