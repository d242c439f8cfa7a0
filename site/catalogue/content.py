"""Read every service file in the content folder into validated, rendered services.

A service is one Markdown file per language, `<slug>.<lang>.md`; Catalan is the
source version and Spanish and English are its translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pydantic import ValidationError

from . import frontmatter
from .markdown import Heading, render_markdown
from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, LANGUAGES, ServiceMatter
from .translations import check_translations
from .validation import did_you_mean, explain

_FILE_NAME = re.compile(r"^(?P<name>[^.]+)\.(?P<language>[a-z]{2})\.md$")
_LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class ServiceVersion:
    """One language version of a service, validated and rendered."""

    matter: ServiceMatter
    language: str
    body: Markup
    headings: tuple[Heading, ...]
    source: Path

    @property
    def slug(self) -> str:
        return self.matter.slug


@dataclass(frozen=True)
class Catalogue:
    """Every service by slug, then by language; the Catalan version always exists."""

    services: dict[str, dict[str, ServiceVersion]]

    def in_language(self, language: str) -> list[ServiceVersion]:
        """Return each service in *language*, falling back to Catalan."""
        versions = [
            by_language.get(language, by_language[DEFAULT_LANGUAGE])
            for by_language in self.services.values()
        ]
        return sorted(versions, key=lambda version: version.matter.title.casefold())


@dataclass
class _Parsed:
    version: ServiceVersion
    matter: frontmatter.FrontMatter


def load_catalogue(
    content_dir: Path, workflow_ids: Iterable[str] | None = None
) -> tuple[Catalogue, list[Problem]]:
    """Load every service under *content_dir*/services and report all problems.

    :param workflow_ids: known workflow ids; when given, access routes must name one.
    """
    problems: list[Problem] = []
    service_dir = content_dir / "services"
    if not service_dir.is_dir():
        problems.append(
            Problem(content_dir, 1, "no 'services' folder in the content folder")
        )
        return Catalogue({}), problems
    parsed: list[_Parsed] = []
    for path in sorted(service_dir.glob("*.md")):
        item = _load_file(path, problems)
        if item is not None:
            parsed.append(item)
    known = sorted(workflow_ids) if workflow_ids is not None else None
    services = _index(parsed, problems, known)
    problems.sort()
    return Catalogue(services), problems


def _load_file(path: Path, problems: list[Problem]) -> _Parsed | None:
    name = _FILE_NAME.match(path.name)
    if name is None or name["language"] not in LANGUAGES:
        languages = ", ".join(LANGUAGES)
        message = (
            f"name the file <slug>.<language>.md with a language among {languages}"
        )
        problems.append(Problem(path, 1, message))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(path, 1, f"the file is not UTF-8 text ({error.reason})")
        )
        return None
    matter = frontmatter.split(text)
    problems.extend(Problem(path, item.line, item.message) for item in matter.problems)
    if matter.problems:
        return None
    try:
        service = ServiceMatter.model_validate(matter.data)
    except ValidationError as error:
        for line, message in explain(error, ServiceMatter, matter):
            problems.append(Problem(path, line, message))
        return None
    _check_body(path, matter, problems)
    if service.slug != name["name"]:
        message = f"the file name does not match the slug '{service.slug}'"
        problems.append(
            Problem(path, matter.line_of(("slug",)), message, Severity.WARNING)
        )
    body, headings = render_markdown(matter.body)
    version = ServiceVersion(service, name["language"], body, tuple(headings), path)
    return _Parsed(version, matter)


def _check_body(
    path: Path, matter: frontmatter.FrontMatter, problems: list[Problem]
) -> None:
    if not matter.body.strip():
        message = "the body is empty: describe the service below the front matter"
        problems.append(Problem(path, matter.body_line, message, Severity.WARNING))
    in_code = False
    for offset, line in enumerate(matter.body.splitlines()):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and _LEVEL_ONE_HEADING.match(line):
            message = "use '##' headings: the title is the page's only '#' heading"
            problems.append(Problem(path, matter.body_line + offset, message))


def _index(
    parsed: list[_Parsed], problems: list[Problem], workflow_ids: list[str] | None
) -> dict[str, dict[str, ServiceVersion]]:
    services: dict[str, dict[str, _Parsed]] = {}
    for item in parsed:
        version = item.version
        by_language = services.setdefault(version.slug, {})
        first = by_language.get(version.language)
        if first is not None:
            message = (
                f"duplicate slug '{version.slug}': {first.version.source} uses it too"
            )
            problems.append(
                Problem(version.source, item.matter.line_of(("slug",)), message)
            )
            continue
        by_language[version.language] = item
        if workflow_ids is not None:
            _check_workflows(item, workflow_ids, problems)
    complete: dict[str, dict[str, ServiceVersion]] = {}
    for slug, by_language in sorted(services.items()):
        versions = {language: item.version for language, item in by_language.items()}
        lines = {language: item.matter for language, item in by_language.items()}
        problems.extend(check_translations(slug, versions, lines))
        if DEFAULT_LANGUAGE in versions:
            complete[slug] = versions
    return complete


def _check_workflows(
    item: _Parsed, workflow_ids: list[str], problems: list[Problem]
) -> None:
    for index, route in enumerate(item.version.matter.access_routes):
        if route.workflow is None or route.workflow in workflow_ids:
            continue
        hint = did_you_mean(route.workflow, workflow_ids)
        line = item.matter.line_of(("access_routes", index, "workflow"))
        message = (
            f"access_routes[{index}].workflow: no workflow '{route.workflow}'{hint}"
        )
        problems.append(Problem(item.version.source, line, message))
