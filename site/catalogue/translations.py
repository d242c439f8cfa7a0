"""Cross-language checks: every translation matches a Catalan version and agrees
with it on the facts that do not depend on the language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .frontmatter import FrontMatter
from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, LANGUAGE_NEUTRAL_FIELDS, LANGUAGES

if TYPE_CHECKING:
    from .content import ServiceVersion


def check_translations(
    slug: str,
    versions: Mapping[str, ServiceVersion],
    matters: Mapping[str, FrontMatter],
) -> list[Problem]:
    """Report translations without a Catalan source, missing translations and drift."""
    problems: list[Problem] = []
    source = versions.get(DEFAULT_LANGUAGE)
    if source is None:
        for language, version in versions.items():
            line = matters[language].line_of(("slug",))
            message = (
                f"no Catalan version of '{slug}': add {slug}.{DEFAULT_LANGUAGE}.md"
            )
            problems.append(Problem(version.source, line, message))
        return problems
    for language in LANGUAGES:
        if language not in versions:
            line = matters[DEFAULT_LANGUAGE].line_of(("slug",))
            message = f"missing translation '{language}': add {slug}.{language}.md"
            problems.append(Problem(source.source, line, message, Severity.WARNING))
    reference = source.matter.model_dump()
    for language, version in versions.items():
        if language == DEFAULT_LANGUAGE:
            continue
        translated = version.matter.model_dump()
        for spec in LANGUAGE_NEUTRAL_FIELDS:
            expected, found = _pick(reference, spec), _pick(translated, spec)
            if expected != found:
                key = spec.split(".")[0]
                line = matters[language].line_of((key,))
                message = (
                    f"{spec} differs from the Catalan version "
                    f"({_show(expected)} in {source.source.name})"
                )
                problems.append(Problem(version.source, line, message))
    return problems


def _pick(document: dict[str, Any], spec: str) -> Any:
    key, _, attribute = spec.partition(".")
    value = document.get(key)
    if not attribute or value is None:
        return value
    if isinstance(value, list):
        return [item.get(attribute) for item in value]
    return value.get(attribute)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return "none" if value is None else str(value)
