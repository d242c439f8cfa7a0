"""A small valid workflow, and the faults planted in it that the loader must
report: each with its code, line and column."""

from __future__ import annotations

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
