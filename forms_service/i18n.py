"""Languages of the forms service: the first segment of every page's URL."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_babel import Babel, refresh

LANGUAGES = ("ca", "es", "en")
DEFAULT_LANGUAGE = "ca"
LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "en": "English"}


def current_language() -> str:
    """Return the language of the page being handled."""
    language = (request.view_args or {}).get("lang") if request else None
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def language_url(language: str) -> str:
    """Return the address of the current page in *language*."""
    arguments = dict(request.view_args or {})
    if "lang" not in arguments or request.endpoint is None:
        return url_for("pages.home", lang=language)
    arguments["lang"] = language
    return url_for(request.endpoint, **arguments)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the URL's language."""
    Babel(app, locale_selector=current_language)
    app.before_request(refresh)

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "lang": current_language(),
            "language_url": language_url,
        }
