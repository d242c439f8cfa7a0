"""Read YAML safely into plain data, remembering the line and column of everything.

Only YAML 1.2 booleans (``true``/``false``) are booleans here, so ``no``, ``on``
or ``off`` stay strings (the "Norway problem"). Duplicate keys are reported, not
silently overwritten. Lines and columns are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic

Path = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_STANDARD = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

#: Stands for a value that could not be read; the schema skips it silently.
UNREADABLE: Any = object()


class _Loader(yaml.CSafeLoader):
    """A safe loader whose only booleans are true and false."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Source:
    """Plain data read from one file, with the position of each key and value."""

    path: str
    text: str
    data: Any = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def at(self, path: Path) -> tuple[int, int]:
        """Return the position of the value at *path*, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            position = self.values.get(path[:end])
            if position is not None:
                return position
        return (1, 1)

    def raw(self, path: Path) -> Any:
        """Return the data found at *path*, or None."""
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def key_at(self, path: Path) -> tuple[int, int]:
        """Return the position of the key that holds *path* (its value if none)."""
        return self.keys.get(path) or self.at(path)

    def diagnostic(
        self, path: Path, code: str, message: str, *, on_key: bool = False
    ) -> Diagnostic:
        """Build a diagnostic located at *path* (its key when ``on_key``)."""
        line, col = self.key_at(path) if on_key else self.at(path)
        return Diagnostic(self.path, line, col, code, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(source: Source, node: yaml.Node, path: Path, depth: int) -> Any:
    source.values[path] = _mark(node)
    if node.tag not in _STANDARD:
        message = f'unsupported tag "{node.tag}": only plain YAML is read'
        source.problems.append(source.diagnostic(path, "E007", message))
        return UNREADABLE
    if depth > 50:
        source.problems.append(source.diagnostic(path, "E001", "nesting too deep"))
        return UNREADABLE
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if not isinstance(key, str | int) or isinstance(key, bool):
                line, col = _mark(key_node)
                message = "keys must be plain words"
                source.problems.append(
                    Diagnostic(source.path, line, col, "E003", message)
                )
                continue
            key = str(key)
            child = (*path, key)
            if key in result:
                line, col = _mark(key_node)
                message = f'duplicate key "{key}"'
                source.problems.append(
                    Diagnostic(source.path, line, col, "E006", message)
                )
                continue
            source.keys[child] = _mark(key_node)
            result[key] = _convert(source, value_node, child, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(source, item, (*path, index), depth + 1)
            for index, item in enumerate(node.value)
        ]
    try:
        return _scalar(node)
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        # A scalar that matched a resolver but cannot be built, e.g. 2020-02-30.
        reason = getattr(error, "problem", None) or str(error)
        message = f'invalid value "{node.value}": {reason}'
        source.problems.append(source.diagnostic(path, "E007", message))
        return UNREADABLE


def _key(node: yaml.Node) -> Any:
    """Return a mapping key's value, or None when it is not a plain scalar."""
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD:
        return None
    try:
        return _scalar(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None


def _scalar(node: yaml.Node) -> Any:
    return _Loader("").construct_object(node, deep=True)


def read_yaml(path: str, text: str) -> Source:
    """Parse *text* (read from *path*) into a :class:`Source`; never raises."""
    source = Source(path=path, text=text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax error: {error.problem or error.context}"
        source.problems.append(Diagnostic(path, line, col, "E001", message))
        return source
    except yaml.YAMLError as error:
        source.problems.append(Diagnostic(path, 1, 1, "E001", f"YAML error: {error}"))
        return source
    if node is None:
        source.problems.append(Diagnostic(path, 1, 1, "E003", "the file is empty"))
        return source
    source.data = _convert(source, node, (), 0)
    return source
