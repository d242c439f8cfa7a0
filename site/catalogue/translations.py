"""Cross-language checks: every translation matches a Catalan version and agrees
with it on the facts that do not depend on the language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .frontmatter import line_in_file
from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from .documents import Document


def check_translations(
    slug: str,
    versions: Mapping[str, Document[Any]],
    neutral_fields: Sequence[str],
) -> list[Problem]:
    """Report translations without a Catalan source, missing translations and drift."""
    problems: list[Problem] = []
    source = versions.get(DEFAULT_LANGUAGE)
    if source is None:
        for version in versions.values():
            line = line_in_file(version.source, ("slug",))
            message = (
                f"no Catalan version of '{slug}': add {slug}.{DEFAULT_LANGUAGE}.md"
            )
            problems.append(Problem(version.source, line, message))
        return problems
    source_path = source.source
    for language in LANGUAGES:
        if language not in versions:
            line = line_in_file(source_path, ("slug",))
            message = f"missing translation '{language}': add {slug}.{language}.md"
            problems.append(Problem(source_path, line, message, Severity.WARNING))
    keys = {spec.split(".")[0] for spec in neutral_fields}
    reference = source.matter.model_dump(include=keys)
    for language, version in versions.items():
        if language == DEFAULT_LANGUAGE:
            continue
        translated = version.matter.model_dump(include=keys)
        for spec in neutral_fields:
            expected, found = _pick(reference, spec), _pick(translated, spec)
            if expected != found:
                line = line_in_file(version.source, (spec.split(".")[0],))
                message = (
                    f"{spec} differs from the Catalan version "
                    f"({_show(expected)} in {source_path.name})"
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
