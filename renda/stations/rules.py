"""Who may do what with a station's work and a constituent's opinion."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import is_handler, is_leader, is_staff, is_station, same_congress

staff_of_congress = is_staff & same_congress
leader_of_congress = is_leader & same_congress


@rules.predicate
def _same_station(user: Any, obj: Any) -> bool:
    station_id = getattr(user, "station_id", None)
    return bool(obj is not None and station_id and getattr(obj, "station_id", None) == station_id)


@rules.predicate
def _same_unit(user: Any, opinion: Any) -> bool:
    unit_id = getattr(user, "unit_id", None)
    return bool(opinion is not None and unit_id and opinion.unit_id == unit_id)


# The user operates the station this activity, record or opinion belongs to.
operates_station = is_station & _same_station
# An officer of the unit the opinion is referred to.
handles_referral = is_handler & _same_unit


@rules.predicate
def is_constituent(user: Any, case: Any = None) -> bool:
    """The public: whoever holds the receipt code, without an account."""
    return not getattr(user, "is_authenticated", False)


# Staff handle every opinion of their congress (those submitted online have no station); a
# station's operators those recorded at or sent to their station.
keeps_opinion = staff_of_congress | operates_station

rules.add_perm("stations.view_opinion_contact", keeps_opinion)
rules.add_perm("stations.record_activity", staff_of_congress | operates_station)
# Trainings, and standing committee meetings attended with their forums: the staff's records.
rules.add_perm("stations.record_attendance", staff_of_congress)
