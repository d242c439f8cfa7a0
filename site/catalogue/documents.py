"""Read a folder of Markdown documents, one file per language: `<slug>.<lang>.md`.

Catalan is the source version; Spanish and English are its translations. Every
problem found is collected, none raised, so that `xarxa check` can list them all.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from . import frontmatter
from .buildcache import BuildCache, reuse
from .markdown import Heading
from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, DocumentMatter
from .sources import Html, Source, read_sources
from .translations import check_translations

M = TypeVar("M", bound=DocumentMatter)


@dataclass(frozen=True, slots=True)
class Document(Generic[M]):
    """One language version of a document, validated and rendered.

    `digest` changes whenever the file does: pages built from the document are
    rebuilt when it changes (see `plan`).
    """

    matter: M
    language: str
    body: Html
    headings: tuple[Heading, ...]
    source: Path
    digest: str

    @property
    def slug(self) -> str:
        return self.matter.slug


def load_documents(
    folder: Path,
    model: type[M],
    problems: list[Problem],
    neutral_fields: Sequence[str] = (),
    cache: BuildCache | None = None,
) -> dict[str, dict[str, Document[M]]]:
    """Load every `*.md` file of *folder* by slug, then language.

    Slugs without a Catalan version are left out (and reported).
    """
    by_slug: dict[str, dict[str, Document[M]]] = {}
    paths = sorted(folder.glob("*.md"), key=lambda path: path.name)
    sources = read_sources(paths, model, folder.name, cache)
    # A process that builds again validates only the files that changed.
    known = reuse(cache, f"documents/{folder.name}")
    for source in sources:
        reading = source.reading
        problems.extend(
            Problem(source.path, line, message, Severity(severity))
            for line, message, severity in reading.problems
        )
        if reading.data is None:
            continue
        key = (source.path, source.digest, model)
        document = known.get(key, _document, model, source)
        by_language = by_slug.setdefault(document.slug, {})
        first = by_language.get(document.language)
        if first is not None:
            message = f"duplicate slug '{document.slug}': {first.source} uses it too"
            line = frontmatter.line_in_file(source.path, ("slug",))
            problems.append(Problem(source.path, line, message))
            continue
        by_language[document.language] = document
    checked = reuse(cache, f"translations/{folder.name}")
    for slug, by_language in sorted(by_slug.items()):
        files = tuple((lang, found.digest) for lang, found in by_language.items())
        problems.extend(
            checked.get(
                (slug, files, tuple(neutral_fields)),
                check_translations,
                slug,
                by_language,
                neutral_fields,
            )
        )
    return {
        slug: by_language
        for slug, by_language in sorted(by_slug.items())
        if DEFAULT_LANGUAGE in by_language
    }


def _document(model: type[M], source: Source) -> Document[M]:
    reading = source.reading
    assert reading.data is not None
    return Document(
        model.model_validate(marshal.loads(reading.data)),
        reading.language,
        source.body,
        tuple(map(Heading._make, reading.headings)),
        source.path,
        source.digest,
    )
