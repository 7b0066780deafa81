"""The demo year's supervision: the work report's 2024 figures from rows, and this year's
open work for staff, a member and the demo handler."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.stats import compute
from renda.meetings.models import AgendaItem
from renda.org.models import Congress
from renda.supervision.models import Inquiry, Report


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.django_db
def test_the_2024_figures_come_from_the_rows():
    figures = compute(Congress.objects.get(code="jinzhong"), 2024)
    assert figures["work_reports"] == 27
    assert figures["inquiry_units"] == 10 and figures["inquiry_units_polled"] == 5
    assert figures["budget_adjustments"] == 3  # the meetings app's, counted once
    assert figures["deliberation_opinions"] > 0


@pytest.mark.django_db
def test_the_27_reports_are_heard_at_the_meetings_report_items():
    reports = Report.objects.filter(year=2024, state="heard").exclude(kind="economy")
    items = AgendaItem.objects.filter(meeting__start_date__year=2024, kind="report")
    assert {r.agenda_item_id for r in reports} == set(items.values_list("pk", flat=True))
    kinds = set(reports.values_list("kind", flat=True))
    assert {"debt", "state_assets", "audit", "audit_rectification", "court"} <= kinds
    assert reports.filter(title__contains="防洪减灾").exists()
    assets = reports.get(kind="state_assets").asset_figures.count()
    assert assets == 4
    economy = Report.objects.get(year=2024, kind="economy")
    assert economy.units.count() == 9


@pytest.mark.django_db
def test_the_special_inquiry_of_ten_departments_on_site_and_in_writing():
    inquiry = Inquiry.objects.get(year=2024)
    modes = list(inquiry.units.values_list("mode", flat=True))
    assert modes.count("on_site") == 5 and modes.count("written") == 5
    assert inquiry.units.filter(poll__closed_at__isnull=False, mode="on_site").count() == 5


@pytest.mark.django_db
def test_this_year_has_open_work_for_staff_a_member_and_the_handler():
    def kinds(username: str) -> set[str]:
        user = User.objects.get(username=username)
        return {
            d.kind.split(":")[0]
            for d in waiting_for(user)
            if d.content_type.app_label == "supervision"
        }

    assert "assess" in kinds("staff")
    assert "poll" in kinds("leader")
    assert "answer" in kinds("handler")
