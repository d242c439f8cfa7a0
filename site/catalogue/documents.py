"""Read a folder of Markdown documents, one file per language: `<slug>.<lang>.md`.

Catalan is the source version; Spanish and English are its translations. Every
problem found is collected, none raised, so that `xarxa check` can list them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from markupsafe import Markup
from pydantic import ValidationError

from . import frontmatter
from .markdown import Heading, render_markdown
from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, LANGUAGES, DocumentMatter
from .translations import check_translations
from .validation import explain

_FILE_NAME = re.compile(r"^(?P<name>[^.]+)\.(?P<language>[a-z]{2})\.md$")
_LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s")
_FENCE = re.compile(r"^(```|~~~)")


M = TypeVar("M", bound=DocumentMatter)


@dataclass(frozen=True)
class Document(Generic[M]):
    """One language version of a document, validated and rendered."""

    matter: M
    language: str
    body: Markup
    headings: tuple[Heading, ...]
    source: Path

    @property
    def slug(self) -> str:
        return self.matter.slug


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A document with the key lines of its front matter."""

    document: Document[M]
    front: frontmatter.FrontMatter


def load_documents(
    folder: Path,
    model: type[M],
    problems: list[Problem],
    neutral_fields: Sequence[str] = (),
) -> dict[str, dict[str, Loaded[M]]]:
    """Load every `*.md` file of *folder* by slug, then language.

    Slugs without a Catalan version are left out (and reported).
    """
    by_slug: dict[str, dict[str, Loaded[M]]] = {}
    for path in sorted(folder.glob("*.md")):
        loaded = _load_file(path, model, problems)
        if loaded is None:
            continue
        document = loaded.document
        by_language = by_slug.setdefault(document.slug, {})
        first = by_language.get(document.language)
        if first is not None:
            message = (
                f"duplicate slug '{document.slug}': {first.document.source} uses it too"
            )
            problems.append(Problem(path, loaded.front.line_of(("slug",)), message))
            continue
        by_language[document.language] = loaded
    for slug, by_language in sorted(by_slug.items()):
        problems.extend(check_translations(slug, by_language, neutral_fields))
    return {
        slug: by_language
        for slug, by_language in sorted(by_slug.items())
        if DEFAULT_LANGUAGE in by_language
    }


def _load_file(path: Path, model: type[M], problems: list[Problem]) -> Loaded[M] | None:
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
    front = frontmatter.split(text)
    problems.extend(Problem(path, item.line, item.message) for item in front.problems)
    if front.problems:
        return None
    try:
        matter = model.model_validate(front.data)
    except ValidationError as error:
        for line, message in explain(error, model, front):
            problems.append(Problem(path, line, message))
        return None
    _check_body(path, front, problems)
    body, headings = render_markdown(front.body)
    document = Document(matter, name["language"], body, tuple(headings), path)
    if document.slug != name["name"]:
        message = f"the file name does not match the slug '{document.slug}'"
        line = front.line_of(("slug",))
        problems.append(Problem(path, line, message, Severity.WARNING))
    return Loaded(document, front)


def _check_body(
    path: Path, front: frontmatter.FrontMatter, problems: list[Problem]
) -> None:
    if not front.body.strip():
        message = "the body is empty: write the text below the front matter"
        problems.append(Problem(path, front.body_line, message, Severity.WARNING))
    in_code = False
    for offset, line in enumerate(front.body.splitlines()):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and _LEVEL_ONE_HEADING.match(line):
            message = "use '##' headings: the title is the page's only '#' heading"
            problems.append(Problem(path, front.body_line + offset, message))
