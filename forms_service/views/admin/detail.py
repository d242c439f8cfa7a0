"""One submission: answers, state, tasks, audit trail, access log, attachments.

Each view and each download is written to the submission's access log before
anything is shown, so that no access goes unrecorded.
"""

from __future__ import annotations

from flask import g, render_template
from werkzeug.wrappers import Response

from ...access_log import read_accesses, record_access
from ...forms.uploads import size_text
from ...services import get_services
from ...submission_files import fields_of
from ..attachments import send_attachment
from .answers import answer_rows
from .blueprint import bp
from .scope import visible_removal, visible_submission


@bp.get("/<reference>")
def detail(lang: str, reference: str) -> str:
    """Show everything about one submission (and record that it was seen)."""
    services = get_services()
    removed = visible_removal(reference, g.admin)
    if removed is not None:
        return render_template(
            "admin/removed.html",
            record=removed,
            workflow=services.registry.current(removed["workflow_id"]),
        )
    submission = visible_submission(reference, g.admin)
    record_access(services.store, reference, g.admin, "view", services.engine.now())
    workflow = services.registry.for_submission(submission)
    fields = fields_of(workflow, services.registry.forms)
    return render_template(
        "admin/detail.html",
        submission=submission,
        workflow=workflow,
        answers=answer_rows(submission, fields),
        accesses=read_accesses(services.store, reference),
        size_text=size_text,
    )


@bp.get("/<reference>/files/<blob_id>")
def download(lang: str, reference: str, blob_id: str) -> Response:
    """Send one of the submission's own attachments, as a download."""
    return send_attachment(visible_submission(reference, g.admin), blob_id, g.admin)
