"""Languages of the catalogue: the language is the first segment of every URL."""

from __future__ import annotations

from contextvars import ContextVar

from babel.support import NullTranslations
from flask import Flask, current_app, request, url_for
from flask_babel import Babel, get_translations, refresh

from .schema import DEFAULT_LANGUAGE, LANGUAGES

LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "en": "English"}

# The translations of the page being rendered, chosen once a request.
_page_translations: ContextVar[NullTranslations] = ContextVar("page_translations")


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
    # Templates translate forty texts a page: choose the catalogue once a request
    # rather than through Flask-Babel's context at each text.
    app.before_request(_choose_translations)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda text: _page_translations.get().ugettext(text),
        ngettext=lambda one, many, n: _page_translations.get().ungettext(one, many, n),
        newstyle=True,
    )

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "lang": current_language(),
            "language_url": language_url,
        }


def _choose_translations() -> None:
    _page_translations.set(_translations())


def _translations() -> NullTranslations:
    """Return the translations of the page being rendered."""
    by_language: dict[str, NullTranslations]
    by_language = current_app.extensions.setdefault("xarxa_translations", {})
    language = current_language()
    if language not in by_language:
        by_language[language] = get_translations()
    return by_language[language]


def language_url(language: str) -> str:
    """Return the address of the current page in *language*."""
    arguments = dict(request.view_args or {})
    if "lang" not in arguments:
        return url_for("catalogue.home", lang=language)
    arguments["lang"] = language
    return url_for(str(request.endpoint), **arguments)
