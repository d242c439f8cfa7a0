"""Languages of the catalogue: the language is the first segment of every URL."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_babel import Babel, refresh

from .schema import DEFAULT_LANGUAGE, LANGUAGES

LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "en": "English"}


def current_language() -> str:
    """Return the language of the page being rendered."""
    language = (request.view_args or {}).get("lang")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the catalogue's language selector."""
    Babel(app, locale_selector=current_language)
    # Frozen-Flask builds every page inside one application context, where
    # Flask-Babel would keep the first page's language: choose it afresh.
    app.before_request(refresh)

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "lang": current_language(),
            "language_url": language_url,
        }


def language_url(language: str) -> str:
    """Return the address of the current page in *language*."""
    arguments = dict(request.view_args or {})
    if "lang" not in arguments:
        return url_for("catalogue.home", lang=language)
    arguments["lang"] = language
    return url_for(str(request.endpoint), **arguments)
