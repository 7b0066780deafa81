"""Working days by the real Chinese calendar: public holidays and make-up workdays (调休).

Sources, in order: a holiday notice staff entered for the year (HolidayNotice), the
`chinesecalendar` package's official data, and for a year neither covers, plain weekends
with a warning (`coverage(year) == "fallback"`) shown to staff until someone enters it.

Each year's notice costs a query or two, so the notices read are kept for a whole request
(`calendar_scope`, opened by `CalendarScopeMiddleware`): every `WorkingCalendar()` built in
that request shares them, and a page computing deadlines for thousands of cases reads each
year once. Outside a scope a calendar keeps only its own reads; long computations build one
calendar and pass it on (`next_workday_on_or_after(day, cal)`). Entering a notice forgets
the scope's reads (`forget_notices`), so nothing is read stale.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

import chinese_calendar

Coverage = Literal["notice", "official", "fallback"]


def _official_years() -> range:
    years = [d.year for d in chinese_calendar.constants.holidays]
    return range(min(years), max(years) + 1)


OFFICIAL_YEARS = _official_years()
# The package's tables, read directly: its is_workday() validates its argument on every call,
# which cost more than the rest of a deadline's count (a home page counts thousands of days).
_OFFICIAL_WORKDAYS = chinese_calendar.constants.workdays
_OFFICIAL_HOLIDAYS = chinese_calendar.constants.holidays


Notices = dict[int, dict[datetime.date, str] | None]
_scope: ContextVar[Notices | None] = ContextVar("renda_calendar_scope", default=None)


def _shared_notices() -> Notices:
    notices = _scope.get()
    return notices if notices is not None else {}


@contextmanager
def calendar_scope() -> Iterator[None]:
    """Within it, every WorkingCalendar reads each year's notice once (a request, a command)."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def forget_notices() -> None:
    """A notice was entered or changed: the scope reads it afresh."""
    notices = _scope.get()
    if notices is not None:
        notices.clear()


class CalendarScopeMiddleware:
    """One calendar's reads per request (see the module's docstring)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with calendar_scope():
            return self.get_response(request)


@dataclass
class WorkingCalendar:
    """Loads each year's staff-entered notice once (one query per year touched), shared with
    every calendar of the same scope."""

    _notices: Notices = field(default_factory=_shared_notices)

    def _notice_days(self, year: int) -> dict[datetime.date, str] | None:
        if year not in self._notices:
            from renda.core.models import HolidayNotice

            # The notice and its days in one query: no row, no notice; a notice without
            # days gives one row of None.
            rows = HolidayNotice.objects.filter(year=year).values_list("days__date", "days__kind")
            found = list(rows)
            days = {day: kind for day, kind in found if day is not None}
            self._notices[year] = days if found else None
        return self._notices[year]

    def coverage(self, year: int) -> Coverage:
        if self._notice_days(year) is not None:
            return "notice"
        if year in OFFICIAL_YEARS:
            return "official"
        return "fallback"

    def is_workday(self, day: datetime.date) -> bool:
        days = self._notice_days(day.year)
        if days is not None:
            kind = days.get(day)
            if kind == "holiday":
                return False
            if kind == "workday":
                return True
            return day.weekday() < 5
        if day.year in OFFICIAL_YEARS:
            if isinstance(day, datetime.datetime):
                day = day.date()
            if day in _OFFICIAL_WORKDAYS:
                return True
            if day in _OFFICIAL_HOLIDAYS:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (start itself not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        counted = 0
        while counted < n:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    return WorkingCalendar().add_working_days(start, n)


def is_workday(day: datetime.date) -> bool:
    return WorkingCalendar().is_workday(day)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkingCalendar().working_days_between(start, end)


def coverage(year: int) -> Coverage:
    return WorkingCalendar().coverage(year)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day n months later, clamped to the month's end (3 months after 30 Nov is 28/29 Feb)."""
    import calendar as _cal

    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, _cal.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def next_workday_on_or_after(
    day: datetime.date, cal: WorkingCalendar | None = None
) -> datetime.date:
    """A month-based deadline that lands on a holiday moves to the next working day."""
    cal = cal or WorkingCalendar()
    while not cal.is_workday(day):
        day += datetime.timedelta(days=1)
    return day
