"""Long lists shown a page at a time: the home page, facet values and the A–Z list.

The first page keeps the list's own address (`/ca/a-z/`); the next ones add their
number (`/ca/a-z/2/`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import Flask, abort, request, url_for

T = TypeVar("T")

PAGE_SIZE = 50


@dataclass(frozen=True)
class Pages(Generic[T]):
    """One page of a list: its number (from 1), the number of pages, its items."""

    number: int
    count: int
    items: Sequence[T]


def paginate(items: Sequence[T], number: int) -> Pages[T]:
    """Return page *number* of *items*; answer 404 for a page that does not exist."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    if not 1 <= number <= count:
        abort(404)
    start = (number - 1) * PAGE_SIZE
    return Pages(number, count, items[start : start + PAGE_SIZE])


def every_page(items: Sequence[T]) -> Iterator[Pages[T]]:
    """Yield every page of *items* (one, empty, for no items)."""
    first = paginate(items, 1)
    yield first
    for number in range(2, first.count + 1):
        yield paginate(items, number)


def numbered(values: dict[str, Any], number: int) -> dict[str, Any]:
    """Return the URL values of page *number* of a list whose values are *values*."""
    return values if number == 1 else {**values, "number": number}


def page_url(number: int) -> str:
    """Return the address of page *number* of the list being shown."""
    arguments = dict(request.view_args or {})
    arguments["number"] = number
    return url_for(str(request.endpoint), **arguments)


def init_app(app: Flask) -> None:
    """Let templates link to the pages of a list."""
    app.add_template_global(page_url)
