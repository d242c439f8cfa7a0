"""The seeded referral and expression-of-interest workflows' rules, exercised
through the engine on the real workflow files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from forms_service.workflow import MADRID, Engine, SubmissionRefused, WorkflowRegistry

from .conftest import FakeClock, referral_answers


@pytest.mark.parametrize(
    ("workflow_id", "coordinators", "head"),
    [
        (
            "connectat-referral",
            ("coordinacio.connectat@olesa.example", "referent.joventut@olesa.example"),
            "cap.serveis.socials@olesa.example",
        ),
        (
            "sostf-referral",
            ("coordinacio.sostf@ametlla.example", "serveis.socials@ametlla.example"),
            "cap.serveis.socials@ametlla.example",
        ),
    ],
)
def test_referrals_escalate_after_five_working_days(
    registry: WorkflowRegistry,
    clock: FakeClock,
    workflow_id: str,
    coordinators: tuple[str, ...],
    head: str,
) -> None:
    engine = Engine(registry, clock=clock)  # Monday 2 March 2026, 10:00
    sub = engine.start(
        workflow_id, referral_answers(), reference="R", language="ca"
    ).submission
    assert sub.pending_approvers() == coordinators
    early = engine.tick(sub, datetime(2026, 3, 9, 23, 59, tzinfo=MADRID))
    assert {n.reason for n in early.notifications} == {"reminder"}
    step = engine.tick(sub, datetime(2026, 3, 10, tzinfo=MADRID))
    escalated = [
        (n.to, n.template) for n in step.notifications if n.reason == "escalation"
    ]
    assert escalated == [(head, "decision_escalated")]
    asked = engine.act(
        step.submission,
        "request_info",
        actor=head,
        channel="email-link",
        comment="Which school?",
    )
    assert [(n.to, n.template) for n in asked.notifications] == [
        ("laia@school.example", "information_requested")
    ]
    back = engine.act(
        asked.submission, "resubmit", actor="laia@school.example", channel="form"
    )
    assert back.submission.pending_approvers() == coordinators


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"is_minor": True, "guardian_contact": None}, "guardian_for_minor"),
        ({"person_age": None, "person_birth_year": None}, "age_or_birth_year"),
    ],
)
def test_referral_rules(
    registry: WorkflowRegistry, clock: FakeClock, changes: dict[str, Any], code: str
) -> None:
    engine = Engine(registry, clock=clock)
    with pytest.raises(SubmissionRefused) as caught:
        engine.start(
            "connectat-referral",
            referral_answers(**changes),
            reference="R",
            language="en",
        )
    assert caught.value.code == code


def test_referral_notifications_carry_no_personal_data(
    registry: WorkflowRegistry, clock: FakeClock
) -> None:
    engine = Engine(registry, clock=clock)
    answers = referral_answers()
    step = engine.start("connectat-referral", answers, reference="XR-1", language="en")
    personal = {
        str(answers[name])
        for name in ("person_name", "description", "guardian_contact")
    }
    for note in step.notifications:
        values = {str(value) for value in vars(note).values()}
        assert not values & personal


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        (
            {
                "has_expression_of_interest": True,
                "expression_of_interest_document": "u:1",
            },
            True,
        ),
        (
            {
                "has_expression_of_interest": False,
                "no_expression_reason": "Not yet agreed.",
            },
            True,
        ),
        ({"has_expression_of_interest": True}, False),
        ({"has_expression_of_interest": False}, False),
    ],
)
def test_papallona_interest_or_a_reason(
    registry: WorkflowRegistry,
    clock: FakeClock,
    changes: dict[str, Any],
    accepted: bool,
) -> None:
    engine = Engine(registry, clock=clock)
    answers = {
        "entity_name": "Associació de veïns",
        "contact_name": "Pau",
        "contact_email": "pau@veins.example",
        "motivation": "We want to take part in the community model.",
        **changes,
    }
    if accepted:
        sub = engine.start(
            "papallona-interest", answers, reference="R", language="ca"
        ).submission
        assert sub.pending_approvers() == (
            "coordinacio.papallona@mataro.example",
            "lab.serveis@mataro.example",
        )
        return
    with pytest.raises(SubmissionRefused) as caught:
        engine.start("papallona-interest", answers, reference="R", language="ca")
    assert caught.value.code == "interest_or_reason"
