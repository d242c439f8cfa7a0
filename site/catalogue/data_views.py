"""Open data files (HSDS JSON, CSV), their downloads page and JSON-LD for templates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template

from . import opendata
from .content import ServiceVersion
from .exports import Parts, parts_of
from .i18n import current_language
from .pagespec import PageSpec, digests
from .pagination import every_page, numbered, paginate
from .schema import LANGUAGES
from .views import check_language, get_catalogue

bp = Blueprint("data", __name__)

JSON_TYPE = "application/json; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"


def _urls() -> tuple[str, str]:
    config = current_app.config
    return str(config["BASE_URL"]), str(config["FORMS_URL"])


def service_json_ld(service: ServiceVersion) -> dict[str, Any]:
    """Return the schema.org description of *service* on the page being rendered."""
    base_url, forms_url = _urls()
    return opendata.json_ld(service, base_url, forms_url, lang=current_language())


@bp.app_context_processor
def _helpers() -> dict[str, object]:
    return {"service_json_ld": service_json_ld}


def _parts() -> Parts:
    return parts_of(current_app, get_catalogue())


@bp.route("/catalogue.json")
def catalogue_json() -> Response:
    """Serve every service as an Open Referral HSDS 3.0 service object."""
    chunks = _parts().json_chunks(current_app.config["BUILD_DATE"])
    return Response("".join(chunks), content_type=JSON_TYPE)


@bp.route("/catalogue.csv")
def catalogue_csv() -> Response:
    """Serve every service as one row of a CSV file."""
    return Response("".join(_parts().csv_chunks()), content_type=CSV_TYPE)


@bp.route("/data/services/<slug>.json")
def service_json(slug: str) -> Response:
    """Serve one service as an Open Referral HSDS 3.0 service object."""
    if slug not in get_catalogue().services:
        abort(404)
    return Response(_parts().get(slug).json + "\n", content_type=JSON_TYPE)


@bp.route("/<lang>/data/")
def downloads(lang: str) -> str:
    """Explain the open data files and link to each of them."""
    check_language(lang)
    count = len(get_catalogue().services)
    return render_template("data/downloads.html", count=count)


@bp.route("/<lang>/data/services/", defaults={"number": 1})
@bp.route("/<lang>/data/services/<int:number>/")
def service_files(lang: str, number: int) -> str:
    """List the file of each service, a page at a time."""
    check_language(lang)
    pages = paginate(get_catalogue().in_language(lang), number)
    return render_template("data/service_files.html", pages=pages)


def pages() -> Iterator[PageSpec]:
    """Yield every file and page of this blueprint."""
    catalogue = get_catalogue()
    every_version = tuple(
        digests(versions.values()) for versions in catalogue.services.values()
    )
    yield PageSpec("data.catalogue_json", {}, every_version)
    yield PageSpec("data.catalogue_csv", {}, every_version)
    for slug, versions in catalogue.services.items():
        yield PageSpec("data.service_json", {"slug": slug}, digests(versions.values()))
    for lang in LANGUAGES:
        yield PageSpec("data.downloads", {"lang": lang}, (len(catalogue.services),))
        for listed in every_page(catalogue.in_language(lang)):
            values = numbered({"lang": lang}, listed.number)
            key = (listed.count, digests(listed.items))
            yield PageSpec("data.service_files", values, key)
