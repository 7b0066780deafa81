"""Reads of the stations' work, shared by the pages and the API: what each user may see,
activity and duty-record lists filtered, sorted and totalled; trainings with their counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from renda.accounts.models import User
from renda.org.models import ContactStation, Deputy
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    DutyPhoto,
    DutyRecord,
    Training,
    TrainingAttendance,
)
from renda.stations.rules import ACTIVITIES, DUTY_RECORDS, TRAININGS


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """Staff and leaders: their congress's; an operator: their station's; a deputy: those
    they took part in (rules.ACTIVITIES)."""
    return ACTIVITIES.rows(user, Activity.objects.all())


def with_activity_data(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """With each activity's deputies in card order: their id and name only (an activity's
    ten deputies' persons were read whole for the API's list: 2.2x the floor; issue 18)."""
    return qs.select_related("station").prefetch_related(
        Prefetch(
            "attendances",
            queryset=ActivityAttendance.objects.select_related("deputy__person")
            .only("activity_id", "deputy_id", "deputy__person__name")
            .order_by("deputy__card_number"),
        )
    )


def duty_records_visible_to(user: Any) -> QuerySet[DutyRecord]:
    """Staff and leaders: their congress's; a deputy: their own; an operator: their station's
    and those of the station's deputies (rules.DUTY_RECORDS)."""
    return DUTY_RECORDS.rows(user, DutyRecord.objects.all())


def with_duty_record_data(qs: QuerySet[DutyRecord]) -> QuerySet[DutyRecord]:
    return qs.select_related("deputy__person", "station").prefetch_related("photos")


@dataclass(frozen=True)
class WorkFilters:
    """What a list of activities or duty records is narrowed to; empty values do not filter."""

    q: str = ""
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    station_id: int | None = None
    deputy_id: int | None = None
    area_id: int | None = None  # an activity's station's county-level area
    kind: str = ""  # an activity's kind
    author: str = ""  # a duty record's: "deputy" or "station"


def _dates(qs: QuerySet[Any], f: WorkFilters) -> QuerySet[Any]:
    if f.year:
        qs = qs.filter(date__year=f.year)
    if f.date_from:
        qs = qs.filter(date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(date__lte=f.date_to)
    return qs


# --- activities ----------------------------------------------------------------------------

# The sort keys of an activity list and the columns they order by (a tie-breaker last).
ACTIVITY_SORTS: dict[str, tuple[Any, ...]] = {
    "-date": ("-date", "-id"),
    "date": ("date", "id"),
    "station": ("station__name", "-date", "-id"),
    "-station": ("-station__name", "-date", "-id"),
    "kind": ("kind", "-date", "-id"),
    "-kind": ("-kind", "-date", "-id"),
    "received": ("constituents_received", "-date", "-id"),
    "-received": ("-constituents_received", "-date", "-id"),
    "deputies": ("deputy_count", "-date", "-id"),
    "-deputies": ("-deputy_count", "-date", "-id"),
}


def filter_activities(qs: QuerySet[Activity], f: WorkFilters) -> QuerySet[Activity]:
    qs = _dates(qs, f)
    if f.station_id:
        qs = qs.filter(station_id=f.station_id)
    if f.area_id:
        qs = qs.filter(station__area_id=f.area_id)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.deputy_id:
        qs = qs.filter(attendances__deputy_id=f.deputy_id)
    if f.q:
        qs = qs.filter(
            Q(title__icontains=f.q) | Q(notes__icontains=f.q) | Q(station__name__icontains=f.q)
        )
    return qs


def _count_of(model: Any, fk: str) -> Coalesce:
    """How many rows of `model` point through `fk` at each row of the outer query: a
    correlated subquery, not a join and GROUP BY over the outer query's every column."""
    per_row = (
        model.objects.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_row, output_field=IntegerField()), 0)


def _deputy_count() -> Coalesce:
    return _count_of(ActivityAttendance, "activity")


def activity_rows(qs: QuerySet[Activity], sort: str) -> QuerySet[Activity]:
    """A list's rows: the station and the number of deputies loaded, in `sort` order. The
    deputies' names: `first_attendees` for a page, `with_activity_data` for an export."""
    return (
        qs.select_related("station")
        .annotate(deputy_count=_deputy_count())
        .order_by(*ACTIVITY_SORTS.get(sort, ACTIVITY_SORTS["-date"]))
    )


# What the activity list's rows show (rows.py), with the station's name: not the notes, who
# recorded it or the station's other columns (issue 18).
ACTIVITY_COLUMNS = ("kind", "date", "title", "constituents_received", "station__name")


