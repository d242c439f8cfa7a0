"""Open data files (HSDS JSON, CSV), their downloads page and JSON-LD for templates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template

from . import opendata
from .content import ServiceVersion
from .i18n import current_language
from .schema import LANGUAGES
from .views import check_language, get_catalogue

bp = Blueprint("data", __name__)

JSON_TYPE = "application/json; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"


def _urls() -> tuple[str, str]:
    config = current_app.config
    return str(config["BASE_URL"]), str(config["FORMS_URL"])


def _json(data: Any) -> Response:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(text, content_type=JSON_TYPE)


def service_json_ld(service: ServiceVersion) -> dict[str, Any]:
    """Return the schema.org description of *service* on the page being rendered."""
    base_url, forms_url = _urls()
    return opendata.json_ld(service, base_url, forms_url, lang=current_language())


@bp.app_context_processor
def _helpers() -> dict[str, object]:
    return {"service_json_ld": service_json_ld}


@bp.route("/catalogue.json")
def catalogue_json() -> Response:
    """Serve every service as an Open Referral HSDS 3.0 service object."""
    generated = current_app.config["BUILD_DATE"]
    data = opendata.catalogue_json(get_catalogue(), *_urls(), generated=generated)
    return _json(data)


@bp.route("/catalogue.csv")
def catalogue_csv() -> Response:
    """Serve every service as one row of a CSV file."""
    return Response(
        opendata.catalogue_csv(get_catalogue(), *_urls()), content_type=CSV_TYPE
    )


@bp.route("/data/services/<slug>.json")
def service_json(slug: str) -> Response:
    """Serve one service as an Open Referral HSDS 3.0 service object."""
    versions = get_catalogue().services.get(slug)
    if versions is None:
        abort(404)
    return _json(opendata.hsds_service(versions, *_urls()))


@bp.route("/<lang>/data/")
def downloads(lang: str) -> str:
    """Explain the open data files and link to each of them."""
    check_language(lang)
    services = get_catalogue().in_language(lang)
    return render_template("data/downloads.html", services=services)


def freeze_urls() -> Iterator[tuple[str, dict[str, str]]]:
    """Yield every file and page of this blueprint for Frozen-Flask."""
    yield "data.catalogue_json", {}
    yield "data.catalogue_csv", {}
    for slug in get_catalogue().services:
        yield "data.service_json", {"slug": slug}
    for lang in LANGUAGES:
        yield "data.downloads", {"lang": lang}
