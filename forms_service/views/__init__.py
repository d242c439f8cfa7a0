"""The forms service's pages, one blueprint per feature."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register every blueprint."""
    from . import errors, pages

    app.register_blueprint(pages.bp)
    errors.init_app(app)
