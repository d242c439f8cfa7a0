"""Pages of the catalogue: the language root, the home page and service pages."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from flask import Blueprint, Flask, abort, current_app, render_template, url_for

from forms_service.workflow import Workflow

from .content import Catalogue, PageVersion, ServiceVersion
from .formatting import window_is_open
from .i18n import current_language
from .journey import Journey, journey
from .labels import all_labels
from .pagespec import PageSpec, digests
from .pagination import every_page, numbered, paginate
from .qr import qr_svg
from .schema import DEFAULT_LANGUAGE, LANGUAGES, AccessRoute

bp = Blueprint("catalogue", __name__)


@bp.app_context_processor
def _page_helpers() -> dict[str, object]:
    return {
        "labels": all_labels(),
        "window_is_open": window_is_open,
        "build_date": current_app.config["BUILD_DATE"],
        "footer_pages": _footer_pages,
        "qr_svg": qr_svg,
        "journey_of": _journey_of,
        "form_url": _form_url,
        "absolute": absolute_url,
    }


def _journey_of(route: AccessRoute) -> Journey | None:
    if route.workflow is None:
        return None
    workflows: dict[str, Workflow] = current_app.extensions["xarxa_workflows"]
    return journey(workflows[route.workflow], current_language())


def _form_url(route: AccessRoute) -> str:
    base = str(current_app.config["FORMS_URL"]).rstrip("/")
    return f"{base}/{current_language()}/{route.workflow}/"


def _footer_pages() -> list[PageVersion]:
    lang = current_language()
    return [
        versions.get(lang, versions[DEFAULT_LANGUAGE])
        for versions in get_catalogue().pages.values()
    ]


def absolute_url(path: str) -> str:
    """Return the public address of a site path, from the BASE_URL setting."""
    return urljoin(current_app.config["BASE_URL"], path.lstrip("/"))


def get_catalogue() -> Catalogue:
    """Return the catalogue loaded by `create_app`."""
    return get_catalogue_of(current_app)


def get_catalogue_of(app: Flask) -> Catalogue:
    """Return the catalogue of *app*."""
    catalogue: Catalogue = app.extensions["xarxa_catalogue"]
    return catalogue


def check_language(lang: str) -> None:
    """Answer 404 for a language the catalogue does not publish."""
    if lang not in LANGUAGES:
        abort(404)


@bp.route("/")
def root() -> str:
    """Lead to the Catalan home page without an HTTP redirect (static hosting)."""
    return render_template(
        "catalogue/root.html", target=url_for(".home", lang=DEFAULT_LANGUAGE)
    )


@bp.route("/<lang>/", defaults={"number": 1})
@bp.route("/<lang>/page/<int:number>/")
def home(lang: str, number: int) -> str:
    """List every service with its summary, status and audiences, a page at a time."""
    check_language(lang)
    services = get_catalogue().in_language(lang)
    pages = paginate(services, number)
    return render_template("catalogue/home.html", total=len(services), pages=pages)


@bp.route("/<lang>/services/<slug>/")
def service(lang: str, slug: str) -> str:
    """Show one service in *lang*, or in Catalan with a notice when untranslated."""
    check_language(lang)
    versions = get_catalogue().services.get(slug)
    if versions is None:
        abort(404)
    version: ServiceVersion = versions.get(lang, versions[DEFAULT_LANGUAGE])
    return render_template(
        "catalogue/service.html",
        service=version,
        matter=version.matter,
        translated=version.language == lang,
    )


@bp.route("/<lang>/info/<slug>/")
def page(lang: str, slug: str) -> str:
    """Show an information page, such as the accessibility statement."""
    check_language(lang)
    versions = get_catalogue().pages.get(slug)
    if versions is None:
        abort(404)
    version = versions.get(lang, versions[DEFAULT_LANGUAGE])
    return render_template(
        "catalogue/page.html", page=version, translated=version.language == lang
    )


def pages() -> Iterator[PageSpec]:
    """Yield every page of this blueprint."""
    catalogue = get_catalogue()
    yield PageSpec("catalogue.root", {})
    for lang in LANGUAGES:
        services = catalogue.in_language(lang)
        for listed in every_page(services):
            yield PageSpec(
                "catalogue.home",
                numbered({"lang": lang}, listed.number),
                (len(services), listed.count, digests(listed.items)),
            )
        for kind, documents in (
            ("catalogue.service", catalogue.services),
            ("catalogue.page", catalogue.pages),
        ):
            for slug, versions in documents.items():
                version = versions.get(lang, versions[DEFAULT_LANGUAGE])
                values = {"lang": lang, "slug": slug}
                yield PageSpec(kind, values, (version.digest, version.language))
