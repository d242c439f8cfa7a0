"""The listing as a CSV file for spreadsheets, safe to open.

UTF-8 with a byte-order mark (so that spreadsheets read accents right), quoting
by the csv module, and every cell that a spreadsheet would take for a formula
(starting with = + - @, a tab or a carriage return) prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from flask import g, redirect, request, url_for
from werkzeug.wrappers import Response

from ...access_log import record_access
from ...services import get_services
from ...store import NotFound
from ...submission_files import fields_of
from ...workflow import Submission
from .blueprint import bp
from .listing import matching_entries

COLUMNS = ("reference", "workflow", "state", "outcome", "created", "updated")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/export.csv")
def export(lang: str) -> Response:
    """Send the submissions matching the current filters as CSV."""
    form, workflows, entries = matching_entries(lang)
    if form.errors:  # the listing shows what is wrong with them
        arguments: dict[str, Any] = request.args.to_dict()
        return redirect(url_for(".listing", lang=lang, **arguments))
    services = get_services()
    now = services.engine.now()
    submissions: list[Submission] = []
    for entry in entries:
        try:
            submissions.append(services.store.submissions.get(entry.reference))
        except NotFound:
            continue  # removed at the end of its retention period
        record_access(services.store, entry.reference, g.admin, "export", now)
    shown = {submission.workflow_id for submission in submissions}
    names = list(
        dict.fromkeys(
            spec.name
            for workflow in workflows
            if workflow.id in shown
            for spec in fields_of(workflow, services.registry.forms)
            if spec.type != "file"
        )
    )
    body = "\ufeff" + to_csv([*COLUMNS, *names], _rows(submissions, names))
    response = Response(body.encode("utf-8"), mimetype="text/csv")
    response.headers.set(
        "Content-Disposition", "attachment", filename=f"xarxa-{now:%Y-%m-%d}.csv"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _rows(
    submissions: Iterable[Submission], names: list[str]
) -> Iterable[list[object]]:
    for submission in submissions:
        yield [
            submission.reference,
            submission.workflow_id,
            submission.state,
            submission.outcome,
            submission.created_at.isoformat(),
            submission.updated_at.isoformat(),
            *(submission.answers.get(name) for name in names),
        ]


def to_csv(header: list[str], rows: Iterable[list[object]]) -> str:
    """Return the rows as CSV text, every cell made safe for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def safe_cell(value: object) -> str:
    """Return *value* as a cell that no spreadsheet runs as a formula."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = "; ".join(str(item) for item in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
