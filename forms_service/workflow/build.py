"""Turn schema-checked data into the workflow model, keeping each element's path."""

from __future__ import annotations

import hashlib
from typing import Any

from .conditions import AllOf, AnyOf, Comparison, Condition
from .model import (
    ApproverRef,
    Approvers,
    Escalation,
    Notify,
    Reminders,
    Requirement,
    Resolution,
    State,
    Transition,
    Window,
    Workflow,
)
from .source import Path, Source
from .workdays import WorkingCalendar


def _each(source: Source, path: Path, items: list[Any]) -> list[tuple[Path, Any]]:
    """Pair items with their paths; a lone item written without a list keeps *path*."""
    if isinstance(source.raw(path), list):
        return [((*path, index), item) for index, item in enumerate(items)]
    return [(path, item) for item in items]


def condition(source: Source, data: dict[str, Any], path: Path) -> Condition:
    """Build a condition from its checked mapping."""
    for key, kind in (("all", AllOf), ("any", AnyOf)):
        if key in data:
            items = tuple(
                condition(source, item, at)
                for at, item in _each(source, (*path, key), data[key])
            )
            return kind(items, at=path)
    return Comparison(data["field"], data["op"], data.get("value"), at=path)


def _refs(
    source: Source, path: Path, items: list[dict[str, str]]
) -> tuple[ApproverRef, ...]:
    refs = []
    for at, item in _each(source, path, items):
        ((kind, value),) = item.items()
        refs.append(ApproverRef(kind, value, at=(*at, kind)))
    return tuple(refs)


def _transitions(source: Source, state: str, data: dict[str, Any]) -> list[Transition]:
    result = []
    for action, entry in data.get("transitions", {}).items():
        path: Path = ("states", state, "transitions", action)
        if isinstance(entry, str):
            result.append(Transition(state, action, entry, at=path))
            continue
        for at, item in _each(
            source, path, entry if isinstance(entry, list) else [entry]
        ):
            when = item.get("when")
            result.append(
                Transition(
                    state,
                    action,
                    item["to"],
                    condition(source, when, (*at, "when")) if when else None,
                    item.get("comment_required", False),
                    at=(*at, "to"),
                )
            )
    return result


def _state(source: Source, name: str, data: dict[str, Any]) -> State:
    path: Path = ("states", name)
    approvers = data.get("approvers")
    reminders = data.get("reminders")
    escalate = data.get("escalate")
    notify = data.get("notify", [])
    return State(
        name=name,
        kind=data["kind"],
        label=data.get("label", {}),
        outcome=data.get("outcome"),
        approvers=Approvers(
            approvers.get("mode", "any"),
            _refs(source, (*path, "approvers", "from"), approvers["from"]),
            at=(*path, "approvers"),
        )
        if approvers
        else None,
        form=data.get("form"),
        due=data.get("due"),
        reminders=Reminders(
            tuple(reminders["after"]), reminders["template"], at=(*path, "reminders")
        )
        if reminders
        else None,
        escalate=Escalation(
            escalate["after"],
            escalate.get("mode", "add"),
            _refs(source, (*path, "escalate", "to"), escalate["to"]),
            escalate["template"],
            at=(*path, "escalate"),
        )
        if escalate
        else None,
        on_timeout=data.get("on_timeout"),
        notify=tuple(
            Notify(item["to"], item["template"], at=at)
            for at, item in _each(source, (*path, "notify"), notify)
        ),
        at=path,
    )


def build_workflow(source: Source, data: dict[str, Any]) -> Workflow:
    """Build a :class:`Workflow` from cleaned data (placeholders where keys lack)."""
    states = {
        name: _state(source, name, raw) for name, raw in data.get("states", {}).items()
    }
    transitions = [
        transition
        for name, raw in data.get("states", {}).items()
        for transition in _transitions(source, name, raw)
    ]
    window = data.get("application_window")
    resolution = data.get("resolution")
    holidays = tuple(data.get("calendar", {}).get("local_holidays", []))
    return Workflow(
        id=data.get("id", ""),
        version=data.get("version", 0),
        sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        text=source.text,
        path=source.path,
        title=data.get("title", {}),
        form=data.get("form", ""),
        submitter_field=data.get("submitter_field", ""),
        languages=tuple(dict.fromkeys(data.get("languages", ["ca"]))),
        initial=data.get("initial", ""),
        states=states,
        transitions=tuple(transitions),
        calendar=WorkingCalendar(holidays),
        local_holidays=holidays,
        link_ttl=data.get("link_ttl"),
        retention=data.get("retention"),
        blocking=data.get("blocking"),
        window=Window(window["call"], window["opens"], window["closes"])
        if window
        else None,
        unique_per=tuple(data.get("unique_per", [])),
        requirements=tuple(
            Requirement(
                item["id"],
                condition(source, item["condition"], ("requirements", i, "condition")),
                item.get("field"),
                item["message"],
            )
            for i, item in enumerate(data.get("requirements", []))
        ),
        resolution=Resolution(
            resolution["within"],
            tuple(resolution["states"]),
            resolution["template"],
            at=("resolution",),
        )
        if resolution
        else None,
    )
