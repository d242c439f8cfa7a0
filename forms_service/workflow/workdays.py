"""Working days on the Catalan calendar, and the moment a duration ends.

Weekends and Catalonia's public holidays (the ``holidays`` library, ES/CT) are
not working days; a workflow adds its municipality's local holidays.

A duration counted in days, working days, months or years ends at the *end* of
the local day it falls on (the next midnight in Europe/Madrid), following the
way administrative deadlines are counted: days from the day after the start,
months to the same day number (or the month's last day), and a deadline that
would end on a non-working day moves to the next working day. Hours are exact.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .durations import Duration

MADRID = ZoneInfo("Europe/Madrid")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Return the current time in Europe/Madrid."""
    return datetime.now(MADRID)


@lru_cache(maxsize=64)
def _catalan_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ES", subdiv="CT", years=year))


def add_months(day: date, months: int) -> date:
    """Return the same day number *months* later, clipped to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class WorkingCalendar:
    """Catalonia's working days, plus a set of local holidays."""

    def __init__(self, local_holidays: Iterable[date] = ()) -> None:
        self.local_holidays = frozenset(local_holidays)

    def is_working_day(self, day: date) -> bool:
        """Say whether *day* is neither a weekend, a Catalan nor a local holiday."""
        return (
            day.weekday() < 5
            and day not in self.local_holidays
            and day not in _catalan_holidays(day.year)
        )

    def next_working_day(self, day: date) -> date:
        """Return *day* itself if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """Return the *count*-th working day after *day*."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def last_day(self, start: datetime, duration: Duration) -> date:
        """Return the local date on which *duration* counted from *start* ends."""
        local = _local(start).date()
        if duration.unit == "working_days":
            return self.add_working_days(local, duration.amount)
        if duration.unit == "days":
            end = local + timedelta(days=duration.amount)
        elif duration.unit == "months":
            end = add_months(local, duration.amount)
        elif duration.unit == "years":
            end = add_months(local, 12 * duration.amount)
        else:
            return self.ends_at(start, duration).date()
        return self.next_working_day(end)

    def ends_at(self, start: datetime, duration: Duration) -> datetime:
        """Return the moment *duration* counted from *start* runs out."""
        if duration.unit == "hours":  # elapsed time, right across a clock change
            moment = _local(start).astimezone(UTC) + timedelta(hours=duration.amount)
            return moment.astimezone(MADRID)
        following = self.last_day(start, duration) + timedelta(days=1)
        return datetime.combine(following, time(0), tzinfo=MADRID)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the clock must return timezone-aware datetimes")
    return moment.astimezone(MADRID)


def local_date(moment: datetime) -> date:
    """Return the date of *moment* in Europe/Madrid (aware datetimes only)."""
    return _local(moment).date()
