"""The README's screenshots of the stations' work and the performance pages, from the demo year:
`RENDA_SCREENSHOTS=1 .venv/bin/python -m pytest renda/performance/tests/test_screenshots.py`
refreshes docs/screenshots/stations-*.png and performance-*.png (skipped otherwise)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
    pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1"),
]


def test_screenshots_of_the_station_work_and_performance_pages(
    browser: Any, live_server: Any
) -> None:
    from renda.accounts.models import User
    from renda.demo import build
    from renda.meetings.models import Meeting
    from renda.stations.models import Activity

    build(today=None)
    station = User.objects.get(username="station")
    deputy = User.objects.get(username="deputy")
    reception = Activity.objects.filter(station_id=station.station_id, kind="reception").first()
    meeting = Meeting.objects.filter(forums__isnull=False, start_date__year=2024).first()
    assert reception is not None and meeting is not None
    base = live_server.url
    layout.shoot_pages(
        browser,
        base,
        {
            "station": {
                "log": "/stations/activities/log/",
                "activities": "/stations/activities/",
                "activity": f"/stations/activities/{reception.pk}/",
            },
            "staff": {
                "all-activities": "/stations/activities/?year=2024",
                "meeting": f"/stations/meetings/{meeting.pk}/",
                "trainings": "/stations/trainings/",
            },
        },
        prefix="stations",
        password=settings.DEMO_PASSWORD,
        full=("activity", "meeting"),
    )
    layout.shoot_pages(
        browser,
        base,
        {
            "deputy": {
                "record": "/performance/mine/?year=2024",
                "score": "/performance/mine/score/?year=2024",
            },
            "staff": {
                "rankings": "/performance/rankings/?year=2024",
                "rules": "/performance/rules/",
                "entries": "/performance/entries/",
            },
        },
        prefix="performance",
        password=settings.DEMO_PASSWORD,
        full=("record", "score"),
    )
    assert deputy.deputy_id
