"""Checks on the state graph: initial, finals, unknown targets, reachability, traps."""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import did_you_mean
from .model import APPROVER_ACTIONS, SUBMITTER_ACTIONS, Workflow
from .schema import report
from .source import Source

ALLOWED_ACTIONS = {
    "task": (*APPROVER_ACTIONS, "withdraw", "expire"),
    "wait_submitter": (*SUBMITTER_ACTIONS, "withdraw", "expire"),
    "final": (),
}


def _reach(start: Iterable[str], edges: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(edges.get(name, ()))
    return seen


def check_graph(workflow: Workflow, source: Source, broken: frozenset[str]) -> None:
    """Report graph problems of *workflow* into *source*."""
    states = workflow.states
    known = set(states) | broken
    if source.raw(("states",)) is None:
        return
    if "initial" not in (source.raw(()) or {}):
        report(source, (), "E010", 'missing key "initial": name the first state')
    elif workflow.initial and workflow.initial not in known:
        hint = did_you_mean(workflow.initial, known)
        message = f'initial state "{workflow.initial}" is not defined{hint}'
        report(source, ("initial",), "E010", message)
    if not any(state.kind == "final" for state in states.values()) and not broken:
        message = "no final state: add a state with kind: final and an outcome"
        report(source, ("states",), "E011", message, on_key=True)
    edges: dict[str, set[str]] = {name: set() for name in states}
    for transition in workflow.transitions:
        if transition.target not in known:
            hint = did_you_mean(transition.target, known)
            message = (
                f'transition "{transition.action}" from "{transition.source}" '
                f'goes to unknown state "{transition.target}"{hint}'
            )
            report(source, transition.at, "E012", message)
        else:
            edges[transition.source].add(transition.target)
    _check_states(workflow, source)
    if workflow.initial in known and not broken:  # a broken state hides its edges
        reachable = _reach([workflow.initial], edges)
        for name in states:
            if name not in reachable:
                message = f'state "{name}" cannot be reached from "{workflow.initial}"'
                report(source, ("states", name), "E020", message, on_key=True)
    finals = {name for name, state in states.items() if state.kind == "final"}
    for name, state in states.items():
        if state.kind == "final" or name in broken:
            continue
        if not edges[name]:
            message = f'state "{name}" has no way out: add transitions'
            report(source, ("states", name), "E021", message, on_key=True)
        elif not (_reach([name], edges) & (finals | broken)):
            message = f'no final state can be reached from "{name}"'
            report(source, ("states", name), "E021", message, on_key=True)


def _check_states(workflow: Workflow, source: Source) -> None:
    unguarded: set[tuple[str, str]] = set()
    for transition in workflow.transitions:
        key = (transition.source, transition.action)
        if transition.when is None:
            if key in unguarded:
                message = (
                    f'second unguarded "{transition.action}" transition from '
                    f'"{transition.source}": add a "when" to all but one'
                )
                report(source, transition.at, "E040", message)
            unguarded.add(key)
    for name, state in workflow.states.items():
        path = ("states", name)
        if state.kind == "final":
            if state.outcome is None:
                message = f'final state "{name}" needs an outcome'
                report(source, path, "E004", message, on_key=True)
            if source.raw((*path, "transitions")):
                message = f'final state "{name}" cannot have transitions'
                report(source, (*path, "transitions"), "E013", message, on_key=True)
            continue
        if state.outcome is not None:
            message = f'"outcome" belongs to final states only, not to "{name}"'
            report(source, (*path, "outcome"), "E007", message)
        if state.form is not None and state.kind != "wait_submitter":
            message = f'"form" belongs to wait_submitter states only, not to "{name}"'
            report(source, (*path, "form"), "E007", message)
        allowed = ALLOWED_ACTIONS[state.kind]
        for action in workflow.actions(name):
            if action not in allowed:
                message = (
                    f'action "{action}" is not possible in {state.kind} state '
                    f'"{name}"; use one of: {", ".join(allowed)}'
                )
                report(
                    source, (*path, "transitions", action), "E014", message, on_key=True
                )
        if state.on_timeout is not None:
            if state.due is None:
                message = f'"on_timeout" in "{name}" needs a "due" deadline'
                report(source, (*path, "on_timeout"), "E062", message)
            if not workflow.routes(name, state.on_timeout):
                message = (
                    f'on_timeout "{state.on_timeout}" has no transition from "{name}"'
                )
                report(source, (*path, "on_timeout"), "E014", message)
