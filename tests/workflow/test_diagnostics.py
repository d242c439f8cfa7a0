"""Each check of the loader, on a small broken file: the code, line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from forms_service.workflow import (
    Diagnostic,
    InvalidWorkflow,
    check_workflows,
    load_workflow,
    load_workflows,
)

VALID = """\
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
      from:
        - role: team
    due: 5 working days
    notify:
      - {to: approvers, template: t}
    transitions:
      approve: done
      reject: refused
  done:
    kind: final
    outcome: approved
  refused:
    kind: final
    outcome: rejected
"""

ADD_TO_END = "    outcome: rejected\n"

# (id, replacements on VALID, expected code, line, column, the only problem?)
CASES = [
    ("yaml-syntax", [("form: referral", "form: a: b")], "E001", 5, 8, True),
    ("unknown-key", [("    due:", "    deu:")], "E002", 15, 5, True),
    ("unknown-action", [("approve: done", "aprove: done")], "E002", 19, 7, False),
    ("wrong-type", [("version: 1", "version: one")], "E003", 3, 10, True),
    (
        "wrong-type-nested",
        [("      from:\n        - role: team", "      from: 3")],
        "E003",
        13,
        13,
        False,
    ),
    (
        "missing-key",
        [("    kind: final\n    outcome: approved", "    outcome: approved")],
        "E004",
        21,
        3,
        True,
    ),
    (
        "missing-language",
        [("title: {ca: Demo, es: Demo, en: Demo}", "title: {ca: D, es: D}")],
        "E004",
        4,
        1,
        True,
    ),
    ("schema", [("workflow/v1", "workflow/v9")], "E005", 1, 9, True),
    ("no-schema", [("schema: xarxa/workflow/v1\n", "")], "E005", 1, 1, True),
    ("duplicate-key", [("id: demo\n", "id: demo\nid: other\n")], "E006", 3, 1, True),
    ("bad-duration", [("5 working days", "5 weeks")], "E007", 15, 10, True),
    ("bad-kind", [("kind: task", "kind: taks")], "E007", 11, 11, True),
    (
        "bad-date",
        [("languages:", "calendar: {local_holidays: [2026-02-30]}\nlanguages:")],
        "E007",
        7,
        29,
        True,
    ),
    ("unknown-initial", [("initial: review", "initial: reveiw")], "E010", 8, 10, True),
    ("missing-initial", [("initial: review\n", "")], "E010", 1, 1, True),
    (
        "no-final",
        [
            ("kind: final\n    outcome: approved", "kind: wait_submitter"),
            ("kind: final\n    outcome: rejected", "kind: wait_submitter"),
        ],
        "E011",
        9,
        1,
        False,
    ),
    ("unknown-target", [("approve: done", "approve: dnoe")], "E012", 19, 16, False),
    (
        "final-with-transitions",
        [(ADD_TO_END, ADD_TO_END + "    transitions:\n      approve: done\n")],
        "E013",
        27,
        5,
        True,
    ),
    (
        "action-in-wrong-kind",
        [("      reject: refused", "      reject: refused\n      resubmit: done")],
        "E014",
        21,
        7,
        True,
    ),
    (
        "timeout-without-route",
        [
            (
                "    due: 5 working days",
                "    due: 5 working days\n    on_timeout: expire",
            )
        ],
        "E014",
        16,
        17,
        True,
    ),
    (
        "unreachable",
        [
            (
                ADD_TO_END,
                ADD_TO_END + "  orphan:\n    kind: final\n    outcome: expired\n",
            )
        ],
        "E020",
        27,
        3,
        True,
    ),
    (
        "trap",
        [
            ("reject: refused", "reject: limbo"),
            (ADD_TO_END, ADD_TO_END + "  limbo:\n    kind: wait_submitter\n"),
        ],
        "E021",
        27,
        3,
        False,
    ),
    (
        "condition-unknown-field",
        [
            (
                "approve: done",
                "approve: {to: done, when: {field: urgncy, op: eq, value: high}}",
            )
        ],
        "E030",
        19,
        41,
        True,
    ),
    (
        "operator-misfit",
        [
            (
                "approve: done",
                "approve: {to: done, when: {field: urgency, op: lt, value: high}}",
            )
        ],
        "E031",
        19,
        54,
        True,
    ),
    (
        "value-not-a-choice",
        [
            (
                "approve: done",
                "approve: {to: done, when: {field: urgency, op: eq, value: hihg}}",
            )
        ],
        "E031",
        19,
        65,
        True,
    ),
    (
        "value-wrong-type",
        [
            (
                "approve: done",
                "approve: {to: done, when: {field: person_age, op: lt, value: x}}",
            )
        ],
        "E031",
        19,
        68,
        True,
    ),
    (
        "two-unguarded",
        [("approve: done", "approve: [{to: done}, {to: refused}]")],
        "E040",
        19,
        34,
        True,
    ),
    ("unknown-role", [("role: team", "role: taem")], "E050", 14, 17, True),
    ("malformed-email", [("role: team", "email: not-an-email")], "E051", 14, 18, True),
    (
        "field-approver",
        [("role: team", "field: professional_name")],
        "E052",
        14,
        18,
        True,
    ),
    (
        "sequential-one",
        [
            (
                "      from:\n        - role: team",
                "      mode: sequential\n      from:\n"
                "        - email: ana@council.example",
            )
        ],
        "E053",
        13,
        13,
        True,
    ),
    (
        "task-without-approvers",
        [("    approvers:\n      from:\n        - role: team\n", "")],
        "E054",
        10,
        3,
        True,
    ),
    (
        "reminder-after-due",
        [
            (
                "    due: 5 working days",
                "    due: 5 working days\n"
                "    reminders: {after: 5 working days, template: t}",
            )
        ],
        "E060",
        16,
        24,
        True,
    ),
    (
        "escalation-after-due",
        [
            (
                "    due: 5 working days",
                "    due: 5 working days\n"
                "    escalate: {after: 6 working days, to: {role: head},"
                " template: t}",
            )
        ],
        "E061",
        16,
        23,
        True,
    ),
    (
        "timeout-without-due",
        [("    due: 5 working days", "    on_timeout: reject")],
        "E062",
        15,
        17,
        True,
    ),
    ("missing-template", [("template: t}", "template: nope}")], "E070", 17, 35, False),
    ("unknown-form", [("form: referral", "form: referal")], "E080", 5, 7, True),
    (
        "submitter-field",
        [("submitter_field: professional_email", "submitter_field: professional_name")],
        "E081",
        6,
        18,
        True,
    ),
]


@pytest.fixture
def diagnose(
    folder: Path, write_workflow: Callable[[str, str], Path]
) -> Callable[[str], list[Diagnostic]]:
    def run(text: str) -> list[Diagnostic]:
        write_workflow(text, "demo.yaml")
        return check_workflows(folder)

    return run


def test_the_valid_file_is_valid(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    assert diagnose(VALID) == []


@pytest.mark.parametrize(
    ("replacements", "code", "line", "col", "alone"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_fault_is_reported_where_it_is(
    diagnose: Callable[[str], list[Diagnostic]],
    replacements: list[tuple[str, str]],
    code: str,
    line: int,
    col: int,
    alone: bool,
) -> None:
    text = VALID
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    found = diagnose(text)
    assert all(item.path.endswith("demo.yaml") for item in found)
    assert (code, line, col) in [(d.code, d.line, d.col) for d in found], found
    if alone:
        assert len(found) == 1, found


def test_all_problems_come_at_once_sorted(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    text = VALID.replace("role: team", "role: taem").replace(
        "5 working days", "5 weeks"
    )
    text = text.replace("approve: done", "approve: dnoe")
    found = diagnose(text)
    assert [d.code for d in found] == ["E050", "E007", "E012", "E020"]
    assert found == sorted(found)


def test_messages_suggest_the_closest_name(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    (found,) = diagnose(VALID.replace("initial: review", "initial: reveiw"))
    assert str(found).endswith(
        ':8:10: E010 initial state "reveiw" is not defined (did you mean "review"?)'
    )


def test_unknown_placeholder_is_reported_in_the_template_file(
    folder: Path, diagnose: Callable[[str], list[Diagnostic]]
) -> None:
    for language in ("ca", "es", "en"):
        text = "Subject: {reference}\n\nDear {person_name}, see {link}\n"
        (folder / "templates" / f"bad.{language}.txt").write_text(text)
    found = diagnose(VALID.replace("template: t}", "template: bad}"))
    assert [(d.code, d.line, d.col) for d in found] == [("E071", 3, 6)] * 3
    assert {Path(d.path).name for d in found} == {
        "bad.ca.txt",
        "bad.es.txt",
        "bad.en.txt",
    }


def test_missing_template_names_each_language(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    found = diagnose(VALID.replace("template: t}", "template: nope}"))
    assert [(d.code, d.line, d.col) for d in found] == [("E070", 17, 35)] * 3
    assert sorted(d.message.split("(")[1] for d in found) == [
        "nope.ca.txt missing)",
        "nope.en.txt missing)",
        "nope.es.txt missing)",
    ]


def test_two_files_with_one_id(
    folder: Path, write_workflow: Callable[[str, str], Path]
) -> None:
    write_workflow(VALID, "a.yaml")
    write_workflow(VALID, "b.yaml")
    (found,) = check_workflows(folder)
    assert (found.code, Path(found.path).name) == ("E008", "b.yaml")
    with pytest.raises(InvalidWorkflow, match="E008"):
        load_workflows(folder)


def test_load_workflow_raises_with_every_diagnostic(
    write_workflow: Callable[[str, str], Path],
) -> None:
    path = write_workflow(VALID.replace("role: team", "role: x").replace("due:", "du:"))
    with pytest.raises(InvalidWorkflow) as caught:
        load_workflow(path)
    assert [d.code for d in caught.value.diagnostics] == ["E050", "E002"]
    assert "2 problems" in str(caught.value)


def test_unsafe_yaml_tags_are_refused(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    found = diagnose(
        VALID.replace("id: demo", "id: !!python/object/apply:os.system [ls]")
    )
    assert ("E007", 2, 5) in [(d.code, d.line, d.col) for d in found]


def test_yes_and_no_stay_words(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    text = VALID.replace(
        "approve: done",
        "approve: {to: done, when: {field: urgency, op: eq, value: no}}",
    )
    (found,) = diagnose(text)
    assert found.code == "E031"
    assert '"no" is not a choice' in found.message


def test_a_bad_roles_file_is_reported(folder: Path) -> None:
    (folder / "roles.yaml").write_text("team:\n  - ana@council.example\n  - nobody\n")
    found = check_workflows(folder)
    assert [(Path(d.path).name, d.code, d.line, d.col) for d in found] == [
        ("roles.yaml", "E051", 3, 5)
    ]


def test_an_empty_file(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    assert [(d.code, d.line, d.col) for d in diagnose("")] == [("E003", 1, 1)]
