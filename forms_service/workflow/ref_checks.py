"""Checks of what a workflow refers to: forms, fields, roles, templates, timings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path as FilePath

from forms_service.formspec import FieldSpec, FormSpec

from .conditions import Condition, check_condition
from .diagnostics import did_you_mean
from .durations import Duration
from .model import ApproverRef, State, Workflow
from .schema import report
from .source import Path, Source
from .templates import parse_template, template_path
from .workdays import MADRID

#: Timings are compared as if the state were entered on this (ordinary) Monday.
REFERENCE_START = datetime(2025, 3, 3, 9, 0, tzinfo=MADRID)


@dataclass(frozen=True)
class Context:
    """What a workflow is checked against."""

    source: Source
    roles: Mapping[str, tuple[str, ...]]
    forms: Mapping[str, FormSpec]
    templates: FilePath


def _form(context: Context, name: str, path: Path) -> FormSpec | None:
    form = context.forms.get(name)
    if form is None and name:
        hint = did_you_mean(name, context.forms)
        report(context.source, path, "E080", f'unknown form "{name}"{hint}')
    return form


def _fields(*forms: FormSpec | None) -> dict[str, FieldSpec]:
    return {spec.name: spec for form in forms if form for spec in form.fields}


def _condition(
    context: Context, condition: Condition, fields: dict[str, FieldSpec]
) -> None:
    for path, code, message in check_condition(condition, fields.get, fields):
        report(context.source, path, code, message)


def check_references(workflow: Workflow, context: Context) -> None:
    """Report problems in what *workflow* refers to."""
    source = context.source
    form = _form(context, workflow.form, ("form",))
    fields = _fields(form)
    if form is not None:
        submitter = fields.get(workflow.submitter_field)
        if workflow.submitter_field and (
            submitter is None or submitter.type != "email"
        ):
            hint = did_you_mean(workflow.submitter_field, fields)
            message = (
                f'submitter_field "{workflow.submitter_field}" must be an email field '
                f'of form "{form.name}"{hint}'
            )
            report(source, ("submitter_field",), "E081", message)
        for index, name in enumerate(workflow.unique_per):
            if name not in fields:
                hint = did_you_mean(name, fields)
                message = f'unique_per names unknown field "{name}"{hint}'
                path = ("unique_per", index) if len(workflow.unique_per) > 1 else ()
                report(source, path or ("unique_per",), "E030", message)
        for index, requirement in enumerate(workflow.requirements):
            _condition(context, requirement.condition, fields)
            if requirement.field and requirement.field not in fields:
                hint = did_you_mean(requirement.field, fields)
                message = f'requirement names unknown field "{requirement.field}"{hint}'
                report(source, ("requirements", index, "field"), "E030", message)
    _check_languages(workflow, source)
    if workflow.window and workflow.window.opens > workflow.window.closes:
        message = "application_window closes before it opens"
        report(source, ("application_window", "closes"), "E007", message)
    if workflow.resolution:
        for index, name in enumerate(workflow.resolution.states):
            if name not in workflow.states:
                hint = did_you_mean(name, workflow.states)
                message = f'resolution names unknown state "{name}"{hint}'
                report(source, ("resolution", "states", index), "E012", message)
        _template(
            context, workflow, workflow.resolution.template, ("resolution", "template")
        )
    for state in workflow.states.values():
        extra = _form(context, state.form, (*state.at, "form")) if state.form else None
        _check_state(context, workflow, state, fields if form else None, extra)


def _check_languages(workflow: Workflow, source: Source) -> None:
    texts: list[tuple[Path, Mapping[str, str]]] = [(("title",), workflow.title)]
    texts += [((*s.at, "label"), s.label) for s in workflow.states.values() if s.label]
    texts += [
        (("requirements", i, "message"), r.message)
        for i, r in enumerate(workflow.requirements)
    ]
    for path, text in texts:
        for language in workflow.languages:
            if text and language not in text:
                message = f'missing "{language}" text (the workflow declares it)'
                report(source, path, "E004", message, on_key=True)


def _check_state(
    context: Context,
    workflow: Workflow,
    state: State,
    fields: dict[str, FieldSpec] | None,
    extra: FormSpec | None,
) -> None:
    source, path = context.source, state.at
    if fields is not None:
        every = {**fields, **_fields(extra)}
        for transition in workflow.transitions:
            if transition.source == state.name and transition.when is not None:
                _condition(context, transition.when, every)
    if state.kind == "task" and state.approvers is None:
        message = f'task "{state.name}" needs approvers'
        report(source, path, "E054", message, on_key=True)
    if state.kind != "task" and state.approvers is not None:
        message = f'only tasks have approvers; "{state.name}" is {state.kind}'
        report(source, (*path, "approvers"), "E054", message, on_key=True)
    if state.approvers is not None:
        count = sum(_approvers(context, ref, fields) for ref in state.approvers.refs)
        if state.approvers.mode == "sequential" and count < 2:
            message = "sequential mode needs at least two approvers, in order"
            report(source, (*state.approvers.at, "mode"), "E053", message)
    if state.escalate is not None:
        for ref in state.escalate.to:
            _approvers(context, ref, fields)
    _check_timing(context, workflow, state)
    templates = [((*n.at, "template"), n.template) for n in state.notify]
    if state.reminders:
        templates.append(((*state.reminders.at, "template"), state.reminders.template))
    if state.escalate:
        templates.append(((*state.escalate.at, "template"), state.escalate.template))
    for at, name in templates:
        _template(context, workflow, name, at)


def _approvers(
    context: Context, ref: ApproverRef, fields: dict[str, FieldSpec] | None
) -> int:
    """Check one approver reference; return how many people it stands for."""
    if ref.kind == "role":
        members = context.roles.get(ref.value)
        if members is None:
            hint = did_you_mean(ref.value, context.roles)
            report(context.source, ref.at, "E050", f'unknown role "{ref.value}"{hint}')
            return 1
        return len(members)
    if ref.kind == "field" and fields is not None:
        spec = fields.get(ref.value)
        if spec is None or spec.type != "email":
            hint = did_you_mean(
                ref.value, [n for n, f in fields.items() if f.type == "email"]
            )
            message = (
                f'approver field "{ref.value}" is not an email field of the form{hint}'
            )
            report(context.source, ref.at, "E052", message)
    return 1


def _check_timing(context: Context, workflow: Workflow, state: State) -> None:
    if state.due is None:
        return

    def _ends(duration: Duration) -> datetime:
        return workflow.calendar.ends_at(REFERENCE_START, duration)

    due = _ends(state.due)
    if state.reminders is not None:
        for index, after in enumerate(state.reminders.after):
            if _ends(after) >= due:
                message = (
                    f"reminder after {after} is not before the deadline ({state.due})"
                )
                raw = context.source.raw((*state.reminders.at, "after"))
                where = (
                    *state.reminders.at,
                    "after",
                    *([index] if isinstance(raw, list) else []),
                )
                report(context.source, where, "E060", message)
    if state.escalate is not None and _ends(state.escalate.after) >= due:
        after = state.escalate.after
        message = f"escalation after {after} is not before the deadline ({state.due})"
        report(context.source, (*state.escalate.at, "after"), "E061", message)


def _template(context: Context, workflow: Workflow, name: str, at: Path) -> None:
    for language in workflow.languages:
        path = template_path(context.templates, name, language)
        if not path.is_file():
            message = (
                f'template "{name}" has no {language} version ({path.name} missing)'
            )
            report(context.source, at, "E070", message)
            continue
        _parsed, problems = parse_template(str(path), path.read_text(encoding="utf-8"))
        context.source.problems.extend(problems)
