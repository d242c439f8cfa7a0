"""Deadlines on the fake clock: reminders, escalation, timeouts, a clock going back.

The demo workflow starts on Monday 2 March 2026 at 10:00 (no holiday until
Easter), so: reminders after 2 and 4 working days fire at the end of Wednesday 4
and Friday 6 March; escalation after 5 at the end of Monday 9; the timeout after
10 at the end of Monday 16 March.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from forms_service.workflow import MADRID, ActionRefused, Engine, Step, Submission

from .conftest import (
    ANA,
    BERNAT,
    CARLA,
    HEAD,
    LAIA,
    TEAM,
    FakeClock,
    referral_answers,
    text,
)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=MADRID)  # type: ignore[misc]


@pytest.fixture
def begin(
    engine_for: Callable[[str], Engine],
) -> Callable[..., tuple[Engine, Submission]]:
    def start(mode: str = "any", escalation: str = "add") -> tuple[Engine, Submission]:
        engine = engine_for(text(mode, escalation))
        step = engine.start("demo", referral_answers(), reference="XR-1", language="en")
        return engine, step.submission

    return start


def sent(step: Step) -> list[tuple[str, str, str]]:
    return [(n.to, n.template, n.reason) for n in step.notifications]


def test_timers_are_set_on_entering(begin: Callable[..., Any]) -> None:
    _engine, sub = begin()
    assert [(t.kind, t.at.isoformat()) for t in sub.timers] == [
        ("timeout", "2026-03-17T00:00:00+01:00"),
        ("reminder", "2026-03-05T00:00:00+01:00"),
        ("reminder", "2026-03-07T00:00:00+01:00"),
        ("escalation", "2026-03-10T00:00:00+01:00"),
    ]


def test_nothing_happens_before_time(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    step = engine.tick(sub, at(2026, 3, 4, 23, 59))
    assert step.submission == sub
    assert step.notifications == ()


def test_reminders_go_only_to_those_who_have_not_answered(
    begin: Callable[..., Any],
) -> None:
    engine, sub = begin("all")
    sub = engine.act(sub, "approve", actor=ANA, channel="email-link").submission
    step = engine.tick(sub, at(2026, 3, 5, 0, 0))
    assert sent(step) == [(BERNAT, "remind", "reminder"), (CARLA, "remind", "reminder")]
    assert [n.task_id for n in step.notifications] == ["1.1", "1.2"]
    assert step.submission.events[-1].action == "remind"
    again = engine.tick(step.submission, at(2026, 3, 5, 9, 0))
    assert again.notifications == ()


def test_sequential_reminds_only_the_one_asked(begin: Callable[..., Any]) -> None:
    engine, sub = begin("sequential")
    assert [n.to for n in engine.tick(sub, at(2026, 3, 5)).notifications] == [ANA]


def test_reminders_that_piled_up_are_sent_once(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    step = engine.tick(sub, at(2026, 3, 8))
    assert sent(step) == [(who, "remind", "reminder") for who in TEAM]
    assert [t.status for t in step.submission.timers] == [
        "scheduled", "done", "done", "scheduled"
    ]  # fmt: skip


def test_escalation_adds_an_approver_who_decides_for_all(
    begin: Callable[..., Any], clock: FakeClock
) -> None:
    engine, sub = begin("all")
    sub = engine.act(sub, "approve", actor=ANA, channel="email-link").submission
    sub = engine.tick(sub, at(2026, 3, 7)).submission
    step = engine.tick(sub, at(2026, 3, 10))
    assert sent(step) == [(HEAD, "escalated", "escalation")]
    assert step.notifications[0].task_id == "1.3"
    assert step.submission.events[-1].note == "add: head@council.example"
    clock.set(2026, 3, 10, 9)
    sub = engine.act(
        step.submission, "approve", actor=HEAD, channel="email-link"
    ).submission
    assert sub.state == "done"
    assert sub.events[-1].on_behalf_of == (BERNAT, CARLA)


def test_escalation_add_keeps_the_first_approvers(begin: Callable[..., Any]) -> None:
    engine, sub = begin("any", "add")
    sub = engine.tick(sub, at(2026, 3, 10)).submission
    assert sorted(sub.pending_approvers()) == sorted([*TEAM, HEAD])
    result = engine.act(sub, "approve", actor=BERNAT, channel="dashboard")
    assert result.submission.state == "done"


def test_escalation_replace_takes_over(begin: Callable[..., Any]) -> None:
    engine, sub = begin("any", "replace")
    sub = engine.tick(sub, at(2026, 3, 10)).submission
    assert sub.pending_approvers() == (HEAD,)
    assert "replacing ana@council.example" in (sub.events[-1].note or "")
    with pytest.raises(ActionRefused) as caught:
        engine.act(sub, "approve", actor=ANA, channel="email-link")
    assert caught.value.code == "replaced"
    with pytest.raises(ActionRefused) as stale:
        engine.act(sub, "approve", actor=ANA, channel="email-link", task_id="1.0")
    assert stale.value.code == "already_decided"


def test_timeout_gives_the_automatic_outcome(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    sub = engine.tick(sub, at(2026, 3, 10)).submission
    assert engine.tick(sub, at(2026, 3, 16, 23, 59)).submission.state == "review"
    step = engine.tick(sub, at(2026, 3, 17))
    done = step.submission
    assert (done.state, done.outcome) == ("expired", "expired")
    event = done.events[-1]
    assert (event.actor, event.channel, event.action, event.note) == (
        "system",
        "system",
        "expire",
        "deadline passed",
    )
    assert all(t.status != "pending" for t in done.tasks)
    with pytest.raises(
        ActionRefused, match="already expired automatically on 2026-03-17"
    ):
        engine.act(done, "approve", actor=ANA, channel="email-link")


def test_a_due_timeout_wins_over_late_reminders(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    step = engine.tick(sub, at(2026, 4, 1))
    assert step.submission.state == "expired"
    assert step.notifications == ()  # the expired state notifies nobody here
    statuses = [(t.kind, t.status) for t in step.submission.timers]
    assert statuses == [
        ("timeout", "done"),
        ("reminder", "skipped"),
        ("reminder", "skipped"),
        ("escalation", "skipped"),
    ]
    assert step.submission.events[-1].at == at(2026, 4, 1)


def test_waiting_for_the_submitter_reminds_then_withdraws(
    begin: Callable[..., Any], clock: FakeClock
) -> None:
    engine, sub = begin()
    sub = engine.act(
        sub, "request_info", actor=ANA, channel="email-link", comment="Age?"
    ).submission
    reminder = engine.tick(sub, at(2026, 3, 6))
    assert sent(reminder) == [(LAIA, "remind", "reminder")]
    assert reminder.notifications[0].language == "en"
    final = engine.tick(reminder.submission, at(2026, 3, 10))
    assert (final.submission.state, final.submission.outcome) == (
        "withdrawn",
        "withdrawn",
    )
    assert [n.to for n in final.notifications] == TEAM


def test_clock_going_back_never_acts_early(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    reminded = engine.tick(sub, at(2026, 3, 5, 1)).submission
    assert engine.tick(reminded, at(2026, 3, 3)).submission == reminded
    assert engine.tick(reminded, at(2026, 3, 5, 2)).notifications == ()
    assert engine.tick(reminded, at(2026, 3, 16)).submission.state == "review"


def test_actions_after_the_clock_went_back_keep_time_moving_forward(
    begin: Callable[..., Any], clock: FakeClock
) -> None:
    engine, sub = begin()
    clock.set(2026, 3, 4, 12)
    sub = engine.act(
        sub, "request_info", actor=ANA, channel="email-link", comment="?"
    ).submission
    clock.set(2026, 2, 20, 12)  # the server's clock jumps back two weeks
    sub = engine.act(sub, "resubmit", actor=LAIA, channel="form").submission
    assert sub.events[-1].at == at(2026, 3, 4, 12)
    assert min(t.at for t in sub.timers if t.status == "scheduled") == at(2026, 3, 7)
    assert engine.tick(sub, at(2026, 3, 6, 23)).notifications == ()


def test_closed_submissions_have_nothing_to_do(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    sub = engine.act(sub, "approve", actor=ANA, channel="email-link").submission
    assert engine.tick(sub, at(2027, 1, 1)).submission == sub


def test_tick_needs_an_aware_moment(begin: Callable[..., Any]) -> None:
    engine, sub = begin()
    with pytest.raises(ValueError, match="timezone-aware"):
        engine.tick(sub, datetime(2026, 3, 20))
