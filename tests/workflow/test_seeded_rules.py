"""The supervision application's rules (a seeded service), exercised through the
engine on the real workflow files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from forms_service.workflow import (
    MADRID,
    ActionRefused,
    Engine,
    InvalidAnswers,
    Submission,
    SubmissionRefused,
    WorkflowRegistry,
)

from .conftest import FakeClock

SUPERVISION = "supervisio-equips-application"
CONTACT = "tecnica@vilanova.example"
REVIEWERS = (
    "tecnica.supervisio@diputacio.example",
    "tecnic.supervisio@diputacio.example",
)
UNIT_HEAD = "cap.accio.social@diputacio.example"
DELIVERY = "supervisio.equips@diputacio.example"


def application(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "entity_type": "ajuntament",
        "entity_name": "Ajuntament de Vilanova",
        "entity_tax_id": "P0800000B",
        "contact_name": "Núria Soler",
        "contact_email": CONTACT,
        "contact_phone": "+34 930 000 000",
        "modality": "team",
        "professionals": 9,
        "accept_grouping": False,
        "hours": 18,
        "technical_data": "upload:c1-034.pdf",
    }
    answers.update(changes)
    return answers


@pytest.fixture
def engine(registry: WorkflowRegistry, clock: FakeClock) -> Engine:
    clock.set(2020, 1, 20, 10)
    return Engine(registry, clock=clock)


@pytest.fixture
def apply(engine: Engine) -> Callable[..., Submission]:
    def start(**changes: Any) -> Submission:
        return engine.start(
            SUPERVISION,
            application(**changes),
            reference="XR-2020-000001",
            language="ca",
        ).submission

    return start


@pytest.mark.parametrize(
    ("moment", "accepted", "code"),
    [
        ((2020, 1, 9, 23, 59), False, "window_not_open"),
        ((2020, 1, 10, 0, 0), True, None),
        ((2020, 2, 13, 23, 59), True, None),
        ((2020, 2, 14, 0, 0), False, "window_closed"),
        ((2021, 1, 20, 10, 0), False, "window_closed"),
    ],
)
def test_application_window(
    engine: Engine,
    clock: FakeClock,
    moment: tuple[int, ...],
    accepted: bool,
    code: str | None,
) -> None:
    clock.set(*moment)
    if accepted:
        sub = engine.start(
            SUPERVISION, application(), reference="R", language="es"
        ).submission
        assert sub.state == "technical_review"
        return
    with pytest.raises(SubmissionRefused) as caught:
        engine.start(SUPERVISION, application(), reference="R", language="es")
    assert caught.value.code == code
    assert caught.value.messages["ca"] == (
        "Aquesta convocatòria accepta sol·licituds del 10/01/2020 al 13/02/2020."
    )
    assert set(caught.value.messages) == {"ca", "es", "en"}


def test_one_application_per_entity(engine: Engine) -> None:
    used: set[str] = set()
    first = engine.start(
        SUPERVISION,
        application(),
        reference="R1",
        language="ca",
        is_taken=used.__contains__,
    ).submission
    assert first.unique_key == "supervisio-equips-application|catalog-2020|p0800000b"
    used.add(first.unique_key)
    with pytest.raises(SubmissionRefused) as caught:
        engine.start(
            SUPERVISION,
            application(
                entity_tax_id=" p-0800000 b ", contact_email="altre@vilanova.example"
            ),
            reference="R2",
            language="ca",
            is_taken=used.__contains__,
        )
    assert caught.value.code == "duplicate"
    other = engine.start(
        SUPERVISION,
        application(entity_tax_id="P0800001J"),
        reference="R3",
        language="ca",
        is_taken=used.__contains__,
    ).submission
    assert other.unique_key not in used


@pytest.mark.parametrize(
    ("hours", "error"), [(0, "too_small"), (19, "too_large"), (-3, "too_small")]
)
def test_hours_between_1_and_18(
    apply: Callable[..., Submission], hours: int, error: str
) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        apply(hours=hours)
    assert caught.value.errors == {"hours": error}


@pytest.mark.parametrize("hours", [1, 18])
def test_hours_bounds_are_accepted(
    apply: Callable[..., Submission], hours: int
) -> None:
    assert apply(hours=hours).answers["hours"] == hours


@pytest.mark.parametrize(
    ("professionals", "grouping", "accepted"),
    [(7, False, False), (8, False, True), (3, True, True), (20, False, True)],
)
def test_group_of_eight_or_grouping_accepted(
    apply: Callable[..., Submission], professionals: int, grouping: bool, accepted: bool
) -> None:
    if accepted:
        assert apply(professionals=professionals, accept_grouping=grouping).state
        return
    with pytest.raises(SubmissionRefused) as caught:
        apply(professionals=professionals, accept_grouping=grouping)
    assert (caught.value.code, caught.value.field) == ("group_size", "professionals")
    assert "8 professionals" in caught.value.messages["en"]


def test_technical_data_is_required(apply: Callable[..., Submission]) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        apply(technical_data=None)
    assert caught.value.errors == {"technical_data": "required"}


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        ((2020, 2, 13, 10), "2020-07-14T00:00:00+02:00"),  # ends Monday 13 July
        ((2020, 1, 20, 10), "2020-06-23T00:00:00+02:00"),  # 20 June is a Saturday
        ((2020, 1, 31, 10), "2020-07-01T00:00:00+02:00"),  # no 31 June: the 30th
    ],
)
def test_resolution_due_within_five_months(
    engine: Engine, clock: FakeClock, moment: tuple[int, ...], due: str
) -> None:
    clock.set(*moment)
    sub = engine.start(
        SUPERVISION, application(), reference="R", language="ca"
    ).submission
    (timer,) = [t for t in sub.timers if t.kind == "resolution"]
    assert timer.at.isoformat() == due


def test_late_resolution_tells_the_pending_approvers(
    engine: Engine, apply: Callable[..., Submission]
) -> None:
    sub = apply()
    sub = engine.act(
        sub, "approve", actor=REVIEWERS[0], channel="email-link"
    ).submission
    step = engine.tick(sub, datetime(2020, 6, 23, 0, 0, tzinfo=MADRID))
    resolution = [n for n in step.notifications if n.reason == "resolution"]
    assert [(n.to, n.template) for n in resolution] == [
        (UNIT_HEAD, "resolution_overdue")
    ]
    actions = [event.action for event in step.submission.events]
    assert actions[-2:] == ["resolution_overdue", "remind"]


def _deliver(engine: Engine, sub: Submission) -> Submission:
    sub = engine.act(
        sub, "approve", actor=REVIEWERS[1], channel="email-link"
    ).submission
    assert sub.state == "unit_head_approval"
    step = engine.act(sub, "approve", actor=UNIT_HEAD, channel="email-link")
    assert [(n.to, n.template) for n in step.notifications] == [
        (CONTACT, "request_accepted"),
        (DELIVERY, "delivery_pending"),
    ]
    assert all(
        t.status == "cancelled"
        for t in step.submission.timers
        if t.kind == "resolution"
    )
    step = engine.act(step.submission, "deliver", actor=DELIVERY, channel="dashboard")
    assert [(n.to, n.template) for n in step.notifications] == [
        (CONTACT, "evaluation_requested")
    ]
    return step.submission


def test_rating_below_seven_opens_the_follow_up(
    engine: Engine, apply: Callable[..., Submission]
) -> None:
    sub = _deliver(engine, apply())
    assert sub.state == "evaluation"
    with pytest.raises(ActionRefused) as caught:
        engine.act(
            sub, "evaluate", actor=UNIT_HEAD, channel="form", answers={"rating": 9}
        )
    assert caught.value.code == "not_submitter"
    with pytest.raises(InvalidAnswers) as bad:
        engine.act(
            sub, "evaluate", actor=CONTACT, channel="form", answers={"rating": 11}
        )
    assert bad.value.errors == {"rating": "too_large"}
    step = engine.act(
        sub, "evaluate", actor=CONTACT, channel="form", answers={"rating": 6}
    )
    sub = step.submission
    assert (sub.state, sub.answers["rating"]) == ("follow_up", 6)
    assert [(n.to, n.template) for n in step.notifications] == [
        (UNIT_HEAD, "follow_up_needed")
    ]
    with pytest.raises(ActionRefused, match="a comment is required"):
        engine.act(sub, "complete", actor=UNIT_HEAD, channel="dashboard")
    done = engine.act(
        sub, "complete", actor=UNIT_HEAD, channel="dashboard",
        comment="Causes: schedule clashes. Improvement: fixed monthly slots.",
    ).submission  # fmt: skip
    assert (done.state, done.outcome) == ("completed", "approved")
    assert done.events[-1].comment.startswith("Causes:")


@pytest.mark.parametrize("rating", [7, 10])
def test_rating_of_seven_or_more_completes(
    engine: Engine, apply: Callable[..., Submission], rating: int
) -> None:
    sub = _deliver(engine, apply())
    sub = engine.act(
        sub, "evaluate", actor=CONTACT, channel="form", answers={"rating": rating}
    ).submission
    assert (sub.state, sub.outcome) == ("completed", "approved")


def test_no_evaluation_closes_after_its_deadline(
    engine: Engine, apply: Callable[..., Submission]
) -> None:
    sub = _deliver(engine, apply())
    step = engine.tick(sub, datetime(2020, 3, 1, tzinfo=MADRID))
    assert step.submission.state == "closed_without_evaluation"


def test_information_not_given_in_ten_working_days_is_a_withdrawal(
    engine: Engine, apply: Callable[..., Submission]
) -> None:
    sub = engine.act(
        apply(), "request_info", actor=REVIEWERS[0], channel="email-link",
        comment="The C1-034 form is not signed.",
    ).submission  # fmt: skip
    assert engine.tick(
        sub, datetime(2020, 2, 3, 23, tzinfo=MADRID)
    ).submission.state == ("information_requested")
    assert engine.tick(sub, datetime(2020, 2, 4, tzinfo=MADRID)).submission.outcome == (
        "withdrawn"
    )
