"""The request forms: Flask-WTF classes built from `formspec.FORMS`.

Labels, hints and messages are English msgids (:mod:`.wording`); validators are
small classes (:mod:`.validators`); files are checked by content and kept in
the draft (:mod:`.uploads`); the workflow's own rules are shown beside their
field before sending (:mod:`.rules`).
"""

from __future__ import annotations

from .builder import FieldRow, SpecForm, form_class
from .confirmation import NextSteps, next_steps
from .oversize import typed_values
from .rules import (
    WINDOW_CODES,
    check_workflow_rules,
    in_language,
    show_refusal,
    window_refusal,
)
from .summary import SummaryRow, summary_rows
from .texts import choice_label, message_for, text_of
from .uploads import display_name, formats_of, receive_uploads, size_text

__all__ = [
    "WINDOW_CODES",
    "FieldRow",
    "NextSteps",
    "SpecForm",
    "SummaryRow",
    "check_workflow_rules",
    "choice_label",
    "display_name",
    "form_class",
    "formats_of",
    "in_language",
    "message_for",
    "next_steps",
    "receive_uploads",
    "show_refusal",
    "size_text",
    "summary_rows",
    "text_of",
    "typed_values",
    "window_refusal",
]
