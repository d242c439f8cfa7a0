"""Split a Markdown file into YAML front matter and body, keeping source lines.

YAML is read with libyaml's safe loader, set to leave dates as strings (so that the
schema, not the YAML library, reports an impossible date), and duplicate keys are
refused.
Every key is remembered with the file line where it stands, so that schema errors
can point at the offending key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

_DELIMITER = "---"


class _TextDateLoader(yaml.CSafeLoader):
    """A safe loader that does not turn `2021-04-01` into a date object."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SourceProblem:
    """A problem found while reading a file, at a 1-based line."""

    line: int
    message: str


@dataclass
class FrontMatter:
    """The parsed front matter with a line for every key path, and the body."""

    data: dict[str, Any]
    lines: dict[Path_, int]
    body: str
    body_line: int
    problems: list[SourceProblem] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """Return the line of the deepest known prefix of *path* (1 if none)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def split(text: str) -> FrontMatter:
    """Read front matter between `---` lines at the top of *text*."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _DELIMITER:
        problem = SourceProblem(
            1, "the file must start with a '---' line opening the front matter"
        )
        return FrontMatter({}, {}, text, 1, [problem])
    closing = next(
        (
            number
            for number, line in enumerate(lines[1:], start=1)
            if line.strip() == _DELIMITER
        ),
        None,
    )
    if closing is None:
        problem = SourceProblem(
            1, "the front matter is not closed: add a '---' line after it"
        )
        return FrontMatter({}, {}, "", len(lines), [problem])
    yaml_text = "".join(lines[1:closing])
    body = "".join(lines[closing + 1 :])
    matter = FrontMatter({}, {}, body, closing + 2)
    _parse_yaml(yaml_text, matter, first_line=2)
    return matter


def line_in_file(path: Path, key: Path_) -> int:
    """Return the line of *key* in the front matter of the file at *path*.

    The file is read again: only problems found across files need a line, and
    keeping every line of every file in memory would cost more.
    """
    return split(path.read_text(encoding="utf-8")).line_of(key)


def _parse_yaml(yaml_text: str, matter: FrontMatter, first_line: int) -> None:
    loader = _TextDateLoader(yaml_text)
    data: Any = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = error.problem or str(error)
        matter.problems.append(SourceProblem(line, f"YAML syntax error: {reason}"))
        return
    finally:
        loader.dispose()
    if node is None:
        matter.problems.append(SourceProblem(1, "the front matter is empty"))
        return
    if not isinstance(node, yaml.MappingNode):
        matter.problems.append(
            SourceProblem(
                first_line, "the front matter must be a mapping of keys to values"
            )
        )
        return
    for path, key_node in _walk(node, ()):
        line = first_line + key_node.start_mark.line
        if path in matter.lines:
            first = matter.lines[path]
            message = f"duplicate key '{dotted(path)}' (first on line {first})"
            matter.problems.append(SourceProblem(line, message))
            continue
        matter.lines[path] = line
    matter.data = data


def _walk(node: yaml.Node, prefix: Path_) -> Iterator[tuple[Path_, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, str(key_node.value))
            yield path, key_node
            yield from _walk(value_node, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, index)
            yield path, item
            yield from _walk(item, path)


def dotted(path: Path_) -> str:
    """Write a key path as `a.b[0].c`."""
    return re.sub(r"\.(\d+)", r"[\1]", ".".join(str(part) for part in path))
