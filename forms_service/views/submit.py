"""Forms that send requests: fill in, check your answers, send, confirmation.

The answers wait in a server-side draft between the form and "Send" (see
`drafts.py`); GET never changes anything; each POST ends in a redirect or in the
page again with its problems and every typed value, even when the CSRF token
has expired or the files were too large to be read.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask import url_for as flask_url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge

from ..drafts import Draft, Drafts, remember_sent, was_sent_here
from ..forms import (
    WINDOW_CODES,
    SpecForm,
    check_workflow_rules,
    form_class,
    formats_of,
    in_language,
    next_steps,
    receive_uploads,
    show_refusal,
    size_text,
    summary_rows,
    typed_values,
    window_refusal,
)
from ..i18n import LANGUAGES
from ..ratelimit import Limited, client_address, limit_of
from ..services import get_services
from ..workflow import SubmissionRefused, UnknownWorkflow, Workflow
from .form_page import form_page

log = logging.getLogger(__name__)
bp = Blueprint("submit", __name__, url_prefix="/<lang>/<workflow_id>")

#: A too-large request is read for its typed values only up to this many times
#: the size limit; anything bigger is not read at all.
OVERSIZE_READ_FACTOR = 4


@bp.context_processor
def _helpers() -> dict[str, object]:
    return {"formats_of": formats_of, "size_text": size_text}


@bp.route("/", methods=("GET", "POST"))
def start(lang: str, workflow_id: str) -> ResponseReturnValue:
    """Show the form (GET); check it and keep it as a draft (POST)."""
    workflow = _workflow(lang, workflow_id)
    closed = window_refusal(workflow, get_services().engine.now())
    if closed is not None:
        return _closed_page(workflow, closed, lang)
    drafts = _drafts()
    if request.method != "POST":
        draft = _unsent(drafts.current(workflow_id))
        values = draft.formdata() if draft else None
        form = _form(workflow, draft, formdata=values)
        return form_page(workflow, form, blank=draft is None)
    draft = drafts.open(workflow_id)
    form = _form(workflow, draft)
    services = get_services()
    max_bytes = int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024
    receive_uploads(form, request.form, services.store.uploads, max_bytes)
    form.validate()
    check_workflow_rules(form, workflow, lang, services.store.submissions.is_claimed)
    draft.values, draft.files = form.posted_values(request.form), form.kept
    draft.answers = None if form.problems() else form.answers()
    drafts.save(draft, services.engine.now())
    if draft.answers is None:
        return form_page(workflow, form)
    return redirect(_url(".check", workflow))


@bp.route("/check", methods=("GET", "POST"))
def check(lang: str, workflow_id: str) -> ResponseReturnValue:
    """Show the answers with change links (GET); send them (POST)."""
    workflow = _workflow(lang, workflow_id)
    drafts = _drafts()
    draft = drafts.current(workflow_id)
    if draft is not None and draft.sent is not None:
        return redirect(_url(".sent", workflow, reference=draft.sent))
    if draft is None or draft.answers is None:
        return redirect(_url(".start", workflow))
    if request.method == "POST":
        return _send(workflow, drafts, draft, lang)
    closed = window_refusal(workflow, get_services().engine.now())
    if closed is not None:
        return _closed_page(workflow, closed, lang)
    return _check_page(workflow, draft)


@bp.route("/sent/<reference>")
def sent(lang: str, workflow_id: str, reference: str) -> ResponseReturnValue:
    """Confirm a request sent from this session; a 404 for anyone else."""
    workflow = _workflow(lang, workflow_id)
    if not was_sent_here(workflow_id, reference):
        abort(404)
    steps = next_steps(workflow, lang)
    return render_template(
        "submit/sent.html", workflow=workflow, reference=reference, steps=steps
    )


@bp.errorhandler(CSRFError)
def _page_expired(error: CSRFError) -> ResponseReturnValue:
    """Show the page again with what was typed, and a new token to send it."""
    workflow = _request_workflow()
    if workflow is None:
        return render_template("errors/error.html", code=400, error=error), 400
    message = _(
        "Your answers were not sent because this page had been open for a long "
        "time. We have kept what you typed: check it and send it again."
    )
    draft = _unsent(_drafts().current(workflow.id))
    if request.endpoint == "submit.check":
        if draft is None or draft.answers is None:
            return redirect(_url(".start", workflow))
        return _check_page(workflow, draft, problems=[(None, message)]), 400
    form = _form(workflow, draft, formdata=request.form)
    form.refuse(None, message)
    for spec, _field in form.spec_fields():
        if spec.type == "file" and any(request.files.getlist(spec.name)):
            form.refuse(spec.name, _("Choose the file again: it was not received."))
    return form_page(workflow, form), 400


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Show the form again, with what was typed where it can be read."""
    workflow = _request_workflow()
    if workflow is None or request.endpoint != "submit.start":
        return render_template("errors/error.html", code=413, error=error), 413
    draft = _unsent(_drafts().current(workflow.id))
    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    values = typed_values(request, limit * OVERSIZE_READ_FACTOR)
    if values is None and draft is not None:
        values = draft.formdata()
    form = _form(workflow, draft, formdata=values)
    message = _(
        "The files you chose add up to more than %(total)d MB, so nothing was "
        "received. Choose them again, each one smaller than %(each)d MB.",
        total=limit >> 20,
        each=int(current_app.config["MAX_UPLOAD_MB"]),
    )
    file_fields = [spec.name for spec, _f in form.spec_fields() if spec.type == "file"]
    form.refuse(file_fields[0] if file_fields else None, message)
    return form_page(workflow, form), 413


