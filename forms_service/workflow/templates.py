"""Notification templates: ``workflows/templates/<name>.<language>.txt``.

A template's first line is ``Subject: ...``, then a blank line, then the body.
Only a few placeholders exist, and none carries personal data: ``{reference}``,
``{service}`` (the workflow's title), ``{state}`` (the state's label),
``{deadline}`` and ``{link}`` (filled in by the forms service). Write ``{{`` and
``}}`` for literal braces.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, did_you_mean

PLACEHOLDERS = ("reference", "service", "state", "deadline", "link")


@dataclass(frozen=True)
class Template:
    """A parsed message template."""

    subject: str
    body: str


def template_path(directory: Path, name: str, language: str) -> Path:
    """Return where the *language* version of template *name* lives."""
    return directory / f"{name}.{language}.txt"


def _placeholder_problems(label: str, line: int, text: str) -> list[Diagnostic]:
    problems = []
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        return [Diagnostic(label, line, 1, "E071", f"malformed braces: {error}")]
    cursor = 0
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        start = text.find("{" + name, cursor)
        cursor = max(start + 1, cursor)
        if name not in PLACEHOLDERS or spec or conversion:
            hint = did_you_mean(name, PLACEHOLDERS)
            allowed = ", ".join(f"{{{item}}}" for item in PLACEHOLDERS)
            message = f'unknown placeholder "{{{name}}}"{hint}; allowed: {allowed}'
            problems.append(Diagnostic(label, line, start + 1, "E071", message))
    return problems


def parse_template(label: str, text: str) -> tuple[Template | None, list[Diagnostic]]:
    """Parse template *text* (from file *label*); return it and any problems."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("Subject:"):
        message = 'the first line must be "Subject: ..."'
        return None, [Diagnostic(label, 1, 1, "E071", message)]
    if len(lines) < 3 or lines[1].strip():
        message = "the subject must be followed by a blank line and a body"
        return None, [Diagnostic(label, 2, 1, "E071", message)]
    problems = [
        problem
        for number, line in enumerate(lines, start=1)
        if number != 2
        for problem in _placeholder_problems(label, number, line)
    ]
    subject = lines[0].removeprefix("Subject:").strip()
    body = "\n".join(lines[2:]).strip() + "\n"
    return (None if problems else Template(subject, body)), problems


def load_template(directory: Path, name: str, language: str) -> Template:
    """Read and parse a template; raise ValueError if it is missing or invalid."""
    path = template_path(directory, name, language)
    template, problems = parse_template(str(path), path.read_text(encoding="utf-8"))
    if template is None:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return template


def render(template: Template, values: Mapping[str, str]) -> tuple[str, str]:
    """Return (subject, body) with the placeholders filled from *values*."""
    filled = {name: values.get(name, "") for name in PLACEHOLDERS}
    return (template.subject.format_map(filled), template.body.format_map(filled))
