"""The holiday calendar pages: every year's coverage, and staff entering a year's notice."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from renda.core.calendar import coverage, is_workday
from renda.core.models import HolidayDay, HolidayNotice

TODAY = datetime.datetime(
    2026, 11, 27, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)
GOOD_DAYS = """
# 元旦
2027-01-01 holiday 元旦
2027-02-06 holiday 春节
2027-02-07 workday 春节
2027-02-08 假 春节
"""


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_calendar_lists_last_this_and_next_year_with_their_coverage(client, cast):
    client.force_login(cast["staff"])
    response = client.get(reverse("core:calendar"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [(y["year"], y["coverage"]) for y in response.context["years"]] == [
        (2025, "official"),
        (2026, "official"),
        (2027, "fallback"),
    ]
    html = response.content.decode()
    assert "Not entered" in html
    assert "National Day" in html  # the 2026 official days are listed


def test_calendar_of_a_year_without_data_warns(client, cast):
    client.force_login(cast["deputy"])
    response = client.get(reverse("core:calendar"), {"year": "2027"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "deadlines fall back to weekends" in response.content.decode()
    assert response.context["can_enter"] is False


def test_a_bad_year_in_the_address_shows_the_current_year(client, cast):
    client.force_login(cast["staff"])
    response = client.get(reverse("core:calendar"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["year"] == 2026


def test_staff_enters_next_years_notice_and_deadlines_follow_it(client, cast):
    client.force_login(cast["staff"])
    url = reverse("core:holiday_notice", args=[2027])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "国务院办公厅关于2027年部分节假日安排的通知", "days": GOOD_DAYS}
    )
    assert response.status_code == 302
    notice = HolidayNotice.objects.get(year=2027)
    assert notice.entered_by == cast["staff"]
    assert list(notice.days.values_list("date", "kind")) == [
        (datetime.date(2027, 1, 1), "holiday"),
        (datetime.date(2027, 2, 6), "holiday"),
        (datetime.date(2027, 2, 7), "workday"),
        (datetime.date(2027, 2, 8), "holiday"),
    ]
    assert coverage(2027) == "notice"
    assert is_workday(datetime.date(2027, 2, 7))  # a Sunday made a workday
    assert not is_workday(datetime.date(2027, 2, 8))


def test_staff_replaces_a_notice_and_the_old_days_go(client, cast):
    client.force_login(cast["staff"])
    url = reverse("core:holiday_notice", args=[2027])
    client.post(url, {"title": "first", "days": GOOD_DAYS})
    client.post(url, {"title": "corrected", "days": "2027-01-01 holiday 元旦"})
    assert HolidayNotice.objects.get(year=2027).title == "corrected"
    assert list(HolidayDay.objects.values_list("date", flat=True)) == [datetime.date(2027, 1, 1)]
    # The form for a year with a notice starts from its days.
    form = client.get(url).context["form"]
    assert form.initial["days"] == "2027-01-01 holiday 元旦"


@pytest.mark.parametrize("role", ["handler", "deputy", "leader", "station"])
def test_other_roles_may_not_enter_a_notice(client, cast, role):
    client.force_login(cast[role])
    url = reverse("core:holiday_notice", args=[2027])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "days": GOOD_DAYS}).status_code == 403
    assert not HolidayNotice.objects.exists()


@pytest.mark.parametrize(
    "days, message",
    [
        ("2027-01-01 holiday 元旦\n2027-13-01 holiday x", "Line 2"),
        ("2026-12-31 holiday 元旦", "is not in 2027"),
        ("2027-01-01 holiday 元旦\n2027-01-01 holiday 元旦", "is already on line 1"),
        ("2027-01-01 sometimes", "“holiday” or “workday”"),
        ("2027-02-08 workday 春节", "a make-up workday falls on a Saturday or Sunday"),
        ("# nothing\n\n", "Enter at least one day"),
    ],
)
def test_bad_lines_give_an_error_next_to_the_field_and_store_nothing(client, cast, days, message):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("core:holiday_notice", args=[2027]),
        {"title": "通知", "days": days},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["days"])
    assert 'class="field-errors"' in response.content.decode()
    assert not HolidayNotice.objects.exists()
    assert not HolidayDay.objects.exists()


def test_a_missing_title_is_reported_in_chinese_by_default(client, cast):
    client.force_login(cast["staff"])
    response = client.post(reverse("core:holiday_notice", args=[2027]), {"days": GOOD_DAYS})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
    assert not HolidayNotice.objects.exists()


def test_a_year_out_of_range_is_not_found(client, cast):
    client.force_login(cast["staff"])
    assert client.get(reverse("core:holiday_notice", args=[99999])).status_code == 404
