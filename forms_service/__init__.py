"""The forms service: referral and application forms and their approval workflows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from .config import defaults
from .store import Cipher, DataKeyError

csrf = CSRFProtect()


class ConfigurationError(RuntimeError):
    """The service cannot start with this configuration."""


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the forms service.

    :raises ConfigurationError: no secret key outside development and tests, or
        a sender (`MAIL_FROM`) that is not one email address.
    """
    app = Flask(__name__)
    app.config.update(defaults())
    app.config.update(
        WTF_CSRF_TIME_LIMIT=3600,
        MAX_CONTENT_LENGTH=None,
        BABEL_DEFAULT_LOCALE="ca",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
    )
    if config:
        app.config.update(config)
    app.config.from_prefixed_env("XARXA")
    _check_secret(app)
    app.config["MAX_CONTENT_LENGTH"] = (
        int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 * 2
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from . import i18n, security, services, views

    csrf.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    services.init_app(app, Path(app.config["DATA_DIR"]))
    views.init_app(app)
    return app


def _check_secret(app: Flask) -> None:
    development = app.config["ENV"] == "development" or app.config.get("TESTING")
    if not app.config.get("SECRET_KEY"):
        if not development:
            raise ConfigurationError(
                "XARXA_SECRET_KEY is not set: set it to a long random value "
                '(python -c "import secrets; print(secrets.token_hex(32))")'
            )
        app.config["SECRET_KEY"] = "development-only-key-" + "x" * 16
    app.extensions["xarxa.cipher"] = _data_cipher(app, bool(development))


def _data_cipher(app: Flask, development: bool) -> Cipher:
    """The store's cipher, from `DATA_KEY` (derived from the secret in development)."""
    keys = app.config.get("DATA_KEY")
    if not keys:
        if not development:
            raise ConfigurationError(
                "XARXA_DATA_KEY is not set: set it to a Fernet key "
                '(python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())")'
            )
        return Cipher.derived_from(str(app.config["SECRET_KEY"]))
    try:
        return Cipher.from_setting(str(keys))
    except DataKeyError as error:
        raise ConfigurationError(f"XARXA_DATA_KEY: {error}") from error
