"""The engine on a fake clock: who is asked, and when a decision is made."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forms_service.workflow import (
    ActionRefused,
    Engine,
    Step,
)

from .conftest import (
    ANA,
    BERNAT,
    CARLA,
    HEAD,
    LAIA,
    TEAM,
    approve,
    referral_answers,
    sent,
    text,
)


def test_start_asks_every_approver_once(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    _engine, step = make()
    sub = step.submission
    assert (sub.state, sub.visit, sub.submitter) == ("review", 1, LAIA)
    assert sent(step) == [(LAIA, "enter", None)] + [
        (who, "enter", f"1.{index}") for index, who in enumerate(TEAM)
    ]
    languages = {n.to: n.language for n in step.notifications}
    assert (languages[LAIA], languages[ANA]) == ("es", "ca")
    assert sub.deadline() is not None
    assert sub.deadline().isoformat() == "2026-03-17T00:00:00+01:00"
    first = sub.events[0]
    assert (first.actor, first.action, first.channel, first.to_state) == (
        LAIA,
        "submit",
        "form",
        "review",
    )


def test_mode_any_first_decision_wins(make: Callable[..., tuple[Engine, Step]]) -> None:
    engine, step = make("any")
    result = engine.act(step.submission, "approve", actor=ANA, channel="email-link")
    sub = result.submission
    assert (sub.state, sub.outcome) == ("done", "approved")
    assert sent(result) == [(LAIA, "enter", None)]
    assert [t.status for t in sub.tasks] == ["done", "closed", "closed"]
    with pytest.raises(ActionRefused) as caught:
        approve(engine, sub, BERNAT)
    assert str(caught.value) == (
        "cannot approve: already approved by ana@council.example on 2026-03-02"
    )
    assert caught.value.code == "already_decided"


def test_mode_all_needs_everyone(make: Callable[..., tuple[Engine, Step]]) -> None:
    engine, step = make("all")
    sub = approve(engine, step.submission, ANA)
    assert sub.state == "review"
    with pytest.raises(ActionRefused, match="already approved by ana@council.example"):
        approve(engine, sub, ANA)
    sub = approve(engine, sub, CARLA)
    assert sub.state == "review"
    assert sub.pending_approvers() == (BERNAT,)
    sub = approve(engine, sub, BERNAT)
    assert (sub.state, sub.outcome) == ("done", "approved")
    assert [e.action for e in sub.events] == ["submit", "approve", "approve", "approve"]


def test_mode_all_one_rejection_decides(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    engine, step = make("all")
    sub = approve(engine, step.submission, ANA)
    sub = engine.act(
        sub, "reject", actor=BERNAT, channel="dashboard", comment="Not ours"
    ).submission
    assert (sub.state, sub.outcome) == ("refused", "rejected")
    assert sub.events[-1].comment == "Not ours"


def test_mode_sequential_asks_in_order(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    engine, step = make("sequential")
    assert [n.to for n in step.notifications] == [LAIA, ANA]
    with pytest.raises(ActionRefused) as caught:
        approve(engine, step.submission, BERNAT)
    assert caught.value.code == "not_your_turn"
    assert "ana@council.example's turn" in str(caught.value)
    result = engine.act(step.submission, "approve", actor=ANA, channel="email-link")
    assert sent(result) == [(BERNAT, "next", "1.1")]
    sub = approve(engine, result.submission, BERNAT)
    assert sub.state == "review"
    assert sub.pending_approvers() == (CARLA,)
    assert approve(engine, sub, CARLA).state == "done"


def test_submitter_in_the_role_is_never_asked(
    make: Callable[..., tuple[Engine, Step]],
) -> None:
    engine, step = make(professional_email="Ana@Council.example")
    sub = step.submission
    assert sub.submitter == ANA
    assert [t.approver for t in sub.tasks] == [BERNAT, CARLA]
    with pytest.raises(ActionRefused) as caught:
        approve(engine, sub, ANA)
    assert caught.value.code == "own_request"


def test_only_the_submitter_eligible_escalates_at_once(
    engine_for: Callable[[str], Engine],
) -> None:
    engine = engine_for(text().replace("- role: team", f"- email: {ANA}"))
    step = engine.start(
        "demo", referral_answers(professional_email=ANA), reference="R", language="ca"
    )
    tasks = step.submission.tasks
    assert [(t.approver, t.escalated) for t in tasks] == [(HEAD, True)]
    assert approve(engine, step.submission, HEAD).state == "done"
