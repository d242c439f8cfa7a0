"""Workflow definitions by (id, version, hash): in-flight submissions keep theirs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from forms_service.formspec import FORMS, FormSpec

from .errors import InvalidWorkflow, UnknownWorkflow
from .loader import (
    ROLES_FILE,
    TEMPLATES_DIR,
    load_roles,
    load_workflows,
    parse_workflow,
)
from .model import Workflow
from .records import Submission

Key = tuple[str, int, str]


class WorkflowRegistry:
    """Holds the current definition of each workflow and any older ones.

    The store keeps each definition's text under its hash (see
    :meth:`definitions`); :meth:`add_text` brings an older one back, so that a
    submission always follows the definition it started with.
    """

    def __init__(
        self,
        roles: Mapping[str, tuple[str, ...]],
        templates: Path,
        forms: Mapping[str, FormSpec] = FORMS,
    ) -> None:
        self.roles = dict(roles)
        self.templates = templates
        self.forms = forms
        self._by_key: dict[Key, Workflow] = {}
        self._current: dict[str, Key] = {}

    @classmethod
    def from_directory(cls, directory: Path | str) -> WorkflowRegistry:
        """Load every workflow of *directory* as current; raise InvalidWorkflow."""
        directory = Path(directory)
        workflows = load_workflows(directory)
        registry = cls(load_roles(directory / ROLES_FILE), directory / TEMPLATES_DIR)
        for workflow in workflows.values():
            registry.add(workflow)
        return registry

    def add(self, workflow: Workflow, *, current: bool = True) -> Workflow:
        """Register *workflow*; make it the one new submissions use if ``current``."""
        self._by_key.setdefault(workflow.key, workflow)
        if current:
            self._current[workflow.id] = workflow.key
        return self._by_key[workflow.key]

    def add_text(self, text: str, label: str = "<stored definition>") -> Workflow:
        """Register a stored definition's text as an older (not current) version."""
        workflow, problems = parse_workflow(
            text, label, roles=self.roles, forms=self.forms, templates=self.templates
        )
        if workflow is None:
            raise InvalidWorkflow(problems)
        return self.add(workflow, current=False)

    def current(self, workflow_id: str) -> Workflow:
        """Return the definition new submissions of *workflow_id* follow."""
        key = self._current.get(workflow_id)
        if key is None:
            raise UnknownWorkflow(f'no workflow "{workflow_id}"')
        return self._by_key[key]

    def get(self, workflow_id: str, version: int, sha256: str) -> Workflow:
        """Return one exact definition."""
        workflow = self._by_key.get((workflow_id, version, sha256))
        if workflow is None:
            raise UnknownWorkflow(
                f'workflow "{workflow_id}" version {version} ({sha256[:12]}) is not '
                "registered: restore its stored definition with add_text()"
            )
        return workflow

    def for_submission(self, submission: Submission) -> Workflow:
        """Return the definition *submission* is pinned to."""
        return self.get(
            submission.workflow_id,
            submission.workflow_version,
            submission.workflow_sha256,
        )

    def ids(self) -> list[str]:
        """Return the ids of the current workflows, sorted."""
        return sorted(self._current)

    def definitions(self) -> dict[str, str]:
        """Return every registered definition's text by its sha256, for storage."""
        return {workflow.sha256: workflow.text for workflow in self._by_key.values()}
