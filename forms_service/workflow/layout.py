"""The shape of a workflow file (schema ``xarxa/workflow/v1``) and of roles.yaml."""

from __future__ import annotations

from .conditions import OPS
from .model import ACTIONS, KINDS, LANGUAGES, MODES, OUTCOMES
from .specs import (
    Anything,
    Bool,
    Day,
    Dur,
    Either,
    Email,
    Int,
    Lazy,
    ListOf,
    MapOf,
    Obj,
    Spec,
    Str,
)

SCHEMA = "xarxa/workflow/v1"

_NAME = Str(r"^[a-z][a-z0-9_]*$", hint="use lowercase letters, digits and _")
_LANG_TEXT = Obj({language: Str() for language in LANGUAGES})
_DEADLINE = Dur(("working_days", "days", "months"))

APPROVER = Obj(
    {"role": _NAME, "email": Email(), "field": _NAME},
    exactly_one=("role", "email", "field"),
)
_APPROVER_LIST = ListOf(APPROVER, single_ok=True, min_items=1)


def _condition() -> Spec:
    return CONDITION


CONDITION: Spec = Obj(
    {
        "all": ListOf(Lazy(_condition), min_items=1),
        "any": ListOf(Lazy(_condition), min_items=1),
        "field": _NAME,
        "op": Str(choices=OPS),
        "value": Anything(),
    },
    exactly_one=("all", "any", "field"),
    needs={"field": ("op",)},
)

TRANSITION = Obj(
    {"to": _NAME, "when": CONDITION, "comment_required": Bool()}, required=("to",)
)

STATE = Obj(
    {
        "kind": Str(choices=KINDS),
        "label": _LANG_TEXT,
        "outcome": Str(choices=OUTCOMES),
        "form": _NAME,
        "approvers": Obj(
            {"mode": Str(choices=MODES), "from": _APPROVER_LIST}, required=("from",)
        ),
        "due": _DEADLINE,
        "reminders": Obj(
            {
                "after": ListOf(_DEADLINE, single_ok=True, min_items=1),
                "template": _NAME,
            },
            required=("after", "template"),
        ),
        "escalate": Obj(
            {
                "after": _DEADLINE,
                "mode": Str(choices=("add", "replace")),
                "to": _APPROVER_LIST,
                "template": _NAME,
            },
            required=("after", "to", "template"),
        ),
        "on_timeout": Str(choices=ACTIONS),
        "notify": ListOf(
            Obj(
                {"to": Str(choices=("approvers", "submitter")), "template": _NAME},
                required=("to", "template"),
            ),
            single_ok=True,
        ),
        "transitions": MapOf(
            Either(
                {
                    str: _NAME,
                    dict: TRANSITION,
                    list: ListOf(TRANSITION, min_items=1),
                },
                'a state name, a mapping with "to", or a list of them',
            ),
            choices=ACTIONS,
            what="action",
        ),
    },
    required=("kind",),
)

WORKFLOW = Obj(
    {
        "schema": Str(),
        "id": Str(r"^[a-z0-9][a-z0-9-]*$", hint="use lowercase letters, digits and -"),
        "version": Int(min=1),
        "title": _LANG_TEXT,
        "description": _LANG_TEXT,
        "form": _NAME,
        "submitter_field": _NAME,
        "languages": ListOf(Str(choices=LANGUAGES), min_items=1),
        "calendar": Obj({"local_holidays": ListOf(Day())}),
        "link_ttl": Dur(("hours", "days")),
        "retention": Dur(("days", "months", "years")),
        "blocking": Dur(("days", "months", "years")),
        "application_window": Obj(
            {"call": Str(), "opens": Day(), "closes": Day()},
            required=("call", "opens", "closes"),
        ),
        "unique_per": ListOf(_NAME, single_ok=True, min_items=1),
        "requirements": ListOf(
            Obj(
                {
                    "id": _NAME,
                    "condition": CONDITION,
                    "field": _NAME,
                    "message": _LANG_TEXT,
                },
                required=("id", "condition", "message"),
            )
        ),
        "resolution": Obj(
            {
                "within": _DEADLINE,
                "states": ListOf(_NAME, min_items=1),
                "template": _NAME,
            },
            required=("within", "states", "template"),
        ),
        "initial": _NAME,
        "states": MapOf(STATE, min_items=1),
    },
    required=(
        "id",
        "version",
        "title",
        "form",
        "submitter_field",
        "languages",
        "states",
    ),
)

ROLES: Spec = MapOf(ListOf(Email(), single_ok=True, min_items=1))
