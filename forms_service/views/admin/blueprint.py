"""The dashboard's blueprint: every page needs a signed-in administrator.

Sign-in is the default: only the sign-in pages are open, so a page added later
is protected without anyone remembering to protect it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from ...auth import SIGN_IN_TTL, session_state
from ...i18n import LANGUAGES
from ...services import get_services

bp = Blueprint("admin", __name__, url_prefix="/<lang>/admin")

OPEN_ENDPOINTS = frozenset(
    {"admin.sign_in", "admin.sign_in_sent", "admin.sign_in_link"}
)
NEED_SIGN_IN = _l("Sign in to see this page.")
SESSION_ENDED = _l("Your session ended after a while without activity. Sign in again.")


@bp.record_once
def _configure(state: BlueprintSetupState) -> None:
    """Give administrators' sessions a short life (30 minutes idle by default)."""
    config = state.app.config
    minutes = int(config["ADMIN_SESSION_MINUTES"])
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=minutes)


@bp.before_request
def _require_sign_in() -> Response | None:
    lang = (request.view_args or {}).get("lang")
    if lang not in LANGUAGES:
        abort(404)
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    state, email = session_state(get_services().engine.now())
    if email is None:
        flash(SESSION_ENDED if state == "ended" else NEED_SIGN_IN)
        return redirect(url_for("admin.sign_in", lang=lang))
    g.admin = email
    return None


@bp.after_request
def _no_store(response: Response) -> Response:
    """Keep personal data out of browser and proxy caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def _helpers() -> dict[str, object]:
    minutes = SIGN_IN_TTL // timedelta(minutes=1)
    return {"when": when, "machine_time": machine_time, "sign_in_minutes": minutes}


def when(moment: datetime | str | None) -> str:
    """Return a time as "2026-03-03 10:00", in the local time it was stored with."""
    if moment is None:
        return ""
    text = moment.isoformat() if isinstance(moment, datetime) else moment
    return text[:16].replace("T", " ")


def machine_time(moment: datetime | str) -> str:
    """Return a time for a `<time datetime>` attribute (whole seconds, offset)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.isoformat(timespec="seconds")
