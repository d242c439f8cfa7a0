"""The data inventory for the data-protection impact assessment.

Generated from the forms (which fields are personal) and the workflows (who
decides, how long a submission is kept), so that it cannot drift from what the
service really collects: `xarxa data-inventory` prints it, and SECURITY.md
carries a copy that a test keeps current.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .workflow import Workflow, WorkflowRegistry

#: Why each personal field is collected (every personal field must have one).
PURPOSES: Mapping[str, str] = {
    "professional_name": "to know who refers the person and to answer them",
    "professional_email": "to send the confirmation, status link and decision",
    "professional_phone": "to call the referring professional about the referral",
    "person_name": "to identify the person referred when the service contacts them",
    "person_age": "to check the service's age range (minors need a guardian)",
    "person_birth_year": "to check the service's age range when the age is unknown",
    "person_municipality": "to check that the person lives where the service works",
    "guardian_name": "a minor is contacted through a legal guardian",
    "guardian_contact": "a minor is contacted through a legal guardian",
    "description": "to understand the situation and decide on the referral",
    "attachments": "reports that help to decide on the referral",
    "contact_name": "to know who applies on behalf of the entity",
    "contact_email": "to send the confirmation, status link and decision",
    "contact_phone": "to reach the entity's contact person about the application",
}

#: Personal data the service keeps besides form answers.
OTHER_RECORDS = (
    (
        "approvers' and administrators' email addresses",
        "in the workflow roles, tasks, audit trail and access log: "
        "accountability of each decision and each view",
        "administrators of the workflow",
        "as long as the submission; the access log is deleted with it and the "
        "audit record keeps no address",
    ),
    (
        "sign-in and approval link records (hashed token, address, request)",
        "one-time links",
        "nobody (the service only)",
        "approval links until 90 days after they expire; sign-in links 1 day",
    ),
    (
        "mail outbox (recipient, message)",
        "to deliver notifications, retried when the mail server fails",
        "nobody (the service only)",
        "until the message is delivered",
    ),
    (
        "rate-limit counters (hash of the client address or email)",
        "to refuse floods of submissions and sign-in requests",
        "nobody (the service only)",
        "one hour after the last request",
    ),
    (
        "form drafts (answers and files not sent yet)",
        "to keep what a person typed between the form and the check page",
        "the person's own browser session",
        "7 days unsent, 1 day after sending",
    ),
)


def inventory(registry: WorkflowRegistry) -> str:
    """Return the inventory as Markdown tables."""
    lines = [
        "| form (workflow) | field | why it is collected | who sees it "
        "| how long it is kept |",
        "|---|---|---|---|---|",
    ]
    for workflow in (registry.current(item) for item in sorted(registry.ids())):
        form = registry.forms[workflow.form]
        for spec in form.fields:
            if spec.personal:
                lines.append(
                    f"| {form.name} ({workflow.id}) | `{spec.name}` "
                    f"| {PURPOSES[spec.name]} | {_who(workflow)} | {_kept(workflow)} |"
                )
    lines += [
        "",
        "| other record | why | who sees it | how long it is kept |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in OTHER_RECORDS]
    return "\n".join(lines) + "\n"


def missing_purposes(registry: WorkflowRegistry) -> list[str]:
    """Return the personal fields that have no purpose written down."""
    return sorted(
        {
            spec.name
            for form in registry.forms.values()
            for spec in form.fields
            if spec.personal and spec.name not in PURPOSES
        }
    )


def _who(workflow: Workflow) -> str:
    names = sorted(set(_deciders(workflow)))
    return "its approvers and administrators: " + ", ".join(names)


def _deciders(workflow: Workflow) -> Iterator[str]:
    for state in workflow.states.values():
        refs = [*(state.approvers.refs if state.approvers else ())]
        refs += [*(state.escalate.to if state.escalate else ())]
        for ref in refs:
            yield {"role": "role ", "email": "", "field": "the address in field "}[
                ref.kind
            ] + f"`{ref.value}`"


def _kept(workflow: Workflow) -> str:
    if workflow.retention is None:
        return "until an administrator removes it"
    kept = f"{workflow.retention} after it closes"
    if workflow.blocking is not None:
        kept += f", then blocked {workflow.blocking}"
    return kept + ", then removed (an audit record without personal data stays)"
