"""The demo year reproduces the work report's inspections: 21 items; the food and drug
inspection's 105 sites and 110 problems, all rectified; the environmental inspection's 112
sites, 85 problems and 10 recommendations in 4 aspects; the work-safety supervision's 48 sites
across the counties and the development zone with 13 recommendations in 5 aspects; the joint
rural research's 120 problems and 160 recommendations; open work this year for the handler
and the staff; one staff account per county congress, acting in its own part only."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.stats import compute
from renda.demo.places import CITY_CODE
from renda.inspections.models import Inspection, Problem, Recommendation
from renda.inspections.queries import problems_visible_to, sites_visible_to, with_counts
from renda.org.models import Congress
from renda.performance.models import ActKind, ManualEntry
from renda.performance.record import record_for

MODULES = ["org", "inspections", "performance"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("demo", only=MODULES, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def _item(words: str) -> Any:
    staff = User.objects.get(username="staff")
    qs = with_counts(Inspection.objects.filter(year=2024, title__contains=words), staff)
    return qs.get()


def test_the_stats_of_2024_come_from_rows() -> None:
    city = User.objects.get(username="staff").congress
    figures = compute(city, 2024)
    assert figures["inspections"] == 21
    assert figures["inspection_sites"] == 580
    assert figures["inspection_problems"] == figures["inspection_problems_rectified"] == 447
    assert (
        figures["inspection_recommendations"]
        == Recommendation.objects.filter(aspect__inspection__year=2024).count()
    )


@pytest.mark.parametrize(
    ("words", "sites", "problems", "rectified", "aspects", "recommendations"),
    [
        ("食品安全法", 105, 110, 110, 4, 12),
        ("固体废物", 112, 85, 85, 4, 10),
        ("安全生产", 48, 31, 31, 5, 13),
        ("农村人居环境", 132, 120, 120, 13, 160),
    ],
)
def test_the_report_s_figures(words, sites, problems, rectified, aspects, recommendations):
    i = _item(words)
    assert (i.n_sites, i.n_problems, i.n_rectified, i.n_aspects, i.n_recommendations) == (
        sites,
        problems,
        rectified,
        aspects,
        recommendations,
    )


def test_work_safety_went_across_the_counties_and_the_development_zone() -> None:
    i = _item("安全生产")
    assert i.joint and i.parts.count() == 11
    areas = {s.area_id for s in i.sites.all()}
    assert None in areas and len(areas - {None}) == 11  # 开发区 has no congress of its own


def test_the_food_inspection_went_open_and_unannounced() -> None:
    modes = set(_item("食品安全法").sites.values_list("mode", flat=True))
    assert modes == {"open", "unannounced"}


def test_each_county_sees_its_part_only() -> None:
    i = _item("农村人居环境")
    yuci = User.objects.get(username="staff-yuci")
    mine = problems_visible_to(yuci).filter(inspection=i)
    assert 0 < mine.count() < 120
    assert set(mine.values_list("congress_id", flat=True)) == {yuci.congress_id}
    assert set(
        sites_visible_to(yuci).filter(inspection=i).values_list("congress_id", flat=True)
    ) == {yuci.congress_id}
    assert with_counts(Inspection.objects.filter(pk=i.pk), yuci).get().n_problems == mine.count()


def test_one_staff_account_per_county_congress() -> None:
    counties = Congress.objects.filter(parent__code=CITY_CODE)
    staff = User.objects.filter(congress__in=counties, role="staff")
    assert staff.count() == counties.count() == 11


def test_the_current_year_has_open_work_for_the_handler_and_the_staff() -> None:
    handler = User.objects.get(username="handler")
    staff = User.objects.get(username="staff")
    rectify = list(waiting_for(handler).filter(kind="rectify"))
    today = timezone.localdate()
    assert any(d.due_date < today for d in rectify)  # overdue for the handler
    assert waiting_for(staff).filter(kind="verify").exists()  # reports to verify
    assert Problem.objects.filter(state="found", inspection__year=today.year).exists()


def test_deputies_inspections_come_from_here_and_are_not_typed_in_twice() -> None:
    assert not ManualEntry.objects.filter(kind=ActKind.INSPECTION).exists()
    deputy = User.objects.get(username="deputy").deputy
    record = record_for(deputy, 2024)
    assert record.counts().get(ActKind.INSPECTION, 0) >= 4
