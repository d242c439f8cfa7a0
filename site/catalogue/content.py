"""The catalogue's content: services and information pages, validated and rendered.

Services live in `content/services/`, information pages (accessibility statement,
privacy notice) in `content/pages/`, one file per language: `<slug>.<lang>.md`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .documents import Document, Loaded, M, load_documents
from .problems import Problem
from .schema import DEFAULT_LANGUAGE, LANGUAGE_NEUTRAL_FIELDS, PageMatter, ServiceMatter
from .validation import did_you_mean

ServiceVersion = Document[ServiceMatter]
PageVersion = Document[PageMatter]


@dataclass(frozen=True)
class Catalogue:
    """Services and pages by slug, then by language; Catalan always exists."""

    services: dict[str, dict[str, ServiceVersion]]
    pages: dict[str, dict[str, PageVersion]]

    def in_language(self, language: str) -> list[ServiceVersion]:
        """Return each service in *language*, falling back to Catalan."""
        versions = [
            by_language.get(language, by_language[DEFAULT_LANGUAGE])
            for by_language in self.services.values()
        ]
        return sorted(versions, key=lambda version: version.matter.title.casefold())


def load_catalogue(
    content_dir: Path, workflow_ids: Iterable[str] | None = None
) -> tuple[Catalogue, list[Problem]]:
    """Load every service and page under *content_dir* and report all problems.

    :param workflow_ids: known workflow ids; when given, access routes must name one.
    """
    problems: list[Problem] = []
    service_dir = content_dir / "services"
    if not service_dir.is_dir():
        problems.append(Problem(content_dir, 1, "no 'services' folder here"))
        return Catalogue({}, {}), problems
    services = load_documents(
        service_dir, ServiceMatter, problems, LANGUAGE_NEUTRAL_FIELDS
    )
    if workflow_ids is not None:
        known = sorted(workflow_ids)
        for by_language in services.values():
            for loaded in by_language.values():
                _check_workflows(loaded, known, problems)
    pages = load_documents(content_dir / "pages", PageMatter, problems)
    problems.sort()
    return Catalogue(_documents(services), _documents(pages)), problems


def _documents(
    loaded: dict[str, dict[str, Loaded[M]]],
) -> dict[str, dict[str, Document[M]]]:
    return {
        slug: {language: item.document for language, item in by_language.items()}
        for slug, by_language in loaded.items()
    }


def _check_workflows(
    loaded: Loaded[ServiceMatter], workflow_ids: list[str], problems: list[Problem]
) -> None:
    for index, route in enumerate(loaded.document.matter.access_routes):
        if route.workflow is None or route.workflow in workflow_ids:
            continue
        hint = did_you_mean(route.workflow, workflow_ids)
        line = loaded.front.line_of(("access_routes", index, "workflow"))
        message = (
            f"access_routes[{index}].workflow: no workflow '{route.workflow}'{hint}"
        )
        problems.append(Problem(loaded.document.source, line, message))
