"""Read one document file into plain data: its problems, front matter and body.

This is the slow part of loading the content (YAML, validation and Markdown). It
depends only on the file's name and bytes, so its result can be kept in the build
cache and be computed in another process. The front matter travels as `marshal`
bytes, a tenth of the memory of the objects, and is validated again where it is
used (`documents`).
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass, fields
from typing import Any

from pydantic import ValidationError

from . import frontmatter
from .markdown import render_markdown
from .problems import Severity
from .schema import LANGUAGES, DocumentMatter
from .validation import explain

_FILE_NAME = re.compile(r"^(?P<name>[^.]+)\.(?P<language>[a-z]{2})\.md$")
_LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s")
_FENCE = re.compile(r"^(```|~~~)")
_LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])\s")
#: Python-Markdown nests a list item under the one above only when it is indented
#: by 4 spaces; with 1 to 3 it joins the outer list (as a sibling), silently.
NESTED_INDENT = 4

Found = tuple[int, str, str]  # a problem: line, message and severity


@dataclass(frozen=True)
class Reading:
    """What one file holds: `data` is None unless its front matter is valid."""

    language: str
    data: bytes | None
    problems: tuple[Found, ...]
    headings: tuple[tuple[int, str, str], ...]
    html: str

    def record(self) -> tuple[Any, ...]:
        """Return the reading as builtin values (for `marshal`)."""
        return tuple(getattr(self, field.name) for field in fields(self))

    @classmethod
    def from_record(cls, record: tuple[Any, ...]) -> Reading:
        """Rebuild a reading from what `record` returned."""
        return cls(*record)


def read_document(name: str, raw: bytes, model: type[DocumentMatter]) -> Reading:
    """Read the file called *name* (without its folder), whose bytes are *raw*."""
    match = _FILE_NAME.match(name)
    if match is None or match["language"] not in LANGUAGES:
        languages = ", ".join(LANGUAGES)
        message = (
            f"name the file <slug>.<language>.md with a language among {languages}"
        )
        return _invalid("", [(1, message)])
    language = match["language"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _invalid(language, [(1, f"the file is not UTF-8 text ({error.reason})")])
    front = frontmatter.split(text)
    if front.problems:
        return _invalid(
            language, [(item.line, item.message) for item in front.problems]
        )
    try:
        matter = model.model_validate(front.data)
    except ValidationError as error:
        return _invalid(language, list(explain(error, model, front)))
    problems = _body_problems(front)
    if matter.slug != match["name"]:
        message = f"the file name does not match the slug '{matter.slug}'"
        problems.append((front.line_of(("slug",)), message, Severity.WARNING.value))
    html, headings = render_markdown(front.body)
    return Reading(
        language,
        marshal.dumps(front.data),
        tuple(problems),
        tuple((heading.level, heading.text, heading.id) for heading in headings),
        str(html),
    )


def _invalid(language: str, problems: list[tuple[int, str]]) -> Reading:
    found = tuple((line, message, Severity.ERROR.value) for line, message in problems)
    return Reading(language, None, found, (), "")


def _body_problems(front: frontmatter.FrontMatter) -> list[Found]:
    found = []
    if not front.body.strip():
        message = "the body is empty: write the text below the front matter"
        found.append((front.body_line, message, Severity.WARNING.value))
    in_code = False
    nesting = _Nesting()
    for offset, line in enumerate(front.body.splitlines()):
        if _FENCE.match(line):
            in_code = not in_code
        elif in_code:
            continue
        elif _LEVEL_ONE_HEADING.match(line):
            message = "use '##' headings: the title is the page's only '#' heading"
            found.append((front.body_line + offset, message, Severity.ERROR.value))
        elif nesting.too_shallow(line):
            message = (
                f"indent a nested list item by {NESTED_INDENT} spaces: with fewer it "
                "joins the list above instead of nesting under its item"
            )
            found.append((front.body_line + offset, message, Severity.ERROR.value))
    return found


class _Nesting:
    """Follows the lists of a body line by line, to find items meant to nest."""

    def __init__(self) -> None:
        self.item_indent: int | None = None  # of the last item, while in a list
        self.blank = False

    def too_shallow(self, line: str) -> bool:
        """Whether *line* is an item indented under the last one by too little."""
        blank, self.blank = self.blank, not line.strip()
        if self.blank:
            return False
        item = _LIST_ITEM.match(line)
        if item is None:
            if blank and not line.startswith(" "):  # a paragraph after the list
                self.item_indent = None
            return False
        indent, last = len(item.group(1)), self.item_indent
        self.item_indent = indent
        return last is not None and last < indent < last + NESTED_INDENT
