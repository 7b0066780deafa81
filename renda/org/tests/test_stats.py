"""`renda stats`: the organisation's figures for a year, counted from the demo year's rows."""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from renda.org.models import (
    CollectionPoint,
    Congress,
    ContactStation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
)

D = datetime.date


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo organisation (no other module: these figures are the organisation's), built
    once for the module (committed) and removed after it."""
    with django_db_blocker.unblock():
        call_command("demo", only=["org"], stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


@pytest.fixture
def city(demo: None, db: None) -> Congress:
    return Congress.objects.get(code="jinzhong")


def stats(year: int, **options: Any) -> dict[str, Any]:
    out = io.StringIO()
    call_command("stats", year=year, json=True, stdout=out, **options)
    return json.loads(out.getvalue())


def test_2024_has_the_reports_eleven_contact_points_and_forty_three_collection_points(
    city: Congress,
) -> None:
    figures = stats(2024)
    assert figures["congress"] == "jinzhong" and figures["year"] == 2024
    assert figures["legislative_contact_points"] == 11
    assert figures["collection_points"] == 43


def test_2024_counts_serving_deputies_units_and_stations_as_the_rows_say(city: Congress) -> None:
    figures = stats(2024, congress="jinzhong")
    assert figures["deputies"] == 402
    # Three deputies left in 2023: rows hold 405 deputyships, but 402 served in 2024.
    assert Deputy.objects.filter(congress=city).count() == 405
    assert Deputy.objects.filter(congress=city, status="active").count() == 402
    assert figures["handling_units"] == HandlingUnit.objects.filter(congress=city).count() == 34
    assert figures["contact_stations"] == ContactStation.objects.filter(congress=city).count()


def test_2023_counted_the_deputies_who_left_and_their_successors(city: Congress) -> None:
    assert stats(2023)["deputies"] == 405
    assert stats(2022)["deputies"] == 402


def test_a_collection_point_set_up_in_2025_counts_in_2025_only(city: Congress) -> None:
    assert stats(2025)["collection_points"] == 44
    assert stats(2024)["collection_points"] == 43


def test_closing_a_contact_point_in_2023_lowers_2024s_figure(city: Congress) -> None:
    point = LegislativeContactPoint.objects.filter(congress=city).earliest("established_on")
    LegislativeContactPoint.objects.filter(pk=point.pk).update(
        established_on=D(2023, 3, 1), closed_on=D(2023, 12, 31)
    )
    assert stats(2024)["legislative_contact_points"] == 10
    assert stats(2023)["legislative_contact_points"] >= 1


def test_a_point_closed_during_2024_still_counts_for_2024(city: Congress) -> None:
    LegislativeContactPoint.objects.filter(congress=city).update(closed_on=D(2024, 6, 30))
    CollectionPoint.objects.filter(congress=city).update(closed_on=D(2024, 1, 1))
    figures = stats(2024)
    assert figures["legislative_contact_points"] == 11
    assert figures["collection_points"] == 43
    later = stats(2025)
    assert later["legislative_contact_points"] == 0
    assert later["collection_points"] == 0


def test_new_rows_change_the_figures(city: Congress) -> None:
    point = LegislativeContactPoint.objects.filter(congress=city).first()
    CollectionPoint.objects.create(
        congress=city, contact_point=point, name="新设信息采集点", established_on=D(2024, 12, 31)
    )
    ContactStation.objects.create(congress=city, name="新设联络站", established_on=D(2025, 1, 1))
    HandlingUnit.objects.filter(congress=city, short_name="市林业局").update(active=False)
    figures = stats(2024)
    assert figures["collection_points"] == 44
    assert figures["contact_stations"] == ContactStation.objects.filter(congress=city).count() - 1
    assert figures["handling_units"] == 33


def test_text_output_lists_every_figure(city: Congress) -> None:
    out = io.StringIO()
    call_command("stats", year=2024, stdout=out)
    lines = dict(line.split() for line in out.getvalue().splitlines())
    assert lines["legislative_contact_points"] == "11"
    assert lines["collection_points"] == "43"


def test_unknown_congress_and_absurd_year_are_refused(city: Congress) -> None:
    with pytest.raises(CommandError, match="no congress"):
        stats(2024, congress="nowhere")
    with pytest.raises(CommandError, match="out of range"):
        stats(1800)
