"""Property tests: random sequences of actions and clock moves keep the invariants.

Whatever people click, in whatever order, and however the clock moves (even
backwards): the submission is always in a defined state, nobody decides twice in
one visit of a state, and the submitter never decides on their own request.
"""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_service.workflow import (
    MADRID,
    ActionRefused,
    Engine,
    Submission,
    Workflow,
    WorkflowRegistry,
)
from forms_service.workflow.model import APPROVER_ACTIONS

from .conftest import (
    ANA,
    HEAD,
    LAIA,
    ROLES,
    referral_answers,
    text,
    write_templates,
)

# Weighted towards decisions, so that repeated clicks (the case to refuse) abound.
ACTIONS = [
    *["approve"] * 6,
    *APPROVER_ACTIONS,
    *["resubmit"] * 2,
    "evaluate",
    "withdraw",
    "expire",
    "promote",
]
VARIANTS = [
    (mode, esc) for mode in ("any", "all", "sequential") for esc in ("add", "replace")
]


@pytest.fixture(scope="module")
def registries() -> Iterator[dict[tuple[str, str], WorkflowRegistry]]:
    result = {}
    with tempfile.TemporaryDirectory() as name:
        for mode, escalation in VARIANTS:
            folder = Path(name) / f"{mode}-{escalation}"
            folder.mkdir()
            (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
            write_templates(folder / "templates", "t", "remind", "escalated")
            (folder / "demo.yaml").write_text(textwrap.dedent(text(mode, escalation)))
            result[(mode, escalation)] = WorkflowRegistry.from_directory(folder)
        yield result


def check_invariants(workflow: Workflow, sub: Submission) -> None:
    state = workflow.states[sub.state]  # never undefined
    assert (sub.outcome is not None) is (state.kind == "final")
    if state.kind == "final":
        assert sub.outcome == state.outcome
        assert sub.open_tasks() == ()
        assert sub.closed_at is not None
    else:
        assert sub.closed_at is None
    for task in sub.open_tasks():
        assert (task.state, task.visit) == (sub.state, sub.visit)
    assert all(t.approver != sub.submitter for t in sub.tasks)
    decisions = [
        (e.visit, e.actor)
        for e in sub.events
        if e.action in APPROVER_ACTIONS and e.actor != "system"
    ]
    assert len(decisions) == len(set(decisions)), "someone decided twice"
    assert all(actor != sub.submitter for _visit, actor in decisions)
    done = [(t.visit, t.approver) for t in sub.tasks if t.status == "done"]
    assert len(done) == len(set(done))
    moments = [e.at for e in sub.events]
    assert moments == sorted(moments), "time went backwards in the audit trail"
    scheduled = [t for t in sub.timers if t.status == "scheduled"]
    assert all(t.visit in (0, sub.visit) for t in scheduled)
    assert Submission.from_dict(sub.to_dict()) == sub


def draw_step(data: st.DataObject, sub: Submission) -> tuple[Any, ...]:
    """Draw a clock move, or an action by someone who matters right now."""
    if data.draw(st.integers(0, 3)) == 0:
        return ("tick", data.draw(st.integers(min_value=-48, max_value=96)))
    involved = [t.approver for t in sub.tasks if t.visit == sub.visit]
    people = [*involved, *involved, sub.submitter, HEAD, "zoe@else.example"]
    task_ids = [None, *(t.id for t in sub.tasks)]
    return (
        "act",
        data.draw(st.sampled_from(ACTIONS)),
        data.draw(st.sampled_from(people)),
        data.draw(st.sampled_from([None, "", "A reason.", "A reason.", "A reason."])),
        data.draw(st.sampled_from(task_ids)),
    )


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    variant=st.sampled_from(VARIANTS),
    submitter=st.sampled_from([LAIA, ANA]),
    length=st.integers(min_value=1, max_value=30),
    data=st.data(),
)
def test_random_sequences_keep_the_invariants(
    registries: dict[tuple[str, str], WorkflowRegistry],
    variant: tuple[str, str],
    submitter: str,
    length: int,
    data: st.DataObject,
) -> None:
    registry = registries[variant]
    clock = [datetime(2026, 3, 2, 10, tzinfo=MADRID)]
    engine = Engine(registry, clock=lambda: clock[0])
    answers = referral_answers(professional_email=submitter)
    sub = engine.start("demo", answers, reference="P", language="ca").submission
    workflow = registry.for_submission(sub)
    check_invariants(workflow, sub)
    for _ in range(length):
        step = draw_step(data, sub)
        if step[0] == "tick":
            clock[0] += timedelta(hours=step[1])
            before = sub
            sub = engine.tick(sub, clock[0]).submission
            fired = [t for t in sub.timers if t not in before.timers]
            latest = max(clock[0], before.updated_at)
            assert all(t.at <= latest for t in fired if t.status != "scheduled")
        else:
            _kind, action, actor, comment, task_id = step
            try:
                result = engine.act(
                    sub, action, actor=actor, channel="email-link", comment=comment,
                    task_id=task_id,
                )  # fmt: skip
            except ActionRefused:
                continue
            if action in APPROVER_ACTIONS:
                assert actor != sub.submitter
            sub = result.submission
        check_invariants(workflow, sub)
