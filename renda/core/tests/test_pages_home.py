"""The home page: public landing for visitors, "what waits for me" and role cards for users."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from renda.core.deadlines import set_deadline
from renda.core.notifications import notify

TODAY = datetime.datetime(
    2026, 11, 27, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_anonymous_visitor_gets_the_public_landing_page(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="public-services"' in html
    assert reverse("accounts:login") in html
    assert "人大履职服务平台" in html


def test_the_public_home_page_names_the_congress(client, congress):
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"The Standing Committee of {congress.name}" in html


@pytest.mark.parametrize(
    "role, expected",
    [
        ("staff", "Serving deputies"),
        ("leader", "Standing committee members"),
        ("deputy", "050001"),
        ("handler", "晋中市交通运输局"),
        ("station", "锦纶街道人大代表联络站"),
    ],
)
def test_every_role_gets_its_own_home_page(client, cast, role, expected):
    client.force_login(cast[role])
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="waiting"' in html
    assert expected in html
    assert "晋中市人大" in html  # the congress's short name in the top bar


def test_staff_home_counts_come_from_the_rows(client, cast, org):
    client.force_login(cast["staff"])
    response = client.get(reverse("core:home"))
    assert response.context["counts"]["deputies"] == 2
    assert response.context["counts"]["units"] == 2
    assert response.context["counts"]["stations"] == 2


def test_staff_home_counts_are_one_query(cast, org, django_assert_num_queries):
    from renda.org.queries import congress_counts

    with django_assert_num_queries(1):
        counts = congress_counts(cast["staff"].congress_id)
    assert counts["deputies"] == 2 and counts["collection_points"] >= 0
    with django_assert_num_queries(1):
        assert set(congress_counts(0).values()) == {0}  # no such congress: nothing counted


def test_station_home_lists_its_deputies(client, cast):
    client.force_login(cast["station"])
    html = client.get(reverse("core:home")).content.decode()
    assert "李秀兰" in html and "王建国" in html


def test_handler_home_lists_the_officers_of_the_unit(client, cast):
    client.force_login(cast["handler"])
    response = client.get(reverse("core:home"))
    assert list(response.context["officers"]) == [cast["handler"]]


def test_staff_is_warned_that_next_years_holidays_are_missing(client, cast):
    client.force_login(cast["staff"])
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "The holiday calendar for 2027 is not entered yet" in html
    assert reverse("core:holiday_notice", args=[2027]) in html


def test_other_roles_are_not_warned_about_the_holiday_calendar(client, cast):
    client.force_login(cast["handler"])
    response = client.get(reverse("core:home"))
    assert response.context["calendar_missing_year"] is None


def test_overdue_items_come_first_with_a_red_badge_and_days_overdue(client, cast, org):
    case = org["deputy"]
    set_deadline(
        case=case,
        kind="reply",
        label="Reply to suggestion 12",
        due_date=datetime.date(2026, 12, 30),
        unit=org["unit"],
    )
    set_deadline(
        case=org["deputy2"],
        kind="reply",
        label="Reply to suggestion 7",
        due_date=datetime.date(2026, 11, 20),
        unit=org["unit"],
    )
    set_deadline(
        case=org["deputy2"],
        kind="contest",
        label="Contest window of suggestion 9",
        due_date=datetime.date(2026, 11, 30),
        unit=org["unit"],
    )
    client.force_login(cast["handler"])
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    items = response.context["waiting"]
    assert [i.deadline.label for i in items] == [
        "Reply to suggestion 7",
        "Contest window of suggestion 9",
        "Reply to suggestion 12",
    ]
    # Friday 20 Nov to Friday 27 Nov: five working days, as the overdue boards count them
    # (not the seven calendar days the home page used to say).
    assert items[0].days_overdue == 5 and items[0].tone == "overdue"
    assert items[1].tone == "warning"  # Monday 30 Nov: one working day away
    assert items[2].tone == "neutral"
    html = response.content.decode()
    assert "badge-overdue" in html and "5 working days overdue" in html
    assert "7 days overdue" not in html


def test_the_days_overdue_are_working_days_across_a_holiday(client, cast, org):
    # Due Wednesday 30 Sep 2026; the National Day week (1–7 Oct 2026) is off, with make-up
    # days per the official calendar: seen on Friday 9 Oct, few working days have passed.
    set_deadline(
        case=org["deputy"],
        kind="reply",
        label="Reply to suggestion 3",
        due_date=datetime.date(2026, 9, 30),
        unit=org["unit"],
    )
    seen = datetime.datetime(2026, 10, 9, 10, 0, tzinfo=TODAY.tzinfo)
    with time_machine.travel(seen, tick=False):
        client.force_login(cast["handler"])
        from renda.core.calendar import WorkingCalendar

        expected = WorkingCalendar().working_days_between(datetime.date(2026, 9, 30), seen.date())
        response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    (item,) = response.context["waiting"]
    assert item.overdue and item.days_overdue == expected
    assert expected < (seen.date() - datetime.date(2026, 9, 30)).days
    assert f"{expected} working day" in response.content.decode()


def test_a_deadline_passed_on_a_weekend_is_overdue_with_no_working_day_lost(client, cast, org):
    set_deadline(
        case=org["deputy"],
        kind="reply",
        label="Reply to suggestion 4",
        due_date=datetime.date(2026, 11, 27),  # Friday
        unit=org["unit"],
    )
    saturday = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=TODAY.tzinfo)
    with time_machine.travel(saturday, tick=False):
        client.force_login(cast["handler"])
        response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    (item,) = response.context["waiting"]
    assert item.overdue and item.days_overdue == 0 and item.tone == "overdue"
    assert "badge-overdue" in response.content.decode()


def test_a_unit_never_sees_another_units_deadlines(client, cast, org):
    set_deadline(
        case=org["deputy"],
        kind="reply",
        label="Someone else's reply",
        due_date=datetime.date(2026, 12, 1),
        unit=org["other_unit"],
    )
    client.force_login(cast["handler"])
    assert client.get(reverse("core:home")).context["waiting"] == []


def test_home_shows_the_latest_unread_notifications(client, cast):
    notify([cast["deputy"]], title="Your suggestion was assigned")
    client.force_login(cast["deputy"])
    html = client.get(reverse("core:home")).content.decode()
    assert "Your suggestion was assigned" in html
    assert "data-unread>1<" in html


def test_a_user_without_a_role_gets_a_page_not_an_error(client, db):
    from renda.accounts.models import User

    admin = User.objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(admin)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "core/home_no_role.html" in [t.name for t in response.templates]


def test_staff_following_a_units_deadline_are_told_whom_it_waits_for(client, cast, org):
    set_deadline(
        case=org["deputy"],
        kind="answer",
        label="Answer opinion 5",
        due_date=datetime.date(2026, 12, 3),
        unit=org["unit"],
        role="staff",
    )
    client.force_login(cast["staff"])
    (item,) = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").context["waiting"]
    assert item.waits_on == org["unit"].name
    client.force_login(cast["handler"])
    (item,) = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").context["waiting"]
    assert item.waits_on == ""  # the unit acts on it: it waits for them
