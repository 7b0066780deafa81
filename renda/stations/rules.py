"""Who may do what with a station's work, and who sees which rows: each visibility rule is a
Scope, its predicate and its queryset filter side by side (queries.py filters with them)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_deputyship,
    has_station,
    is_deputy,
    is_leader,
    is_staff,
    of_station,
    staff_of_congress,
)
from renda.stations.models import ActivityAttendance

oversees = is_staff | is_leader


def _in_congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


# A deputy sees the activities they took part in, which list their deputies as `attendances`.


def _attended_by(attendance: Any, field: str) -> Any:
    """The rows this user's deputyship attended, as a filter (a subquery: no duplicates)."""

    def rows(user: Any) -> Exists:
        return Exists(
            attendance.objects.filter(**{field: OuterRef("pk"), "deputy_id": user.deputy_id})
        )

    return rows


@rules.predicate
def attended(user: Any, row: Any) -> bool:
    return bool(row is not None and row.attendances.filter(deputy_id=user.deputy_id).exists())


# --- activities: staff and leaders see their congress's, an operator their station's, a
# deputy those they took part in.

ACTIVITIES = Scope(
    Clause(oversees, _in_congress),
    Clause(has_station, lambda u: Q(station_id=u.station_id), of_station()),
    Clause(has_deputyship, _attended_by(ActivityAttendance, "activity"), attended),
)

# --- duty records: staff and leaders see their congress's, a deputy their own, an operator
# their station's and those of the station's deputies.


@rules.predicate
def is_the_deputys(user: Any, record: Any) -> bool:
    return bool(record is not None and record.deputy_id == user.deputy_id)


@rules.predicate
def of_the_station_or_its_deputies(user: Any, record: Any) -> bool:
    if record is None:
        return False
    station_id = user.station_id
    if record.station_id == station_id:
        return True
    return bool(record.deputy_id and record.deputy.station_id == station_id)


DUTY_RECORDS = Scope(
    Clause(oversees, _in_congress),
    Clause(has_deputyship, lambda u: Q(deputy_id=u.deputy_id), is_the_deputys),
    Clause(
        has_station,
        lambda u: Q(station_id=u.station_id) | Q(deputy__station_id=u.station_id),
        of_the_station_or_its_deputies,
    ),
)

# --- trainings are announced to every deputy of the congress.

TRAININGS = Scope(Clause(oversees | is_deputy, _in_congress))

rules.add_perm("stations.view_activity", ACTIVITIES.predicate)
rules.add_perm("stations.view_duty_record", DUTY_RECORDS.predicate)
rules.add_perm("stations.view_training", TRAININGS.predicate)

# --- what each may do ------------------------------------------------------------------------


@rules.predicate
def uploaded_it(user: Any, record: Any) -> bool:
    """Who uploaded this duty record."""
    return bool(record is not None and user.pk and record.uploaded_by_id == user.pk)


# Staff log activities for any station of their congress (a ContactStation); an operator for
# their own. The page is for both.
records_at_station = staff_of_congress | of_station("pk")
rules.add_perm("stations.record_activity", is_staff | has_station)
# Staff and leaders oversee every station's work: trainings, the meetings deputies attend (the
# meetings app's pages), and the tabs between.
rules.add_perm("stations.oversee_work", oversees)
# A deputy uploads what they did; an operator what their station did.
rules.add_perm("stations.upload_duty_record", has_deputyship | has_station)
rules.add_perm("stations.add_duty_photos", uploaded_it)
# Trainings: the staff's records.
rules.add_perm("stations.record_attendance", staff_of_congress)


# --- corrections (更正): who recorded an activity or a duty record corrects it (within the
# window; after it staff decide: renda/stations/corrections.py); staff correct and delete.


@rules.predicate
def recorded_it(user: Any, record: Any) -> bool:
    recorder = getattr(record, "recorded_by_id", None) or getattr(record, "uploaded_by_id", None)
    return bool(record is not None and user.pk and recorder == user.pk)


rules.add_perm("stations.correct_record", staff_of_congress | recorded_it)
rules.add_perm("stations.decide_correction", staff_of_congress)
rules.add_perm("stations.list_corrections", is_staff)
