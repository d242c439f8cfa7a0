"""Shared by the open data exports: stable ids, public addresses, and texts rendered
in a chosen language (which needs the catalogue app's context).

Texts in a chosen language are remembered by the app: switching Flask-Babel's
language costs more than the rest of a label, and a build renders each label
thousands of times."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, has_app_context
from flask_babel import LazyString, force_locale, gettext

from .formatting import format_duration

Json = dict[str, Any]

# Every id derives from this namespace: changing it breaks every stored reference.
NAMESPACE = uuid.UUID("b9d8e21b-a806-4877-a1c8-87d81ad0ff7a")
# Where the app remembers texts in a language (see `in_language`).
TEXTS_IN_LANGUAGE = "xarxa_texts_in_language"


def stable_id(*parts: str) -> str:
    """Return the UUID that *parts* always map to, build after build."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def page_url(base_url: str, lang: str, slug: str) -> str:
    """Return the public address of a service page."""
    return f"{base_url.rstrip('/')}/{lang}/services/{slug}/"


def form_url(forms_url: str, lang: str, workflow: str) -> str:
    """Return the address of the form that starts *workflow*."""
    return f"{forms_url.rstrip('/')}/{lang}/{workflow}/"


def compact(data: Json) -> Json:
    """Drop the keys whose value is None."""
    return {key: value for key, value in data.items() if value is not None}


def _require_app_context() -> None:
    # Outside an app, Flask-Babel silently leaves every text in English.
    if not has_app_context():
        raise RuntimeError("open data texts are rendered inside the catalogue app")


def label_in(lang: str, label: LazyString | str) -> str:
    """Render a translatable label in *lang*, whatever the page's language."""
    return _in_language(lang, (id(label),), label, lambda: str(label))


def duration_in(lang: str, value: str) -> str:
    """Write an ISO 8601 duration in words in *lang*."""
    return _in_language(lang, ("duration", value), None, lambda: format_duration(value))


def text_in(lang: str, message: str, **values: Any) -> str:
    """Translate *message* into *lang* and fill its placeholders."""
    key = ("text", message, *sorted(values.items()))
    return _in_language(lang, key, None, lambda: str(gettext(message, **values)))


def _in_language(
    lang: str, key: tuple[Hashable, ...], keep: object, render: Callable[[], str]
) -> str:
    """Return `render()` in *lang*, remembered under *key* by the app.

    :param keep: an object the key names by its id, kept alive with the text so
        that no other object takes its id.
    """
    _require_app_context()
    remembered: dict[tuple[Hashable, ...], tuple[object, str]]
    remembered = current_app.extensions.setdefault(TEXTS_IN_LANGUAGE, {})
    found = remembered.get((lang, *key))
    if found is None or found[0] is not keep:
        with force_locale(lang):
            found = (keep, render())
        remembered[(lang, *key)] = found
    return found[1]
