"""Form specifications, conditions, durations, the working calendar, templates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from forms_service.formspec import (
    FORMS,
    FieldSpec,
    check_answers,
    field_error,
    is_answered,
)
from forms_service.workflow import MADRID, WorkingCalendar, parse_duration, render
from forms_service.workflow.conditions import AllOf, AnyOf, Comparison, describe, holds
from forms_service.workflow.templates import load_template, parse_template

from .conftest import referral_answers


def test_forms_and_their_stable_field_names() -> None:
    assert sorted(FORMS) == [
        "expression_of_interest",
        "referral",
        "supervision_application",
        "supervision_evaluation",
    ]
    for form in FORMS.values():
        assert len(set(form.names)) == len(form.names)
        assert all(name.isidentifier() and name.islower() for name in form.names)
    assert FORMS["referral"].field("reason").choices == (  # type: ignore[union-attr]
        "disorientation",
        "family_crisis",
        "peer_relationships",
        "addiction",
        "eating",
        "self_esteem",
        "other",
    )
    hours = FORMS["supervision_application"].field("hours")
    assert (hours.min, hours.max) if hours else None == (1, 18)


def test_valid_referral_has_no_errors() -> None:
    assert check_answers(FORMS["referral"], referral_answers()) == {}


@pytest.mark.parametrize(
    ("spec", "value", "error"),
    [
        (FieldSpec("a", "text", required=True), "  ", "required"),
        (FieldSpec("a", "text", max_length=3), "abcd", "too_long"),
        (FieldSpec("a", "text"), 5, "not_text"),
        (FieldSpec("a", "email"), "no-at-sign", "invalid_email"),
        (FieldSpec("a", "email"), "a@b", "invalid_email"),
        (FieldSpec("a", "phone"), "call me", "invalid_phone"),
        (FieldSpec("a", "integer"), "7", "not_integer"),
        (FieldSpec("a", "integer"), True, "not_integer"),
        (FieldSpec("a", "integer", min=0, max=10), 11, "too_large"),
        (FieldSpec("a", "integer", min=1), 0, "too_small"),
        (FieldSpec("a", "choice", choices=("x",)), "y", "not_a_choice"),
        (FieldSpec("a", "multichoice", choices=("x", "y")), ["x", "z"], "not_a_choice"),
        (FieldSpec("a", "boolean", required=True), False, "required"),
        (FieldSpec("a", "boolean"), "yes", "not_boolean"),
        (FieldSpec("a", "date"), "2026-02-30", "invalid_date"),
    ],
)
def test_field_errors(spec: FieldSpec, value: object, error: str) -> None:
    assert field_error(spec, value) == error


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (FieldSpec("a", "integer", min=0, max=10), 0),
        (FieldSpec("a", "email"), "Anna.Puig@Olesa.example"),
        (FieldSpec("a", "phone"), "+34 937 78 00 50"),
        (FieldSpec("a", "date"), date(2026, 2, 28)),
        (FieldSpec("a", "date"), "2026-02-28"),
        (FieldSpec("a", "multichoice", choices=("x", "y")), ["y"]),
        (FieldSpec("a", "text"), None),
    ],
)
def test_field_accepts(spec: FieldSpec, value: object) -> None:
    assert field_error(spec, value) is None


def test_unknown_answers_are_reported() -> None:
    errors = check_answers(FORMS["supervision_evaluation"], {"rating": 5, "extra": 1})
    assert errors == {"extra": "unknown_field"}


def test_is_answered() -> None:
    assert [is_answered(v) for v in (0, "x", [1], True)] == [True] * 4
    assert [is_answered(v) for v in (None, "", " ", [], False)] == [False] * 5


ANSWERS = {
    "rating": 6,
    "urgency": "high",
    "tags": ["a"],
    "ok": True,
    "day": "2026-03-02",
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Comparison("rating", "lt", 7), True),
        (Comparison("rating", "ge", 7), False),
        (Comparison("rating", "in", [5, 6]), True),
        (Comparison("rating", "not_in", [5, 6]), False),
        (Comparison("urgency", "eq", "high"), True),
        (Comparison("urgency", "ne", "high"), False),
        (Comparison("tags", "contains", "a"), True),
        (Comparison("ok", "is_true"), True),
        (Comparison("ok", "is_false"), False),
        (Comparison("missing", "is_false"), True),
        (Comparison("missing", "present"), False),
        (Comparison("missing", "ne", "x"), False),  # unanswered compares false
        (Comparison("day", "lt", date(2026, 3, 3)), True),
        (Comparison("day", "in", [date(2026, 3, 2)]), True),
        (Comparison("urgency", "in", ["low", "high"]), True),
        (Comparison("urgency", "lt", 3), False),  # wrong types never match
        (AllOf((Comparison("ok", "is_true"), Comparison("rating", "gt", 6))), False),
        (AnyOf((Comparison("ok", "is_false"), Comparison("rating", "le", 6))), True),
    ],
)
def test_conditions(condition: Comparison | AllOf | AnyOf, expected: bool) -> None:
    assert holds(condition, ANSWERS) is expected


def test_describe_reads_like_the_rule() -> None:
    rule = AnyOf(
        (Comparison("professionals", "ge", 8), Comparison("accept_grouping", "is_true"))
    )
    assert describe(rule) == "(professionals ≥ 8 or accept_grouping)"


@pytest.mark.parametrize(
    ("text", "shown"),
    [("5 working days", "5 working days"), ("1 working day", "1 working day"),
     ("72 hours", "72 hours"), ("1 month", "1 month"), ("2  years", "2 years")],
)  # fmt: skip
def test_durations(text: str, shown: str) -> None:
    assert str(parse_duration(text)) == shown


@pytest.mark.parametrize("text", ["0 days", "five days", "5 weeks", "5", "-1 days", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 11), False),  # National Day of Catalonia
        (date(2026, 12, 26), False),  # Sant Esteve (Catalonia only)
        (date(2026, 4, 6), False),  # Easter Monday (Catalonia)
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 7, 25), False),  # local holiday below (a Saturday too)
        (date(2026, 7, 27), False),  # local holiday below
        (date(2026, 3, 19), True),  # Sant Josep is not a holiday in Catalonia
        (date(2026, 3, 2), True),
    ],
)
def test_catalan_working_days(day: date, working: bool) -> None:
    calendar = WorkingCalendar([date(2026, 7, 25), date(2026, 7, 27)])
    assert calendar.is_working_day(day) is working


def test_working_days_skip_holidays_and_end_at_midnight() -> None:
    calendar = WorkingCalendar([date(2026, 12, 28)])
    start = datetime(2026, 12, 23, 15, tzinfo=MADRID)  # Wednesday before Christmas
    # 24 (1), 25 and 26 holidays, 27 Sunday, 28 local, 29 (2), 30 (3)
    end = calendar.ends_at(start, parse_duration("3 working days"))
    assert end == datetime(2026, 12, 31, tzinfo=MADRID)


def test_months_and_hours() -> None:
    calendar = WorkingCalendar()
    start = datetime(2026, 3, 29, 1, 30, tzinfo=MADRID)  # the night clocks go forward
    assert calendar.ends_at(start, parse_duration("72 hours")).isoformat() == (
        "2026-04-01T02:30:00+02:00"
    )
    assert calendar.last_day(start, parse_duration("1 month")) == date(2026, 4, 29)
    assert calendar.last_day(start, parse_duration("10 days")) == date(2026, 4, 8)
    # 29 March 2027 is Easter Monday, a holiday in Catalonia: the next working day
    assert calendar.last_day(start, parse_duration("1 year")) == date(2027, 3, 30)


def test_template_render_only_fills_known_placeholders(tmp_path: Path) -> None:
    (tmp_path / "x.en.txt").write_text(
        "Subject: New {reference}\n\n{{literal}} {link}\n"
    )
    template = load_template(tmp_path, "x", "en")
    assert render(template, {"reference": "XR-1", "link": "https://f.example/a"}) == (
        "New XR-1",
        "{literal} https://f.example/a\n",
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Hello\n\nBody\n", (1, 1)),
        ("Subject: x\nBody\n", (2, 1)),
        ("Subject: x\n\nHi {name}\n", (3, 4)),
        ("Subject: {reference!r}\n\nx\n", (1, 10)),
        ("Subject: {link:>20}\n\nx\n", (1, 10)),
    ],
)
def test_bad_templates(text: str, where: tuple[int, int]) -> None:
    template, problems = parse_template("x.ca.txt", text)
    assert template is None
    assert [(p.code, p.line, p.col) for p in problems] == [("E071", *where)]


def test_load_template_refuses_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "x.ca.txt").write_text("Subject: {nope}\n\nx\n")
    with pytest.raises(ValueError, match="E071"):
        load_template(tmp_path, "x", "ca")
