"""Load workflow files and the roles file, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from forms_service.formspec import FORMS, FormSpec

from .build import build_workflow
from .diagnostics import Diagnostic
from .errors import InvalidWorkflow
from .graph_checks import check_graph
from .layout import ROLES, SCHEMA, WORKFLOW
from .model import Workflow
from .ref_checks import Context, check_references
from .schema import INVALID, check, check_fields, report
from .source import Source, read_yaml

ROLES_FILE = "roles.yaml"
TEMPLATES_DIR = "templates"

Roles = Mapping[str, tuple[str, ...]]


def _read(path: Path) -> Source:
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        source = Source(label, "")
        source.problems.append(Diagnostic(label, 1, 1, "E001", f"cannot read: {error}"))
        return source
    return read_yaml(label, text)


def read_roles(path: Path) -> tuple[dict[str, tuple[str, ...]], list[Diagnostic]]:
    """Read a roles file (role → list of emails); return roles and problems."""
    source = _read(path)
    if source.data is None:
        return {}, source.problems
    roles = check(ROLES, source.data, (), source)
    if roles is INVALID:
        return {}, source.problems
    return {name: tuple(emails) for name, emails in roles.items()}, source.problems


def load_roles(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a roles file; raise :class:`InvalidWorkflow` if it has problems."""
    roles, problems = read_roles(path)
    if problems:
        raise InvalidWorkflow(problems)
    return roles


def parse_workflow(
    text: str,
    label: str,
    *,
    roles: Roles,
    forms: Mapping[str, FormSpec] = FORMS,
    templates: Path,
) -> tuple[Workflow | None, list[Diagnostic]]:
    """Check a definition's *text*; return the workflow (None if invalid), problems."""
    source = read_yaml(label, text)
    return _check(source, roles, forms, templates)


def _check(
    source: Source, roles: Roles, forms: Mapping[str, FormSpec], templates: Path
) -> tuple[Workflow | None, list[Diagnostic]]:
    data = source.data
    if data is None:
        return None, sorted(set(source.problems))
    if not isinstance(data, dict):
        report(source, (), "E003", "a workflow file must be a mapping of keys")
        return None, sorted(set(source.problems))
    schema = data.get("schema")
    if schema is None:
        report(source, (), "E005", f'missing schema line: write "schema: {SCHEMA}"')
    elif schema != SCHEMA:
        message = f'unsupported schema "{schema}": this version reads "{SCHEMA}"'
        report(source, ("schema",), "E005", message)
        return None, sorted(set(source.problems))
    cleaned, _complete = check_fields(WORKFLOW, data, (), source)
    raw_states = data.get("states")
    names = set(raw_states) if isinstance(raw_states, dict) else set()
    broken = frozenset(str(name) for name in names - set(cleaned.get("states", {})))
    workflow = build_workflow(source, cleaned)
    check_graph(workflow, source, broken)
    check_references(workflow, Context(source, roles, forms, templates))
    problems = sorted(set(source.problems))
    return (None if problems else workflow), problems


def _roles_for(
    path: Path, roles: Roles | Path | None
) -> tuple[Roles, list[Diagnostic]]:
    if roles is None:
        roles = path.parent / ROLES_FILE
    if isinstance(roles, Path):
        return read_roles(roles)
    return roles, []


def load_workflow(
    path: Path | str,
    roles: Roles | Path | None = None,
    forms: Mapping[str, FormSpec] = FORMS,
    templates: Path | None = None,
) -> Workflow:
    """Load one workflow file; raise :class:`InvalidWorkflow` listing every problem.

    *roles* is a mapping or a roles file (default: ``roles.yaml`` beside the
    file); *templates* defaults to the ``templates`` folder beside the file.
    """
    path = Path(path)
    role_map, problems = _roles_for(path, roles)
    source = _read(path)
    workflow, found = _check(
        source, role_map, forms, templates or path.parent / TEMPLATES_DIR
    )
    if problems or workflow is None:
        raise InvalidWorkflow([*problems, *found])
    return workflow


def workflow_files(directory: Path) -> list[Path]:
    """Return the workflow files of *directory* (every ``*.yaml`` but the roles)."""
    return sorted(p for p in directory.glob("*.yaml") if p.name != ROLES_FILE)


def inspect_workflows(
    directory: Path | str,
) -> tuple[dict[str, Workflow], list[Diagnostic]]:
    """Return the valid workflows of *directory* by id and every problem found."""
    directory = Path(directory)
    roles, problems = read_roles(directory / ROLES_FILE)
    templates = directory / TEMPLATES_DIR
    workflows: dict[str, Workflow] = {}
    for path in workflow_files(directory):
        workflow, found = _check(_read(path), roles, FORMS, templates)
        problems += found
        if workflow is None:
            continue
        if workflow.id in workflows:
            first = workflows[workflow.id].path
            message = f'workflow id "{workflow.id}" is already used by {first}'
            problems.append(Diagnostic(str(path), 1, 1, "E008", message))
            continue
        workflows[workflow.id] = workflow
    return workflows, sorted(set(problems))


def load_workflows(directory: Path | str) -> dict[str, Workflow]:
    """Load every workflow of *directory* by id; raise InvalidWorkflow on problems."""
    workflows, problems = inspect_workflows(directory)
    if problems:
        raise InvalidWorkflow(problems)
    return workflows


def check_workflows(directory: Path | str) -> list[Diagnostic]:
    """Return every problem of the workflows in *directory*, sorted; never raises."""
    return inspect_workflows(directory)[1]
