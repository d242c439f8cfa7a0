"""The submitter's status page, reached from the link in their emails.

It shows the request's state, its history and deadlines and, when the workflow
waits for the submitter, the form to answer: the information asked for, or the
supervision's rating. Withdrawing asks for confirmation first. Every change is
a POST with a CSRF token; the signed link only ever opens its own request.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
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
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from ..access_log import record_access
from ..i18n import LANGUAGES, current_language
from ..links import UnknownLink
from ..services import get_services
from ..store import NotFound
from ..workflow import ActionRefused, InvalidAnswers, Submission, Workflow
from .request_pages import page_helpers, private

bp = Blueprint("status", __name__)

TEXT_LIMIT = 4000
REFUSALS = {
    "not_available": _l("The request no longer waits for this: see its state below."),
    "already_decided": _l("The request is closed: nothing more can be done on it."),
    "refused": _l("This answer could not be taken. Contact the service."),
}
TOO_LONG = _l("Write at most %(limit)s characters.", limit=TEXT_LIMIT)
SCORES = [str(score) for score in range(11)]
CHOOSE_RATING = _l("Choose a rating from 0 to 10.")


class InformationForm(FlaskForm):
    information = TextAreaField(
        _l("The information asked for"),
        validators=[
            DataRequired(_l("Write the information asked for.")),
            Length(max=TEXT_LIMIT, message=TOO_LONG),
        ],
    )


class EvaluationForm(FlaskForm):
    rating = RadioField(
        _l("How do you rate the supervisors' professional competence?"),
        choices=[SelectChoice(score, score) for score in SCORES],
        validate_choice=False,
        validators=[InputRequired(CHOOSE_RATING), AnyOf(SCORES, CHOOSE_RATING)],
    )
    evaluation_comments = TextAreaField(
        _l("Comments (optional)"), validators=[Length(max=TEXT_LIMIT, message=TOO_LONG)]
    )


class WithdrawForm(FlaskForm):
    """Only the CSRF token: the button is the whole form."""


bp.context_processor(page_helpers)
bp.after_request(private)


@bp.errorhandler(CSRFError)
def _expired_form(error: CSRFError) -> ResponseReturnValue:
    """Show the page again, with what was typed and a new token, to send again."""
    arguments = request.view_args or {}
    lang, token = str(arguments.get("lang")), str(arguments.get("token"))
    try:
        submission, workflow = _open(lang, token)
    except HTTPException as unknown:  # no such request: its own error page
        return current_app.handle_http_exception(unknown)
    problem = _l("The page was open too long. Check and send it again.")
    if request.endpoint == "status.withdraw":
        return _confirm(submission, workflow, token, WithdrawForm(), problem), 400
    forms = _forms(submission, workflow)
    return _render(submission, workflow, token, forms, problem), 400


@bp.route("/<lang>/status/<token>", methods=["GET", "POST"])
def page(lang: str, token: str) -> str | Response | tuple[str, int]:
    """Show the request; on POST, send the information or the rating asked for."""
    submission, workflow = _open(lang, token)
    forms = _forms(submission, workflow)
    if request.method != "POST":
        services = get_services()
        record_access(
            services.store, submission.reference, submission.submitter, "status",
            services.engine.now(submission),
        )  # fmt: skip
        return _render(submission, workflow, token, forms)
    evaluation, information = forms.get("evaluation"), forms.get("information")
    if isinstance(evaluation, EvaluationForm) and evaluation.validate():
        answers: dict[str, object] = {"rating": int(evaluation.rating.data)}
        comments = (evaluation.evaluation_comments.data or "").strip()
        if comments:
            answers["evaluation_comments"] = comments
        return _act(submission, workflow, token, forms, "evaluate", answers=answers)
    if isinstance(information, InformationForm) and information.validate():
        text = information.information.data
        return _act(submission, workflow, token, forms, "resubmit", comment=text)
    problem = None if forms else REFUSALS["not_available"]
    return _render(submission, workflow, token, forms, problem), 400


@bp.route("/<lang>/status/<token>/withdraw", methods=["GET", "POST"])
def withdraw(lang: str, token: str) -> str | Response | tuple[str, int]:
    """Ask to confirm withdrawing the request; on POST, withdraw it."""
    submission, workflow = _open(lang, token)
    form = WithdrawForm()
    if not workflow.routes(submission.state, "withdraw"):
        return redirect(url_for(".page", lang=lang, token=token))
    if form.validate_on_submit():
        return _act(submission, workflow, token, {}, "withdraw")
    return _confirm(submission, workflow, token, form)


def _act(
    submission: Submission,
    workflow: Workflow,
    token: str,
    forms: dict[str, FlaskForm],
    action: str,
    *,
    comment: str | None = None,
    answers: dict[str, object] | None = None,
) -> Response | tuple[str, int]:
    requests = get_services().requests
    try:
        requests.act(
            submission.reference, action, actor=submission.submitter,
            channel="form", comment=comment, answers=answers,
        )  # fmt: skip
    except ActionRefused as error:
        evaluation = forms.get("evaluation")
        if isinstance(error, InvalidAnswers) and isinstance(evaluation, EvaluationForm):
            evaluation.rating.errors = [CHOOSE_RATING]
            return _render(submission, workflow, token, forms), 400
        problem = REFUSALS.get(error.code, REFUSALS["refused"])
        fresh, _ = _open(current_language(), token)
        return _render(fresh, workflow, token, _forms(fresh, workflow), problem), 409
    flash(action, "done")
    return redirect(url_for(".page", lang=current_language(), token=token))


def _open(lang: str, token: str) -> tuple[Submission, Workflow]:
    if lang not in LANGUAGES:
        abort(404)
    services = get_services()
    try:
        reference = services.status_links.read(token)
        submission = services.store.submissions.get(reference)
    except (UnknownLink, NotFound):
        abort(404)
    return submission, services.registry.for_submission(submission)


def _forms(submission: Submission, workflow: Workflow) -> dict[str, FlaskForm]:
    """Return the form the submitter may fill now, if the workflow waits for them."""
    state = workflow.states[submission.state]
    if submission.is_closed or state.kind != "wait_submitter":
        return {}
    if state.form is not None:
        return {"evaluation": EvaluationForm()}
    return {"information": InformationForm()}


def _confirm(
    submission: Submission,
    workflow: Workflow,
    token: str,
    form: WithdrawForm,
    problem: str | None = None,
) -> str:
    return render_template(
        "status/withdraw.html", submission=submission, workflow=workflow,
        token=token, form=form, problem=problem,
    )  # fmt: skip


def _render(
    submission: Submission,
    workflow: Workflow,
    token: str,
    forms: dict[str, FlaskForm],
    problem: str | None = None,
) -> str:
    asked = next(
        (e for e in reversed(submission.events) if e.action == "request_info"), None
    )
    return render_template(
        "status/page.html",
        submission=submission,
        workflow=workflow,
        state=workflow.states[submission.state],
        token=token,
        forms=forms,
        asked=asked,
        problem=problem,
        can_withdraw=bool(workflow.routes(submission.state, "withdraw")),
    )
