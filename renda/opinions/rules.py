"""Who may do what with a constituent's opinion."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import of_station, of_unit, staff_of_congress

# The user operates the station this opinion belongs to.
operates_station = of_station()
# An officer of the unit the opinion is referred to.
handles_referral = of_unit()


@rules.predicate
def is_constituent(user: Any, case: Any = None) -> bool:
    """The public: whoever holds the receipt code, without an account."""
    return not getattr(user, "is_authenticated", False)


# Staff handle every opinion of their congress (those submitted online have no station); a
# station's operators those recorded at or sent to their station.
keeps_opinion = staff_of_congress | operates_station

rules.add_perm("opinions.view_opinion_contact", keeps_opinion)
