"""A submission's fields and files: which fields its workflow asks, which
uploads its answers name.

A file field's answer is a list of ``{"blob", "name", "size", "type"}`` (see
:mod:`forms_service.forms.uploads`): the id in ``store.uploads``, the name
cleaned for display, the size in bytes and the type read from the content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .formspec import FieldSpec, FormSpec
from .workflow import Submission, Workflow


@dataclass(frozen=True)
class Attachment:
    """An uploaded file named in the answers."""

    blob_id: str
    name: str
    size: int
    content_type: str


def fields_of(workflow: Workflow, forms: Mapping[str, FormSpec]) -> list[FieldSpec]:
    """Return the fields of the workflow's form and of its states' forms, in order."""
    names = [workflow.form] + [
        state.form for state in workflow.states.values() if state.form is not None
    ]
    found: dict[str, FieldSpec] = {}
    for name in dict.fromkeys(names):
        for spec in forms[name].fields:
            found.setdefault(spec.name, spec)
    return list(found.values())


def attachments_of(value: object) -> tuple[Attachment, ...]:
    """Return the files in a file field's answer."""
    items = value if isinstance(value, list | tuple) else ()
    return tuple(
        Attachment(
            item["blob"],
            str(item.get("name") or "file"),
            int(item.get("size") or 0),
            str(item.get("type") or ""),
        )
        for item in items
        if isinstance(item, Mapping) and isinstance(item.get("blob"), str)
    )


def submission_files(
    submission: Submission, fields: list[FieldSpec]
) -> dict[str, Attachment]:
    """Return the submission's own attachments by blob id."""
    return {
        attachment.blob_id: attachment
        for spec in fields
        if spec.type == "file"
        for attachment in attachments_of(submission.answers.get(spec.name))
    }
