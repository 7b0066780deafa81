"""The year's figures on stations' work, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum

from renda.core.stats import statistic, year_bounds
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    DutyRecord,
    Training,
    TrainingAttendance,
)


def _activities(congress: Any, year: int) -> QuerySet[Activity]:
    return Activity.objects.filter(congress=congress, date__range=year_bounds(year))


@statistic("station_activities")
def station_activities(congress: Any, year: int) -> int:
    return _activities(congress, year).count()


@statistic("duty_records")
def duty_records(congress: Any, year: int) -> int:
    return DutyRecord.objects.filter(congress=congress, date__range=year_bounds(year)).count()


@statistic("deputy_attendances")
def deputy_attendances(congress: Any, year: int) -> int:
    """Person-times: a deputy at three activities counts three times."""
    return ActivityAttendance.objects.filter(activity__in=_activities(congress, year)).count()


@statistic("constituents_received")
def constituents_received(congress: Any, year: int) -> int:
    total = _activities(congress, year).aggregate(n=Sum("constituents_received"))["n"]
    return int(total or 0)


def _trainings(congress: Any, year: int) -> QuerySet[Training]:
    return Training.objects.filter(congress=congress, start_date__range=year_bounds(year))


@statistic("trainings")
def trainings(congress: Any, year: int) -> int:
    return _trainings(congress, year).count()


@statistic("deputies_trained")
def deputies_trained(congress: Any, year: int) -> int:
    """Distinct deputies: one trained twice counts once."""
    return (
        TrainingAttendance.objects.filter(training__in=_trainings(congress, year))
        .values("deputy_id")
        .distinct()
        .count()
    )