def _send(
    workflow: Workflow, drafts: Drafts, draft: Draft, lang: str
) -> ResponseReturnValue:
    """Send a draft once, whatever the number of clicks on "Send"."""
    services = get_services()
    with drafts.lock(draft):
        latest = drafts.read(draft.id, workflow.id)
        if latest is None or (latest.sent is None and latest.answers is None):
            return redirect(_url(".start", workflow))
        reference = latest.sent
        if reference is None:
            try:
                services.limiter.hit(
                    "submit", client_address(), limit_of("SUBMISSIONS_PER_HOUR"),
                    services.engine.now(),
                )  # fmt: skip
                submission = services.requests.submit(
                    workflow.id, latest.answers or {}, lang
                )
            except SubmissionRefused as refusal:
                return _refused(workflow, latest, refusal, lang)
            except Limited as limited:
                message = _(
                    "Too many requests have been sent from your network in the last "
                    "hour. Nothing was sent and your answers are kept: send them "
                    "again in %(minutes)s minutes.",
                    minutes=limited.retry_after // 60 + 1,
                )
                page = _check_page(workflow, latest, [(None, message)])
                return page, 429, {"Retry-After": str(limited.retry_after)}
            except OSError:
                log.exception("could not store a submission of %s", workflow.id)
                message = _(
                    "Your request could not be saved just now, because of a problem "
                    "on our server. Nothing was sent and your answers are kept: "
                    "press Send again in a few minutes."
                )
                page = _check_page(workflow, latest, [(None, message)])
                return page, 503, {"Retry-After": "120"}
            reference = submission.reference
            drafts.mark_sent(latest, reference, services.engine.now())
        remember_sent(workflow.id, reference)
    return redirect(_url(".sent", workflow, reference=reference))


def _refused(
    workflow: Workflow, draft: Draft, refusal: SubmissionRefused, lang: str
) -> ResponseReturnValue:
    if refusal.code in WINDOW_CODES:
        return _closed_page(workflow, refusal, lang)
    form = _form(workflow, draft, formdata=draft.formdata())
    show_refusal(form, workflow, refusal, lang)
    return form_page(workflow, form)


def _workflow(lang: str, workflow_id: str) -> Workflow:
    if lang not in LANGUAGES:
        abort(404)
    try:
        return get_services().registry.current(workflow_id)
    except UnknownWorkflow:
        abort(404)


def _request_workflow() -> Workflow | None:
    """Return the workflow of the URL, or None (for error handlers: no abort)."""
    arguments = request.view_args or {}
    if arguments.get("lang") not in LANGUAGES:
        return None
    try:
        return get_services().registry.current(str(arguments.get("workflow_id")))
    except UnknownWorkflow:
        return None


def _drafts() -> Drafts:
    store = get_services().store
    return Drafts(store.drafts, store.locks)


def _unsent(draft: Draft | None) -> Draft | None:
    return draft if draft is not None and draft.sent is None else None


def _form(workflow: Workflow, draft: Draft | None, **options: object) -> SpecForm:
    return form_class(workflow.form)(kept=draft.files if draft else {}, **options)


def _url(endpoint: str, workflow: Workflow, **values: Any) -> str:
    lang = (request.view_args or {}).get("lang")
    return flask_url_for(endpoint, lang=lang, workflow_id=workflow.id, **values)


def _check_page(
    workflow: Workflow,
    draft: Draft,
    problems: list[tuple[str | None, str]] | None = None,
) -> str:
    rows = summary_rows(workflow.form, draft.answers or {})
    return render_template(
        "submit/check.html", workflow=workflow, rows=rows, problems=problems or []
    )


def _closed_page(
    workflow: Workflow, refusal: SubmissionRefused, lang: str
) -> ResponseReturnValue:
    message = in_language(refusal.messages, lang, refusal.reason)
    return render_template("submit/closed.html", workflow=workflow, message=message)