def activity_columns(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """activity_rows() as the list's rows show them: ACTIVITY_COLUMNS only."""
    return qs.only(*ACTIVITY_COLUMNS)


def first_attendees(activities: list[Activity], first: int) -> dict[int, list[str]]:
    """The names of each activity's first `first` deputies by card number, in one query of
    names (no attendance, deputy or person objects, and no more than `first` an activity): a
    page shows a few names and how many more."""
    numbered = (
        ActivityAttendance.objects.filter(activity__in=[a.pk for a in activities])
        .annotate(
            n=Window(
                RowNumber(),
                partition_by=[F("activity_id")],
                order_by=[F("deputy__card_number").asc(), F("id").asc()],
            )
        )
        .filter(n__lte=first)
        .order_by("activity_id", "n")
        .values_list("activity_id", "deputy__person__name")
    )
    names: dict[int, list[str]] = {}
    for activity_id, name in numbered:
        names.setdefault(activity_id, []).append(name)
    return names


def _with_deputies(qs: QuerySet[Any], *order: str) -> QuerySet[Any]:
    """Attendance rows with their deputies' names, delegations and stations loaded."""
    return qs.select_related("deputy__person", "deputy__delegation", "deputy__station").order_by(
        *order
    )


def activity_attendees(activity: Activity) -> QuerySet[ActivityAttendance]:
    return _with_deputies(
        ActivityAttendance.objects.filter(activity=activity), "deputy__card_number"
    )


def activity_totals(qs: QuerySet[Activity]) -> dict[str, int]:
    """The filtered rows' count, constituents received and deputy attendances, in one query."""
    totals = qs.annotate(deputy_count=_deputy_count()).aggregate(
        activities=Count("pk"),
        constituents=Coalesce(Sum("constituents_received"), 0),
        attendances=Coalesce(Sum("deputy_count"), 0),
    )
    return {k: int(v or 0) for k, v in totals.items()}


def years_of(qs: QuerySet[Any], field: str = "date") -> list[int]:
    """The years from a list's latest row to its earliest, latest first: MIN and MAX read
    through the date's index, not every row's year made DISTINCT (issue 18)."""
    span = qs.order_by().aggregate(first=Min(field), last=Max(field))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


# --- duty records --------------------------------------------------------------------------

DUTY_SORTS: dict[str, tuple[Any, ...]] = {
    "-date": ("-date", "-id"),
    "date": ("date", "id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "uploaded": ("uploaded_at", "id"),
    "-uploaded": ("-uploaded_at", "-id"),
}


def filter_duty_records(qs: QuerySet[DutyRecord], f: WorkFilters) -> QuerySet[DutyRecord]:
    qs = _dates(qs, f)
    if f.station_id:
        # A station's own records and those of the deputies who belong to it.
        qs = qs.filter(Q(station_id=f.station_id) | Q(deputy__station_id=f.station_id))
    if f.deputy_id:
        qs = qs.filter(deputy_id=f.deputy_id)
    if f.author == "deputy":
        qs = qs.filter(deputy__isnull=False)
    elif f.author == "station":
        qs = qs.filter(deputy__isnull=True)
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(text__icontains=f.q))
    return qs


def duty_rows(qs: QuerySet[DutyRecord], sort: str) -> QuerySet[DutyRecord]:
    """The records of `qs` sorted, with their photos counted and their deputies (with person
    and station), stations and uploaders read by id beside them (three small queries): one
    query joining all six tables and grouping by each took PostgreSQL 5-15 ms to plan for
    under a millisecond of work (issue 18)."""
    return (
        qs.annotate(photo_count=_count_of(DutyPhoto, "record"))
        .prefetch_related(
            Prefetch(
                "deputy",
                Deputy.objects.select_related("person", "station").only(
                    "person__name", "station__name"
                ),
            ),
            Prefetch("station", ContactStation.objects.only("name")),
            Prefetch("uploaded_by", User.objects.only("username", "first_name", "last_name")),
        )
        .order_by(*DUTY_SORTS.get(sort, DUTY_SORTS["-date"]))
    )


# The columns the list's rows show (rows.duty_rows_html): not a record's text; the deputies',
# stations' and uploaders' columns are read by duty_rows' prefetches.
DUTY_ROW_COLUMNS = ("id", "date", "title", "uploaded_at", "deputy", "station", "uploaded_by")


# --- trainings ----------------------------------------------------------------------------


def trainings_visible_to(user: Any) -> QuerySet[Training]:
    """Staff, leaders and deputies: their congress's (rules.TRAININGS)."""
    return TRAININGS.rows(user, Training.objects.all())


def trainings_of(congress_id: int) -> QuerySet[Training]:
    return Training.objects.filter(congress_id=congress_id).annotate(
        attendee_count=Count("attendances")
    )


BY_DELEGATION = ("deputy__delegation__name", "deputy__card_number")


def training_attendees(training: Training) -> QuerySet[TrainingAttendance]:
    return _with_deputies(TrainingAttendance.objects.filter(training=training), *BY_DELEGATION)


def deputies_attending(qs: QuerySet[Training]) -> int:
    """How many different deputies attended the trainings of `qs`."""
    return Deputy.objects.filter(trainings__in=qs).distinct().count()
