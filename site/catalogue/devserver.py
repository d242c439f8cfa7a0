"""The development server: the built catalogue at / and the forms service at /forms.

In production the catalogue is a static folder on any host and the forms service
runs under gunicorn; this joins them on one port so that a newcomer can follow a
referral from a service page to its approval.
"""

from __future__ import annotations

from pathlib import Path

from werkzeug.middleware.dispatcher import DispatcherMiddleware

from forms_service import create_app as create_forms_app

from .preview import create_preview_app


def create_dev_server(site_dir: Path, base_url: str) -> DispatcherMiddleware:
    """Return one WSGI app serving *site_dir* at / and the forms at /forms."""
    # Defaults for this address; XARXA_* variables still take precedence.
    forms = create_forms_app(
        {
            "ENV": "development",
            "PUBLIC_URL": f"{base_url}/forms",
            "CATALOGUE_URL": f"{base_url}/",
        }
    )
    return DispatcherMiddleware(create_preview_app(site_dir), {"/forms": forms})
