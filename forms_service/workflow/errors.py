"""The workflow package's exceptions: one root, a few precise subclasses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic


class WorkflowError(Exception):
    """Root of every error raised by the workflow package."""


class InvalidWorkflow(WorkflowError):
    """A workflow definition (or the roles file) has problems; all are listed."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sorted(diagnostics)
        count = len(self.diagnostics)
        lines = "\n".join(str(item) for item in self.diagnostics)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in workflow definitions:\n{lines}")


class UnknownWorkflow(WorkflowError):
    """No definition is registered under that id (and version, and hash)."""


class ActionRefused(WorkflowError):
    """An action cannot be applied to a submission; the message says why.

    ``code`` is stable and meant for programs (``already_decided``,
    ``not_an_approver``, ``own_request``, ``comment_required``...).
    """

    def __init__(self, action: str, code: str, reason: str) -> None:
        self.action = action
        self.code = code
        self.reason = reason
        super().__init__(f"cannot {action.replace('_', ' ')}: {reason}")


class SubmissionRefused(ActionRefused):
    """A new submission is refused (outside the window, duplicate, a rule).

    ``messages`` holds the message per language when the workflow gives one;
    ``field`` names the form field the message belongs to, if any.
    """

    def __init__(
        self,
        code: str,
        reason: str,
        *,
        field: str | None = None,
        messages: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__("submit", code, reason)
        self.field = field
        self.messages: dict[str, str] = dict(messages or {})


class InvalidAnswers(SubmissionRefused):
    """Answers do not fit the form; ``errors`` maps each field to an error code."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        listed = ", ".join(f"{name} ({code})" for name, code in self.errors.items())
        super().__init__("invalid_answers", f"invalid answers: {listed}")
