"""The year's figures on stations' work, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, list_url, statistic, year_bounds
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    DutyRecord,
    Training,
    TrainingAttendance,
)


def _activities(congress: Any, year: int) -> QuerySet[Activity]:
    return Activity.objects.filter(congress=congress, date__range=year_bounds(year))


@statistic("station_activities", label=_("Station activities"))
def station_activities(congress: Any, year: int) -> int:
    return _activities(congress, year).count()


@statistic("duty_records", label=_("Duty records uploaded"))
def duty_records(congress: Any, year: int) -> int:
    return DutyRecord.objects.filter(congress=congress, date__range=year_bounds(year)).count()


@statistic("deputy_attendances", label=_("Deputy attendances"))
def deputy_attendances(congress: Any, year: int) -> int:
    """Person-times: a deputy at three activities counts three times."""
    return ActivityAttendance.objects.filter(activity__in=_activities(congress, year)).count()


@statistic("constituents_received", label=_("Constituents received"))
def constituents_received(congress: Any, year: int) -> int:
    total = _activities(congress, year).aggregate(n=Sum("constituents_received"))["n"]
    return int(total or 0)


def _by_area(congress: Any, year: int, value: Any) -> list[Bucket]:
    rows = (
        _activities(congress, year)
        .values_list("station__area_id", "station__area__region")
        .annotate(n=value)
        .order_by("station__area__code")
    )
    return [
        Bucket(
            str(pk or ""),
            region or _("No county-level area"),
            int(n or 0),
            list_url("stations:activity_list", year=year, area=pk),
        )
        for pk, region, n in rows
    ]


@breakdown("station_activities", "area", label=_("Station activities by county"))
def activities_by_area(congress: Any, year: int) -> list[Bucket]:
    return _by_area(congress, year, Count("id"))


@breakdown("constituents_received", "area", label=_("Constituents received by county"))
def received_by_area(congress: Any, year: int) -> list[Bucket]:
    return _by_area(congress, year, Sum("constituents_received"))


def _trainings(congress: Any, year: int) -> QuerySet[Training]:
    return Training.objects.filter(congress=congress, start_date__range=year_bounds(year))


@statistic("trainings", label=_("Deputy trainings"))
def trainings(congress: Any, year: int) -> int:
    return _trainings(congress, year).count()


@statistic("deputies_trained", label=_("Deputies trained"))
def deputies_trained(congress: Any, year: int) -> int:
    """Distinct deputies: one trained twice counts once."""
    return (
        TrainingAttendance.objects.filter(training__in=_trainings(congress, year))
        .values("deputy_id")
        .distinct()
        .count()
    )
