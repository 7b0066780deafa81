"""Who may do what with a station's work."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import (
    has_deputyship,
    has_station,
    is_leader,
    is_staff,
    staff_of_congress,
)


@rules.predicate
def operates(user: Any, station: Any = None) -> bool:
    """A station's operator; of this station (a ContactStation) when one is named."""
    return bool(has_station(user) and (station is None or station.pk == user.station_id))


@rules.predicate
def uploaded_it(user: Any, record: Any) -> bool:
    """Who uploaded this duty record."""
    return bool(record is not None and user.pk and record.uploaded_by_id == user.pk)


# Staff log activities for any station of their congress; an operator for their own station.
records_activity = staff_of_congress | operates

# The pages of the stations' work: everyone whose work it is, or who oversees it (the queries
# scope the rows each sees).
rules.add_perm("stations.view_work", is_staff | is_leader | has_station | has_deputyship)
# Staff and leaders oversee every station's work: trainings, meetings, and the tabs between.
rules.add_perm("stations.oversee_work", is_staff | is_leader)
rules.add_perm("stations.record_activity", records_activity)
# A deputy uploads what they did; an operator what their station did.
rules.add_perm("stations.upload_duty_record", has_deputyship | has_station)
rules.add_perm("stations.add_duty_photos", uploaded_it)
# Trainings, and standing committee meetings attended with their forums: the staff's records.
rules.add_perm("stations.record_attendance", staff_of_congress)
