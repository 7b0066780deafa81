"""Working days by the real Chinese holiday calendar."""

import datetime

import pytest

from renda.core import calendar
from renda.core.models import HolidayDay, HolidayNotice

D = datetime.date
pytestmark = pytest.mark.django_db


def test_five_working_days_after_national_day_eve_skips_golden_week():
    # 29 Sep 2024 (Sunday) is a make-up workday; 1-7 October are holidays.
    assert calendar.add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 10)


def test_make_up_sunday_counts_and_holiday_weekday_does_not():
    assert calendar.is_workday(D(2024, 9, 29)) is True
    assert calendar.is_workday(D(2024, 10, 3)) is False


def test_spring_festival_2025():
    # 2025: 28 Jan - 4 Feb off; Sunday 26 Jan and Saturday 8 Feb are make-up workdays.
    assert calendar.is_workday(D(2025, 1, 26)) is True
    assert calendar.is_workday(D(2025, 1, 29)) is False
    assert calendar.is_workday(D(2025, 2, 8)) is True
    # Friday 24 Jan + 3 working days: Sun 26, Mon 27, then Wed 5 Feb.
    assert calendar.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)


def test_working_days_between_counts_end_not_start():
    assert calendar.working_days_between(D(2024, 9, 27), D(2024, 10, 10)) == 5
    assert calendar.working_days_between(D(2024, 10, 10), D(2024, 9, 27)) == -5


def test_uncovered_year_falls_back_to_weekends_and_says_so():
    assert calendar.coverage(2024) == "official"
    assert calendar.coverage(2099) == "fallback"
    assert calendar.is_workday(D(2099, 1, 1)) is True  # a Thursday: no data, so a workday
    assert calendar.is_workday(D(2099, 1, 3)) is False  # Saturday


def test_staff_entered_notice_overrides_fallback():
    notice = HolidayNotice.objects.create(
        year=2099, title="国务院办公厅关于2099年部分节假日安排的通知"
    )
    HolidayDay.objects.create(notice=notice, date=D(2099, 1, 1), kind="holiday", name="元旦")
    HolidayDay.objects.create(notice=notice, date=D(2099, 1, 3), kind="workday", name="元旦")
    assert calendar.coverage(2099) == "notice"
    assert calendar.is_workday(D(2099, 1, 1)) is False
    assert calendar.is_workday(D(2099, 1, 3)) is True
    assert calendar.add_working_days(D(2098, 12, 31), 1) == D(2099, 1, 2)


def test_add_months_clamps_to_month_end():
    assert calendar.add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)
    assert calendar.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_calendars_of_one_scope_read_each_years_notice_once(django_assert_num_queries):
    """A request (calendar_scope) reads a year's notice once, however many calendars and
    deadlines it computes; outside a scope each calendar reads for itself."""
    # One: the year's notice with its days (none here: no notice, the official data).
    with calendar.calendar_scope(), django_assert_num_queries(1):
        for day in range(1, 29):
            calendar.next_workday_on_or_after(D(2024, 2, day))
            calendar.WorkingCalendar().is_workday(D(2024, 3, day))
    with django_assert_num_queries(2):
        calendar.is_workday(D(2024, 2, 1))
        calendar.is_workday(D(2024, 2, 2))


def test_entering_a_notice_is_seen_within_the_same_scope(cast):
    from renda.core.actions import NoticeDay, holiday_notice_save

    with calendar.calendar_scope():
        assert calendar.is_workday(D(2099, 1, 1)) is True
        holiday_notice_save(
            year=2099,
            title="国务院办公厅关于2099年部分节假日安排的通知",
            days=[NoticeDay(date=D(2099, 1, 1), kind="holiday", name="元旦")],
            actor=cast["staff"],
        )
        assert calendar.is_workday(D(2099, 1, 1)) is False


def test_a_notice_without_days_still_covers_its_year(cast):
    """The notice and its days are read in one query: a notice with no day listed still says
    the year is covered (weekends only), not the fallback."""
    from renda.core.models import HolidayNotice

    HolidayNotice.objects.create(year=2098, title="通知")
    with calendar.calendar_scope():
        assert calendar.coverage(2098) == "notice"
        assert calendar.is_workday(D(2098, 1, 1)) is True  # a Wednesday
    assert calendar.coverage(2097) == "fallback"
