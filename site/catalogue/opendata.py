"""Open data files of the whole catalogue: HSDS 3.0 as JSON, and a flat CSV.

The CSV defuses spreadsheet formulas. See `hsds` for how services map to HSDS.
Labels are rendered with Flask-Babel, so these functions need an application
context: call them from a view, or within `app.app_context()` in scripts and tests.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from .content import Catalogue, ServiceVersion
from .hsds import HSDS_STATUS, hsds_service
from .identifiers import Json, compact, form_url, stable_id
from .jsonld import json_ld
from .schema import DEFAULT_LANGUAGE

__all__ = [
    "CSV_COLUMNS",
    "HSDS_STATUS",
    "catalogue_csv",
    "catalogue_json",
    "hsds_service",
    "json_ld",
    "stable_id",
]

HSDS_VERSION = "3.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CSV_COLUMNS = (
    "id", "slug", "name", "alternate_name", "description", "status", "xarxa_status",
    "alert", "organization_id", "organization_name", "url", "email", "phones",
    "service_areas", "ine_codes", "audiences", "topics", "access_routes", "forms",
    "application_process", "eligibility_description", "languages", "start_date",
    "assured_date", "json_url",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def catalogue_json(
    catalogue: Catalogue,
    base_url: str,
    forms_url: str,
    generated: date,
    profile: str | None = None,
) -> Json:
    """Build the catalogue as one HSDS `Page` of services, with a small header."""
    services = [
        hsds_service(versions, base_url, forms_url)
        for _, versions in sorted(catalogue.services.items())
    ]
    return page_header(len(services), generated, profile) | {"contents": services}


def page_header(count: int, generated: date, profile: str | None = None) -> Json:
    """Return the fields of an HSDS `Page` of *count* services but its contents."""
    header = {"version": HSDS_VERSION, "profile": profile, "license": LICENSE_URL}
    return compact(header) | {
        "generated": generated.isoformat(),
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": not count,
    }


def _cell(value: Any) -> str:
    """Flatten a value, defusing text a spreadsheet would run as a formula."""
    text = "; ".join(value) if isinstance(value, list) else str(value or "")
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def catalogue_csv(catalogue: Catalogue, base_url: str, forms_url: str) -> str:
    """Write one flat row per service, safe to open in a spreadsheet."""
    return csv_line(CSV_COLUMNS) + "".join(
        csv_line(
            csv_cells(
                versions,
                hsds_service(versions, base_url, forms_url),
                base_url,
                forms_url,
            )
        )
        for _, versions in sorted(catalogue.services.items())
    )


def csv_line(cells: Sequence[str]) -> str:
    """Write one line of the CSV file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def csv_cells(
    versions: Mapping[str, ServiceVersion], service: Json, base_url: str, forms_url: str
) -> list[str]:
    """Return the CSV row of a service, given its HSDS object *service*."""
    matter = versions[DEFAULT_LANGUAGE].matter
    slug = matter.slug
    routes = matter.access_routes
    row = service | {
        "slug": slug,
        "xarxa_status": matter.status.value,
        "organization_name": matter.promoter and matter.promoter.name,
        "phones": [contact.phone for contact in matter.contacts if contact.phone],
        "service_areas": [area.name for area in matter.area_served],
        "ine_codes": [area.ine_code for area in matter.area_served],
        "audiences": [audience.value for audience in matter.audiences],
        "topics": [topic.value for topic in matter.topics],
        "access_routes": [route.kind.value for route in routes],
        "forms": [
            form_url(forms_url, DEFAULT_LANGUAGE, route.workflow)
            for route in routes
            if route.workflow
        ],
        "languages": matter.languages,
        "start_date": matter.start_date,
        "json_url": f"{base_url.rstrip('/')}/data/services/{slug}.json",
    }
    return [_cell(row.get(column)) for column in CSV_COLUMNS]
