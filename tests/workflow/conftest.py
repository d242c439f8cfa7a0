"""Fixtures for the workflow tests: a fake clock, a workflow folder, answers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from forms_service.workflow import MADRID, Engine, Step, Submission, WorkflowRegistry
from tests.conftest import REPO

ROLES = """\
team:
  - ana@council.example
  - bernat@council.example
  - carla@council.example
head:
  - head@council.example
deputy:
  - deputy@council.example
"""


TEXT = """\
schema: xarxa/workflow/v1
id: demo
version: 1
title: {ca: Demo, es: Demo, en: Demo}
form: referral
submitter_field: professional_email
languages: [ca, es, en]
initial: review
states:
  review:
    kind: task
    approvers:
      mode: MODE
      from:
        - role: team
    due: 10 working days
    reminders: {after: [2 working days, 4 working days], template: remind}
    escalate:
      {after: 5 working days, mode: ESCALATION, to: {role: head}, template: escalated}
    on_timeout: expire
    notify:
      - {to: submitter, template: t}
      - {to: approvers, template: t}
    transitions:
      approve: done
      reject: refused
      request_info: info
      withdraw: withdrawn
      expire: expired
  info:
    kind: wait_submitter
    due: 5 working days
    reminders: {after: 3 working days, template: remind}
    on_timeout: withdraw
    notify: [{to: submitter, template: t}]
    transitions:
      resubmit: review
      withdraw: withdrawn
  done: {kind: final, outcome: approved, notify: [{to: submitter, template: t}]}
  refused: {kind: final, outcome: rejected}
  withdrawn: {kind: final, outcome: withdrawn, notify: [{to: approvers, template: t}]}
  expired: {kind: final, outcome: expired}
"""

ANA, BERNAT, CARLA = (
    "ana@council.example",
    "bernat@council.example",
    "carla@council.example",
)
HEAD, LAIA = "head@council.example", "laia@school.example"
TEAM = [ANA, BERNAT, CARLA]


def text(mode: str = "any", escalation: str = "add") -> str:
    return TEXT.replace("MODE", mode).replace("ESCALATION", escalation)


class FakeClock:
    """A clock tests move by hand (Europe/Madrid)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, *args: int) -> None:
        self.now = datetime(*args, tzinfo=MADRID)  # type: ignore[misc]

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    """Monday 2 March 2026, 10:00 in Madrid."""
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=MADRID))


def write_templates(directory: Path, *names: str) -> None:
    """Write valid ca/es/en templates called *names* into *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        for language in ("ca", "es", "en"):
            text = f"Subject: {name} {{reference}}\n\n{name}: {{service}} {{link}}\n"
            (directory / f"{name}.{language}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A workflow folder with roles.yaml and templates t, remind, escalated."""
    directory = tmp_path / "workflows"
    directory.mkdir()
    (directory / "roles.yaml").write_text(ROLES, encoding="utf-8")
    write_templates(directory / "templates", "t", "remind", "escalated", "late")
    return directory


@pytest.fixture
def write_workflow(folder: Path) -> Callable[[str, str], Path]:
    """Write a workflow file (dedented) into the folder; return its path."""

    def write(text: str, name: str = "demo.yaml") -> Path:
        path = folder / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def engine_for(
    folder: Path, write_workflow: Callable[[str, str], Path], clock: FakeClock
) -> Callable[[str], Engine]:
    """Build an engine on the fake clock from one workflow text."""

    def build(text: str) -> Engine:
        write_workflow(text, "demo.yaml")
        return Engine(WorkflowRegistry.from_directory(folder), clock=clock)

    return build


def referral_answers(**changes: Any) -> dict[str, Any]:
    """Return valid answers to the referral form, with *changes*."""
    answers: dict[str, Any] = {
        "professional_name": "Laia Puig",
        "professional_role": "Educadora social",
        "professional_organisation": "Institut del poble",
        "professional_email": "laia@school.example",
        "person_name": "J. M.",
        "person_age": 16,
        "person_municipality": "Olesa de Montserrat",
        "contact_channel": "phone",
        "is_minor": True,
        "guardian_contact": "via the school",
        "reason": "family_crisis",
        "urgency": "normal",
        "description": "Situation described by the referring professional.",
        "consent": True,
    }
    answers.update(changes)
    return answers


@pytest.fixture
def answers() -> dict[str, Any]:
    """Valid referral answers from laia@school.example."""
    return referral_answers()


@pytest.fixture(scope="module")
def registry() -> WorkflowRegistry:
    """The repository's own workflows, as deployed."""
    return WorkflowRegistry.from_directory(REPO / "workflows")


@pytest.fixture
def make(engine_for: Callable[[str], Engine]) -> Callable[..., tuple[Engine, Step]]:
    """Start a submission (language es) on a demo workflow of the given mode."""

    def start(
        mode: str = "any", escalation: str = "add", **answers: Any
    ) -> tuple[Engine, Step]:
        engine = engine_for(text(mode, escalation))
        step = engine.start(
            "demo",
            referral_answers(**answers),
            reference="XR-2026-000001",
            language="es",
        )
        return engine, step

    return start


def sent(step: Step) -> list[tuple[str, str, str | None]]:
    """Return who each notification of *step* goes to, why, and for which task."""
    return [(n.to, n.reason, n.task_id) for n in step.notifications]


def approve(engine: Engine, sub: Submission, who: str, **kw: Any) -> Submission:
    """Approve *sub* as *who* from an emailed link; return the submission after."""
    return engine.act(sub, "approve", actor=who, channel="email-link", **kw).submission
