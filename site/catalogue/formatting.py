"""Template filters that present dates and durations in the page's language."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from flask import Flask
from flask_babel import get_locale, ngettext

from forms_service.workflow import Duration

from .schema import ApplicationWindow, PartialDate

_DURATION_PART = re.compile(r"(\d+)([YMWD])")


def format_day(value: date) -> str:
    """Write a full date, e.g. `10 de gener de 2020`."""
    return babel_format_date(value, format="long", locale=get_locale())


def format_partial(value: PartialDate) -> str:
    """Write a date known to the year, the month or the day."""
    if value.month is None:
        return str(value.year)
    if value.day is None:
        month = date(value.year, value.month, 1)
        return format_skeleton("yMMMM", month, locale=get_locale())
    return format_day(date(value.year, value.month, value.day))


_ISO_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}


def format_amount(amount: int, unit: str) -> str:
    """Write an amount of a calendar unit in words, e.g. `5 working days`."""
    words = {
        "years": lambda n: ngettext("%(num)d year", "%(num)d years", n),
        "months": lambda n: ngettext("%(num)d month", "%(num)d months", n),
        "weeks": lambda n: ngettext("%(num)d week", "%(num)d weeks", n),
        "days": lambda n: ngettext("%(num)d day", "%(num)d days", n),
        "working_days": lambda n: ngettext(
            "%(num)d working day", "%(num)d working days", n
        ),
        "hours": lambda n: ngettext("%(num)d hour", "%(num)d hours", n),
    }
    return str(words[unit](amount))


def format_duration(value: str) -> str:
    """Write an ISO 8601 duration such as `P5M` in words."""
    parts = _DURATION_PART.findall(value)
    return ", ".join(
        format_amount(int(number), _ISO_UNITS[unit]) for number, unit in parts
    )


def format_workflow_duration(value: Duration) -> str:
    """Write a workflow duration such as `5 working days` in words."""
    return format_amount(value.amount, value.unit)


def window_is_open(window: ApplicationWindow, today: date) -> bool:
    """Tell whether applications are accepted on *today*."""
    return window.opens <= today <= window.closes


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_partial, "partial_date")
    app.add_template_filter(format_duration, "duration")
    app.add_template_filter(format_workflow_duration, "workflow_duration")
