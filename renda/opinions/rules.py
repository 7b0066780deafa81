"""Who may do what with a constituent's opinion, and who sees which: the visibility rule is a
Scope, its predicate and its queryset filter side by side (queries.py filters with it)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from renda.core.predicates import (
    Clause,
    Scope,
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
