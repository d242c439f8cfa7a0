"""Render a service's Markdown body to safe HTML with stable heading ids."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

import markdown as markdown_lib
import nh3
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "p": {"lang"},
    "li": {"lang"},
    "th": {"scope"},
}


class Heading(NamedTuple):
    """A heading of the body: its level, text and anchor id."""

    level: int
    text: str
    id: str


def slugify(value: str, separator: str = "-") -> str:
    """Turn a heading into an ASCII id that stays the same across builds."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return separator.join(words) or "section"


# Python-Markdown tries each inline pattern on every run of text: a third of its
# time. Every match of a pattern below contains one of its texts, so a pattern
# whose texts a document lacks cannot match anywhere in it and is left out of that
# document's converter (a tab counts for a line break: it is expanded to spaces).
_TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n", "  \r", "\t"),
    "html": ("<",),
    "entity": ("&",),
}


@cache
def _converter(unused: frozenset[str] = frozenset()) -> markdown_lib.Markdown:
    """Return this process's converter without the *unused* inline patterns:
    setting one up costs a tenth of a render."""
    converter = markdown_lib.Markdown(
        extensions=[
            TocExtension(slugify=slugify, toc_depth="2-4"),
            "sane_lists",
            "tables",
        ],
        output_format="html",
    )
    for name in unused:
        converter.inlinePatterns.deregister(name)
    return converter


def _unused_patterns(text: str) -> frozenset[str]:
    """Return the inline patterns that cannot match anywhere in *text*."""
    return frozenset(
        name
        for name, triggers in _TRIGGERS.items()
        if not any(trigger in text for trigger in triggers)
    )


def render_markdown(text: str) -> tuple[Markup, list[Heading]]:
    """Render *text*; raw HTML is sanitised and headings get stable ids."""
    converter = _converter(_unused_patterns(text))
    html = converter.reset().convert(text)
    tokens = getattr(converter, "toc_tokens", [])
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean), _flatten(tokens)


def _flatten(tokens: list[dict[str, object]]) -> list[Heading]:
    headings: list[Heading] = []
    for token in tokens:
        level = token["level"]
        assert isinstance(level, int)
        headings.append(Heading(level, str(token["name"]), str(token["id"])))
        children = token.get("children", [])
        assert isinstance(children, list)
        headings.extend(_flatten(children))
    return headings
