"""Who may do what with a constituent's opinion, and who sees which: the visibility rule is a
Scope, its predicate and its queryset filter side by side (queries.py filters with it)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_deputyship,
    has_station,
    has_unit,
    is_leader,
    is_staff,
    of_station,
    of_unit,
    staff_of_congress,
)

# The user operates the station this opinion belongs to.
operates_station = of_station()
# An officer of the unit the opinion is referred to (now: a unit it was returned by no longer).
handles_referral = of_unit()

# Staff and leaders see every opinion of their congress, an operator their station's, a
# handling unit those referred to it now.
OPINIONS = Scope(
    Clause(is_staff | is_leader, lambda u: Q(congress_id=u.congress_id)),
    Clause(has_station, lambda u: Q(station_id=u.station_id), operates_station),
    Clause(has_unit, lambda u: Q(unit_id=u.unit_id), handles_referral),
)


@rules.predicate
def is_constituent(user: Any, case: Any = None) -> bool:
    """The public: whoever holds the receipt code, without an account."""
    return not getattr(user, "is_authenticated", False)


# Staff handle every opinion of their congress (those submitted online have no station); a
# station's operators those recorded at or sent to their station.
keeps_opinion = staff_of_congress | operates_station
# Staff record an opinion at any station of their congress (a ContactStation); an operator at
# their own.
records_at_station = staff_of_congress | of_station("pk")

rules.add_perm("opinions.view_opinion", OPINIONS.predicate)
rules.add_perm("opinions.view_opinion_contact", keeps_opinion)
# The pages: the reception desk's (staff, operators), a station's list, a unit's list, the
# congress's list (staff and leaders) and its export with contact details (staff).
rules.add_perm("opinions.record_opinion", is_staff | has_station)
rules.add_perm("opinions.view_station_opinions", has_station)
rules.add_perm("opinions.view_unit_opinions", has_unit)
rules.add_perm("opinions.view_register", is_staff | is_leader)
rules.add_perm("opinions.export_opinions", is_staff)
# Open311 client keys: the congress's staff issue and revoke them.
rules.add_perm("opinions.manage_keys", staff_of_congress)


# 码上见代表: a station's poster to staff and its operators; a deputy's to staff, the deputy
# and the operators of the deputy's station. The bundle of a county or a station: staff, an
# operator (their own station's).
@rules.predicate
def is_the_deputy(user: Any, deputy: Any) -> bool:
    return bool(deputy is not None and getattr(user, "deputy_id", None) == deputy.pk)


rules.add_perm("opinions.download_station_poster", staff_of_congress | of_station("pk"))


@rules.predicate
def serves_at_open_station(user: Any, deputy: Any) -> bool:
    """A deputy's poster sends to their station: serving, at a station in operation."""
    if deputy is None or deputy.status != "active" or not deputy.station_id:
        return False
    return deputy.station.closed_on is None


rules.add_perm(
    "opinions.download_deputy_poster",
    serves_at_open_station
    & (staff_of_congress | (has_deputyship & is_the_deputy) | of_station("station_id")),
)
rules.add_perm("opinions.download_posters", is_staff | has_station)
# The constituent's photos: who keeps the opinion and the unit it is referred to, never leaders
# or the public.
rules.add_perm("opinions.view_opinion_photos", keeps_opinion | handles_referral)
