"""``xarxa workflows``: show a workflow as a diagram, or simulate some answers.

The lead registers :data:`workflows` on the ``xarxa`` group. Nothing here sends
mail or writes to the store.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import IO

import click

from .diagram import mermaid
from .errors import InvalidWorkflow, UnknownWorkflow
from .model import LANGUAGES
from .registry import WorkflowRegistry
from .simulate import simulate
from .workdays import MADRID, system_clock

DEFAULT_DIR = "workflows"


def _registry(directory: str) -> WorkflowRegistry:
    try:
        return WorkflowRegistry.from_directory(directory)
    except InvalidWorkflow as error:
        raise click.ClickException(str(error)) from error


def _name_option(registry: WorkflowRegistry, name: str) -> None:
    if name not in registry.ids():
        known = ", ".join(registry.ids())
        raise click.BadParameter(
            f'no workflow "{name}"; known: {known}', param_hint="NAME"
        )


directory_option = click.option(
    "--dir",
    "directory",
    default=DEFAULT_DIR,
    show_default=True,
    envvar="XARXA_WORKFLOWS_DIR",
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the workflow files, roles.yaml and templates/.",
)
language_option = click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of labels (and of the simulated submitter).",
)


@click.group("workflows")
def workflows() -> None:
    """Inspect approval workflows."""


@workflows.command("show")
@click.argument("name")
@directory_option
@language_option
def show(name: str, directory: str, language: str) -> None:
    """Print workflow NAME as a Mermaid state diagram."""
    registry = _registry(directory)
    _name_option(registry, name)
    click.echo(mermaid(registry.current(name), language), nl=False)


@workflows.command("simulate")
@click.argument("name")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.File("r", encoding="utf-8"),
    help="JSON object of form answers (dates as YYYY-MM-DD).",
)
@click.option(
    "--at",
    "at",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
    help="Submission moment in Europe/Madrid (default: now).",
)
@directory_option
@language_option
def simulate_command(
    name: str,
    data: IO[str],
    at: datetime | None,
    directory: str,
    language: str,
) -> None:
    """Print the route the answers in --data take through NAME; send nothing."""
    registry = _registry(directory)
    _name_option(registry, name)
    try:
        answers = json.load(data)
    except json.JSONDecodeError as error:
        raise click.BadParameter(
            f"not valid JSON: {error}", param_hint="--data"
        ) from error
    if not isinstance(answers, dict):
        raise click.BadParameter("must hold a JSON object", param_hint="--data")
    moment = at.replace(tzinfo=MADRID) if at else system_clock()
    try:
        lines = simulate(registry, name, answers, moment, language)
    except UnknownWorkflow as error:  # pragma: no cover - checked above
        raise click.ClickException(str(error)) from error
    click.echo("\n".join(lines))


__all__ = ["workflows"]
