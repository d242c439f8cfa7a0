"""Sign in by an emailed one-time link; sign out.

Asking for a link always ends on the same page, whether or not the address may
sign in, so that the form tells nobody who the administrators are. Opening the
link (GET) only shows a button, because mail scanners open links too; pressing
it (POST) signs in.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ...auth import (
    SignInLinks,
    SignInRefused,
    end_session,
    may_sign_in,
    start_session,
)
from ...mail import NewMail
from ...ratelimit import Limited, client_address, limit_of
from ...services import get_services
from .blueprint import bp
from .forms import SignInForm

REFUSAL_STATUS = {"unknown": 404, "used": 410, "expired": 410}


def _links() -> SignInLinks:
    store = get_services().store
    return SignInLinks(store.sessions, store.locks)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in(lang: str) -> ResponseReturnValue:
    """Ask for a sign-in link by email."""
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("admin/sign_in.html", form=form)
    services = get_services()
    email = str(form.email.data).lower()
    limit = limit_of("SIGN_IN_REQUESTS_PER_HOUR")
    try:
        services.limiter.hit("sign-in", client_address(), limit, services.engine.now())
        services.limiter.hit("sign-in-email", email, limit, services.engine.now())
    except Limited as limited:
        form.email.errors = [
            _(
                "Too many sign-in links were asked for in the last hour. "
                "Try again in %(minutes)s minutes.",
                minutes=limited.retry_after // 60 + 1,
            )
        ]
        page = render_template("admin/sign_in.html", form=form)
        return page, 429, {"Retry-After": str(limited.retry_after)}
    if may_sign_in(services.registry.roles, email):
        now = services.engine.now()
        token = _links().create(email, now)
        _mail_link(email, token, lang)
    return redirect(url_for(".sign_in_sent", lang=lang))


@bp.get("/sign-in/sent")
def sign_in_sent(lang: str) -> str:
    """The same answer for every address: a link is on its way if it may sign in."""
    return render_template("admin/sign_in_sent.html")


@bp.route("/sign-in/<token>", methods=["GET", "POST"])
def sign_in_link(lang: str, token: str) -> str | Response | tuple[str, int]:
    """Show a "Sign in" button (GET); sign in when it is pressed (POST)."""
    links, now = _links(), get_services().engine.now()
    try:
        if request.method != "POST":
            links.check(token, now)
            return render_template("admin/sign_in_link.html")
        email = links.redeem(token, now)
    except SignInRefused as refusal:
        page = render_template("admin/sign_in_refused.html", code=refusal.code)
        return page, REFUSAL_STATUS[refusal.code]
    start_session(email, now)
    flash(_("You are signed in."))
    return redirect(url_for(".listing", lang=lang))


@bp.post("/sign-out")
def sign_out(lang: str) -> Response:
    """Forget the session (the app's CSRF protection checks the POST)."""
    end_session()
    flash(_("You have signed out."))
    return redirect(url_for(".sign_in", lang=lang))


def _mail_link(email: str, token: str, lang: str) -> None:
    services = get_services()
    base = str(current_app.config["PUBLIC_URL"]).rstrip("/")
    values = {"link": f"{base}/{lang}/admin/sign-in/{token}"}
    subject = _("Your link to sign in to the Xarxa dashboard")
    text = render_template("admin/mail/sign_in.txt", **values)
    html = render_template("admin/mail/sign_in.html", subject=subject, **values)
    now = services.engine.now()
    mail = NewMail(email, subject, text, html, lang)
    batch = services.queue.put_all([mail], now, hold=True)
    services.queue.deliver_held(batch, now)  # best effort; `xarxa tick` retries
