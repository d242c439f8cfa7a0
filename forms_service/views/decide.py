"""Approval by emailed link: the request on GET, the decision on POST.

The token in the address is bound to one approver and one task. Opening it only
reads (mail scanners open links before people do); pressing a button posts the
decision with a CSRF token, and the service checks the link again under the
submission's lock, so two approvers pressing at once cannot both win. A link
that can no longer decide says why, in the page's language.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import Length

from ..access_log import record_access
from ..i18n import LANGUAGES
from ..links import ApprovalLink, UnknownLink
from ..requests import LinkRefused
from ..services import get_services
from ..store import NotFound
from ..submission_files import fields_of
from ..workflow import ActionRefused, Submission, Workflow
from ..workflow.machine import choose_route
from ..workflow.model import COMMENT_REQUIRED
from .admin.answers import answer_rows
from .attachments import send_attachment
from .notified import told
from .request_pages import page_helpers, private
from .status import TEXT_LIMIT, TOO_LONG

bp = Blueprint("decide", __name__)
bp.context_processor(page_helpers)
bp.after_request(private)

#: The buttons, in the order shown (the first is the default one).
BUTTONS = {
    "approve": _l("Approve"),
    "deliver": _l("Mark as delivered"),
    "complete": _l("Mark as completed"),
    "request_info": _l("Ask for more information"),
    "reject": _l("Reject"),
}
COMMENT_NEEDED = {
    "reject": _l("Write why the request is rejected."),
    "request_info": _l("Write what information is needed."),
}
COMMENT_NEEDED_OTHERWISE = _l("Write a comment: this decision needs one.")
NO_BUTTON = _l("Choose one of the buttons to decide.")
NOT_NOW = _l("The workflow does not allow this decision now. Nothing was recorded.")
EXPIRED_FORM = _l("The page was open too long. Check your comment and decide again.")


class DecisionForm(FlaskForm):
    comment = TextAreaField(
        _l("Comment"), validators=[Length(max=TEXT_LIMIT, message=TOO_LONG)]
    )


@bp.errorhandler(LinkRefused)
def _refused(error: LinkRefused) -> tuple[str, int]:
    """Say why this link cannot decide: used, decided, expired, superseded."""
    token = str((request.view_args or {}).get("token"))
    reference = get_services().approval_links.find(token).reference
    page = render_template("decide/refused.html", error=error, reference=reference)
    return page, 410 if error.code == "expired" else 409


@bp.errorhandler(CSRFError)
def _expired_form(error: CSRFError) -> ResponseReturnValue:
    """Show the request again with the comment typed and a fresh token."""
    arguments = request.view_args or {}
    lang, token = str(arguments.get("lang")), str(arguments.get("token"))
    try:
        link, submission = _open(lang, token)
    except LinkRefused as refused:
        return _refused(refused)
    except HTTPException as unknown:  # no such link: its own error page
        return current_app.handle_http_exception(unknown)
    return _render(link, submission, token, DecisionForm(), EXPIRED_FORM), 400


@bp.route("/<lang>/decide/<token>", methods=["GET", "POST"])
def page(lang: str, token: str) -> str | Response | tuple[str, int]:
    """Show the request to its approver; on POST, record their decision."""
    link, submission = _open(lang, token)
    form = DecisionForm()
    if request.method != "POST":
        return _render(link, submission, token, form)
    action = request.form.get("action", "")
    workflow = get_services().registry.for_submission(submission)
    if action not in _actions(workflow, submission):
        return _render(link, submission, token, form, NO_BUTTON), 400
    if not form.validate():
        return _render(link, submission, token, form), 400
    try:
        get_services().requests.decide(token, action, form.comment.data)
    except ActionRefused as error:
        if error.code != "comment_required":
            return _render(link, submission, token, form, NOT_NOW), 409
        form.comment.errors = [COMMENT_NEEDED.get(action, COMMENT_NEEDED_OTHERWISE)]
        return _render(link, submission, token, form), 400
    return redirect(url_for(".done", lang=lang, token=token))


@bp.get("/<lang>/decide/<token>/done")
def done(lang: str, token: str) -> str | Response:
    """Say what was recorded and who was told (after the POST, PRG)."""
    services = get_services()
    if lang not in LANGUAGES:
        abort(404)
    try:
        link = services.approval_links.find(token)
        submission = services.store.submissions.get(link.reference)
    except (UnknownLink, NotFound):
        abort(404)
    event = next(
        (
            e
            for e in submission.events
            if e.task_id == link.task_id and e.actor == link.approver
        ),
        None,
    )
    if event is None or link.used_at is None:
        return redirect(url_for(".page", lang=lang, token=token))
    workflow = services.registry.for_submission(submission)
    return render_template(
        "decide/done.html", submission=submission, workflow=workflow, event=event,
        told=told(workflow, submission, event),
    )  # fmt: skip


@bp.get("/<lang>/decide/<token>/files/<blob_id>")
def attachment(lang: str, token: str, blob_id: str) -> Response:
    """Send one of the request's attachments to the link's approver."""
    link, submission = _open(lang, token)
    return send_attachment(submission, blob_id, link.approver)


def _open(lang: str, token: str) -> tuple[ApprovalLink, Submission]:
    if lang not in LANGUAGES:
        abort(404)
    try:
        return get_services().requests.open_link(token)
    except UnknownLink:
        abort(404)


def _actions(workflow: Workflow, submission: Submission) -> list[str]:
    """Return the decisions the current state offers, in the buttons' order."""
    offered = workflow.actions(submission.state)
    return [action for action in BUTTONS if action in offered]


def _render(
    link: ApprovalLink,
    submission: Submission,
    token: str,
    form: DecisionForm,
    problem: str | None = None,
) -> str:
    """Render the request (recording the view in its access log first)."""
    services = get_services()
    now = services.engine.now(submission)
    record_access(services.store, submission.reference, link.approver, "view", now)
    workflow = services.registry.for_submission(submission)
    actions = _actions(workflow, submission)
    needs_comment = [
        action
        for action in actions
        if action in COMMENT_REQUIRED
        or _route_needs_comment(workflow, submission, action)
    ]
    return render_template(
        "decide/page.html",
        link=link,
        submission=submission,
        workflow=workflow,
        token=token,
        form=form,
        problem=problem,
        actions=actions,
        buttons=BUTTONS,
        needs_comment=[BUTTONS[action] for action in needs_comment],
        answers=answer_rows(submission, fields_of(workflow, services.registry.forms)),
    )


def _route_needs_comment(
    workflow: Workflow, submission: Submission, action: str
) -> bool:
    route = choose_route(workflow, submission.state, action, submission.answers)
    return route is not None and route.comment_required
