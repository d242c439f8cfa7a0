"""The service's own home page: which forms it offers, in each language."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..services import get_services

bp = Blueprint("pages", __name__)


@bp.route("/")
def root() -> Response:
    """Send visitors to the Catalan home page."""
    return redirect(url_for(".home", lang=DEFAULT_LANGUAGE))


@bp.route("/<lang>/")
def home(lang: str) -> str:
    """List the forms this service offers."""
    if lang not in LANGUAGES:
        abort(404)
    registry = get_services().registry
    workflows = [registry.current(workflow_id) for workflow_id in registry.ids()]
    return render_template("pages/home.html", workflows=workflows)
