"""The engine on a fake clock: refusals, request-info loop, audit, versions
(approval modes: `test_engine_modes`)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from forms_service.formspec import FORMS, FieldSpec, FormSpec
from forms_service.workflow import (
    ActionRefused,
    Engine,
    InvalidAnswers,
    Step,
    Submission,
    SubmissionRefused,
    UnknownWorkflow,
    WorkflowRegistry,
    load_roles,
    load_workflow,
)

from .conftest import (
    ANA,
    BERNAT,
    LAIA,
    TEAM,
    FakeClock,
    approve,
    referral_answers,
    sent,
    text,
)


@pytest.mark.parametrize("action", ["reject", "request_info"])
def test_comment_is_required(
    make: Callable[..., tuple[Engine, Step]], action: str
) -> None:
    engine, step = make()
    for blank in (None, "", "   "):
        with pytest.raises(ActionRefused) as caught:
            engine.act(
                step.submission, action, actor=ANA, channel="dashboard", comment=blank
            )
        assert caught.value.code == "comment_required"
    assert (
        str(caught.value) == f"cannot {action.replace('_', ' ')}: a comment is required"
    )


def test_request_info_loop(make: Callable[..., tuple[Engine, Step]]) -> None:
    engine, step = make()
    asked = engine.act(
        step.submission,
        "request_info",
        actor=ANA,
        channel="email-link",
        comment="Which school?",
    )
    sub = asked.submission
    assert sub.state == "info"
    assert sent(asked) == [(LAIA, "enter", None)]
    with pytest.raises(ActionRefused) as caught:
        engine.act(sub, "resubmit", actor=ANA, channel="form")
    assert caught.value.code == "not_submitter"
    with pytest.raises(InvalidAnswers) as bad:
        engine.act(
            sub, "resubmit", actor=LAIA, channel="form", answers={"urgency": "soon"}
        )
    assert bad.value.errors == {"urgency": "not_a_choice"}
    back = engine.act(
        sub,
        "resubmit",
        actor=LAIA,
        channel="form",
        answers={"description": "More details."},
    )
    sub = back.submission
    assert (sub.state, sub.visit, sub.answers["description"]) == (
        "review",
        3,
        "More details.",
    )
    assert sorted(t.approver for t in sub.open_tasks()) == TEAM
    assert (
        approve(engine, sub, ANA).state == "done"
    )  # a new round: ana may decide again


def test_withdraw_tells_the_approvers(make: Callable[..., tuple[Engine, Step]]) -> None:
    engine, step = make()
    with pytest.raises(ActionRefused, match="only the person who sent"):
        engine.act(step.submission, "withdraw", actor=ANA, channel="dashboard")
    result = engine.act(step.submission, "withdraw", actor=LAIA, channel="form")
    assert result.submission.outcome == "withdrawn"
    assert sent(result) == [(who, "enter", None) for who in TEAM]


@pytest.mark.parametrize(
    ("action", "actor", "channel", "code"),
    [
        ("approve", "zoe@elsewhere.example", "email-link", "not_an_approver"),
        ("resubmit", LAIA, "form", "not_available"),
        ("expire", ANA, "dashboard", "system_only"),
        ("approve", ANA, "system", "system_only"),
        ("approve", ANA, "carrier-pigeon", "system_only"),
        ("promote", ANA, "dashboard", "unknown_action"),
    ],
)
def test_refusals(
    make: Callable[..., tuple[Engine, Step]],
    action: str,
    actor: str,
    channel: str,
    code: str,
) -> None:
    engine, step = make()
    with pytest.raises(ActionRefused) as caught:
        engine.act(step.submission, action, actor=actor, channel=channel)
    assert caught.value.code == code
    assert str(caught.value).startswith("cannot ")


def test_links_are_bound_to_one_approver_and_task(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    engine, step = make()
    with pytest.raises(ActionRefused) as caught:
        approve(engine, step.submission, BERNAT, task_id="1.0")
    assert caught.value.code == "wrong_task"
    sub = approve(engine, step.submission, ANA, task_id="1.0")
    with pytest.raises(ActionRefused) as stale:
        engine.act(
            sub,
            "reject",
            actor=BERNAT,
            channel="email-link",
            task_id="1.1",
            comment="x",
        )
    assert (
        str(stale.value)
        == "cannot reject: already approved by ana@council.example on 2026-03-02"
    )


def test_audit_records_who_how_when(
    make: Callable[..., tuple[Engine, Step]], clock: FakeClock
) -> None:
    engine, step = make()
    clock.advance(hours=2)
    sub = engine.act(
        step.submission, "reject", actor=" ANA@council.example ", channel="dashboard",
        comment="Outside our area",
    ).submission  # fmt: skip
    event = sub.events[-1]
    assert (event.actor, event.channel, event.from_state, event.to_state) == (
        ANA,
        "dashboard",
        "review",
        "refused",
    )
    assert (event.comment, event.task_id, event.at.hour) == (
        "Outside our area",
        "1.0",
        12,
    )


def test_answers_and_rules_are_checked_at_start(
    engine_for: Callable[[str], Engine],
) -> None:
    engine = engine_for(text())
    with pytest.raises(InvalidAnswers) as caught:
        engine.start(
            "demo",
            referral_answers(consent=False, person_age=200),
            reference="R",
            language="ca",
        )
    assert caught.value.errors == {"consent": "required", "person_age": "too_large"}


def test_roundtrip_through_json(make: Callable[..., tuple[Engine, Step]]) -> None:
    engine, step = make("all")
    sub = approve(engine, step.submission, ANA)
    data = json.loads(json.dumps(sub.to_dict()))
    assert Submission.from_dict(data) == sub
    assert data["answers"]["person_age"] == 16


def test_to_dict_is_asdict_with_iso_times(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    engine, step = make("all")
    sub = approve(engine, step.submission, ANA)

    def iso(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: iso(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [iso(item) for item in value]
        return value

    assert len(sub.events) > 1
    assert len(sub.tasks) > 1
    assert sub.timers
    assert sub.to_dict() == iso(dataclasses.asdict(sub))


def test_in_flight_submissions_keep_their_version(
    folder: Path, write_workflow: Callable[[str, str], Path], clock: FakeClock
) -> None:
    old = text()
    write_workflow(old, "demo.yaml")
    engine = Engine(WorkflowRegistry.from_directory(folder), clock=clock)
    sub = engine.start(
        "demo", referral_answers(), reference="R1", language="ca"
    ).submission
    write_workflow(
        old.replace("version: 1", "version: 2")
        .replace("approve: done", "approve: refused")
        .replace("reject: refused", "reject: done"),
        "demo.yaml",
    )
    registry = WorkflowRegistry.from_directory(folder)
    engine = Engine(registry, clock=clock)
    with pytest.raises(UnknownWorkflow, match="add_text"):
        approve(engine, sub, ANA)
    registry.add_text(old)
    assert approve(engine, sub, ANA).state == "done"  # version 1's route
    new = engine.start(
        "demo", referral_answers(), reference="R2", language="ca"
    ).submission
    assert new.workflow_version == 2
    assert new.workflow_sha256 != sub.workflow_sha256
    assert approve(engine, new, ANA).state == "refused"
    assert set(registry.definitions()) == {sub.workflow_sha256, new.workflow_sha256}


def test_field_approver(
    folder: Path, write_workflow: Callable[[str, str], Path], clock: FakeClock
) -> None:
    form = FormSpec(
        "with_manager",
        (*FORMS["referral"].fields, FieldSpec("manager_email", "email", required=True)),
    )
    forms = {**FORMS, "with_manager": form}
    path = write_workflow(
        text()
        .replace("form: referral", "form: with_manager")
        .replace("- role: team", "- field: manager_email"),
        "demo.yaml",
    )
    registry = WorkflowRegistry(
        load_roles(folder / "roles.yaml"), folder / "templates", forms
    )
    registry.add(load_workflow(path, forms=forms))
    engine = Engine(registry, clock=clock)
    step = engine.start(
        "demo",
        referral_answers(manager_email="Boss@Agency.example"),
        reference="R",
        language="en",
    )
    assert step.submission.pending_approvers() == ("boss@agency.example",)
    assert approve(engine, step.submission, "boss@agency.example").state == "done"


def test_clock_must_be_aware(
    engine_for: Callable[[str], Engine], clock: FakeClock
) -> None:
    engine = engine_for(text())
    clock.now = clock.now.replace(tzinfo=None)
    with pytest.raises(Exception, match="timezone-aware"):
        engine.start("demo", referral_answers(), reference="R", language="ca")


def test_unknown_workflow(engine_for: Callable[[str], Engine]) -> None:
    engine = engine_for(text())
    with pytest.raises(UnknownWorkflow):
        engine.start("nope", referral_answers(), reference="R", language="ca")


def test_refused_submission_is_a_workflow_error() -> None:
    error = SubmissionRefused(
        "duplicate", "This entity has already applied in this call."
    )
    assert str(error) == "cannot submit: This entity has already applied in this call."
