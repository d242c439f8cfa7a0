"""A Mermaid ``stateDiagram-v2`` of a workflow."""

from __future__ import annotations

import re

from .conditions import describe
from .model import Workflow


def _text(value: str) -> str:
    # Mermaid treats ":" as a separator and "#", ";" as syntax in labels.
    return re.sub(r"[:;#]", " ", value).strip()


def mermaid(workflow: Workflow, language: str = "en") -> str:
    """Return the workflow as a Mermaid state diagram, labels in *language*."""
    lines = ["stateDiagram-v2", f"    %% {workflow.id} version {workflow.version}"]
    lines.append(f"    [*] --> {workflow.initial}")
    for name, state in workflow.states.items():
        label = state.label.get(language) or state.label.get("en") or name
        kind = f"final, {state.outcome}" if state.kind == "final" else state.kind
        if state.approvers is not None:
            refs = ", ".join(ref.value for ref in state.approvers.refs)
            kind += f", {state.approvers.mode} of {refs}"
        if state.due is not None:
            kind += f", due {state.due}"
        lines.append(f"    {name} : {_text(label)} ({_text(kind)})")
    for transition in workflow.transitions:
        label = transition.action
        if transition.when is not None:
            label += f" [{describe(transition.when)}]"
        if workflow.states[transition.source].on_timeout == transition.action:
            label += " (timeout)"
        lines.append(
            f"    {transition.source} --> {transition.target} : {_text(label)}"
        )
    lines += [
        f"    {name} --> [*]"
        for name, state in workflow.states.items()
        if state.kind == "final"
    ]
    return "\n".join(lines) + "\n"
