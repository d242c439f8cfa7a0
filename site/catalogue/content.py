"""The catalogue's content: services and information pages, validated and rendered.

Services live in `content/services/`, information pages (accessibility statement,
privacy notice) in `content/pages/`, one file per language: `<slug>.<lang>.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .buildcache import BuildCache
from .documents import Document, load_documents
from .frontmatter import line_in_file
from .problems import Problem
from .schema import DEFAULT_LANGUAGE, LANGUAGE_NEUTRAL_FIELDS, PageMatter, ServiceMatter
from .validation import did_you_mean

ServiceVersion = Document[ServiceMatter]
PageVersion = Document[PageMatter]
T = TypeVar("T")


@dataclass(frozen=True)
class Catalogue:
    """Services and pages by slug, then by language; Catalan always exists."""

    services: dict[str, dict[str, ServiceVersion]]
    pages: dict[str, dict[str, PageVersion]]

    def in_language(self, language: str) -> tuple[ServiceVersion, ...]:
        """Return each service in *language*, falling back to Catalan, by title."""
        return self.remember(("in_language", language), lambda: self._sorted(language))

    def _sorted(self, language: str) -> tuple[ServiceVersion, ...]:
        versions = [
            by_language.get(language, by_language[DEFAULT_LANGUAGE])
            for by_language in self.services.values()
        ]
        return tuple(
            sorted(versions, key=lambda version: version.matter.title.casefold())
        )

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return `compute()`, computed once for this catalogue and *key*.

        Lists that many pages share (by language, by facet value) are computed once
        per build instead of once per page.
        """
        if key not in self._remembered:
            self._remembered[key] = compute()
        found: T = self._remembered[key]
        return found

    @cached_property
    def _remembered(self) -> dict[Hashable, Any]:
        return {}


def load_catalogue(
    content_dir: Path,
    workflow_ids: Iterable[str] | None = None,
    cache: BuildCache | None = None,
) -> tuple[Catalogue, list[Problem]]:
    """Load every service and page under *content_dir* and report all problems.

    :param workflow_ids: known workflow ids; when given, access routes must name one.
    :param cache: reuse what an earlier build read of unchanged files, and keep the
        rendered bodies there rather than in memory.
    """
    problems: list[Problem] = []
    service_dir = content_dir / "services"
    if not service_dir.is_dir():
        problems.append(Problem(content_dir, 1, "no 'services' folder here"))
        return Catalogue({}, {}), problems
    services = load_documents(
        service_dir, ServiceMatter, problems, LANGUAGE_NEUTRAL_FIELDS, cache
    )
    if workflow_ids is not None:
        known = sorted(workflow_ids)
        for by_language in services.values():
            for version in by_language.values():
                _check_workflows(version, known, problems)
    pages = load_documents(content_dir / "pages", PageMatter, problems, cache=cache)
    problems.sort()
    return Catalogue(services, pages), problems


def _check_workflows(
    version: ServiceVersion, workflow_ids: list[str], problems: list[Problem]
) -> None:
    for index, route in enumerate(version.matter.access_routes):
        if route.workflow is None or route.workflow in workflow_ids:
            continue
        hint = did_you_mean(route.workflow, workflow_ids)
        line = line_in_file(version.source, ("access_routes", index, "workflow"))
        message = (
            f"access_routes[{index}].workflow: no workflow '{route.workflow}'{hint}"
        )
        problems.append(Problem(version.source, line, message))
