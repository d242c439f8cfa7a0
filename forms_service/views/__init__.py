"""The forms service's pages, one blueprint per feature."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register every blueprint."""
    from . import admin, decide, devmail, errors, pages, status, submit

    app.register_blueprint(pages.bp)
    app.register_blueprint(submit.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(decide.bp)
    app.register_blueprint(status.bp)
    app.register_blueprint(devmail.bp)
    errors.init_app(app)
