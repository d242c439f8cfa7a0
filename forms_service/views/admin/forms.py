"""The form asking for a sign-in link."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import InputRequired, Length, Regexp

from ...formspec import EMAIL


class SignInForm(FlaskForm):
    """The address to send a sign-in link to."""

    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter your email address")),
            Length(max=254, message=_l("An email address has at most 254 characters")),
            Regexp(
                EMAIL,
                message=_l("Enter an email address like name@example.org"),
            ),
        ],
        filters=[lambda value: value.strip() if value else value],
    )
