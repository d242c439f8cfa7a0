"""Shared by the open data exports: stable ids, public addresses, and texts rendered
in a chosen language (which needs the catalogue app's context)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import has_app_context
from flask_babel import LazyString, force_locale, gettext

from .formatting import format_duration

Json = dict[str, Any]

# Every id derives from this namespace: changing it breaks every stored reference.
NAMESPACE = uuid.UUID("b9d8e21b-a806-4877-a1c8-87d81ad0ff7a")


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
    _require_app_context()
    with force_locale(lang):
        return str(label)


def duration_in(lang: str, value: str) -> str:
    """Write an ISO 8601 duration in words in *lang*."""
    _require_app_context()
    with force_locale(lang):
        return format_duration(value)


def text_in(lang: str, message: str, **values: Any) -> str:
    """Translate *message* into *lang* and fill its placeholders."""
    _require_app_context()
    with force_locale(lang):
        return str(gettext(message, **values))
