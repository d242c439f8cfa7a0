"""What the pages about one request share: dates in the page's language, and
headers that keep the link in their address private."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_date, format_time
from werkzeug.wrappers import Response

from ..i18n import current_language
from ..workflow.workdays import MADRID, local_date


def format_day(moment: datetime) -> str:
    """Return the local date of *moment*, in words in the page's language."""
    return str(format_date(local_date(moment), "long", locale=current_language()))


def format_moment(moment: datetime) -> str:
    """Return the local date and time of *moment* in the page's language."""
    time = format_time(moment, "short", tzinfo=MADRID, locale=current_language())
    return f"{format_day(moment)}, {time}"


def format_deadline(moment: datetime) -> str:
    """Return the last day to act before a deadline that ends at midnight."""
    return format_day(moment - timedelta(seconds=1))


def page_helpers() -> dict[str, object]:
    """Give templates the date formats of these pages."""
    return {
        "format_day": format_day,
        "format_moment": format_moment,
        "format_deadline": format_deadline,
    }


def private(response: Response) -> Response:
    """Keep the link in the address out of Referer headers and caches."""
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response
