"""Send one of a submission's own attachments, and record who downloaded it."""

from __future__ import annotations

import io

from flask import abort, send_file
from werkzeug.wrappers import Response

from ..access_log import record_access
from ..forms.filecheck import FORMAT_NAMES
from ..forms.uploads import display_name
from ..services import get_services
from ..store import InvalidId
from ..submission_files import fields_of, submission_files
from ..workflow import Submission

#: Types served as themselves (those uploads accept); others as opaque bytes.
SERVED_TYPES = tuple(FORMAT_NAMES)
OPAQUE = "application/octet-stream"


def send_attachment(submission: Submission, blob_id: str, who: str) -> Response:
    """Send *blob_id* if it belongs to *submission*'s answers; 404 otherwise."""
    services = get_services()
    workflow = services.registry.for_submission(submission)
    found = submission_files(submission, fields_of(workflow, services.registry.forms))
    attachment = found.get(blob_id)
    if attachment is None or submission.blocked_at is not None:
        abort(404)
    try:
        data = services.store.uploads.read(blob_id)
    except (FileNotFoundError, InvalidId):
        abort(404)
    now = services.engine.now(submission)
    record_access(services.store, submission.reference, who, "download", now, blob_id)
    content_type = attachment.content_type
    response = send_file(
        io.BytesIO(data),
        mimetype=content_type if content_type in SERVED_TYPES else OPAQUE,
        as_attachment=True,
        download_name=display_name(attachment.name),
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
