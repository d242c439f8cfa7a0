"""Languages of the forms service: the first segment of every page's URL."""

from __future__ import annotations

from babel.support import NullTranslations
from flask import Flask, g, request, url_for
from flask_babel import Babel, get_translations, refresh

LANGUAGES = ("ca", "es", "en")
DEFAULT_LANGUAGE = "ca"
LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "en": "English"}
#: Where a request keeps its translations (see `page_translations`).
_TRANSLATIONS = "xarxa_translations"


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


def page_translations() -> NullTranslations:
    """Return the translations of the request, looked up once per request.

    Flask-Babel looks them up again for every string a template translates
    (some 10 µs each, and a page has dozens).
    """
    translations = g.get(_TRANSLATIONS)
    if translations is None:
        translations = get_translations()
        setattr(g, _TRANSLATIONS, translations)
    return translations


def _refresh() -> None:
    """Forget the language of the previous request handled in this context."""
    refresh()
    g.pop(_TRANSLATIONS, None)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the URL's language."""
    Babel(app, locale_selector=current_language)
    app.before_request(_refresh)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
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
