"""Cross-language checks: every translation matches a Catalan version and agrees
with it on the facts that do not depend on the language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .problems import Problem, Severity
from .schema import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from .documents import Loaded


def check_translations(
    slug: str,
    versions: Mapping[str, Loaded[Any]],
    neutral_fields: Sequence[str],
) -> list[Problem]:
    """Report translations without a Catalan source, missing translations and drift."""
    problems: list[Problem] = []
    source = versions.get(DEFAULT_LANGUAGE)
    if source is None:
        for loaded in versions.values():
            line = loaded.front.line_of(("slug",))
            message = (
                f"no Catalan version of '{slug}': add {slug}.{DEFAULT_LANGUAGE}.md"
            )
            problems.append(Problem(loaded.document.source, line, message))
        return problems
    source_path = source.document.source
    for language in LANGUAGES:
        if language not in versions:
            line = source.front.line_of(("slug",))
            message = f"missing translation '{language}': add {slug}.{language}.md"
            problems.append(Problem(source_path, line, message, Severity.WARNING))
    reference = source.document.matter.model_dump()
    for language, loaded in versions.items():
        if language == DEFAULT_LANGUAGE:
            continue
        translated = loaded.document.matter.model_dump()
        for spec in neutral_fields:
            expected, found = _pick(reference, spec), _pick(translated, spec)
            if expected != found:
                line = loaded.front.line_of((spec.split(".")[0],))
                message = (
                    f"{spec} differs from the Catalan version "
                    f"({_show(expected)} in {source_path.name})"
                )
                problems.append(Problem(loaded.document.source, line, message))
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
