"""Who may see and change deputies' performance records and scores (tested role by role)."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import is_leader, is_staff, same_congress
from renda.org.rules import is_this_deputy

# `obj` is the deputy whose record or score it is (or a manual entry, for deleting it).
rules.add_perm("performance.view_record", (is_staff & same_congress) | is_this_deputy)
rules.add_perm("performance.manage_entries", is_staff & same_congress)


@rules.predicate
def of_congress(user: Any, congress: Any) -> bool:
    """For rules on a whole congress (`obj` is the Congress itself)."""
    return congress is not None and getattr(user, "congress_id", None) == congress.pk


# Rankings compare deputies: staff and the leadership of the congress.
rules.add_perm("performance.view_rankings", (is_staff | is_leader) & of_congress)
rules.add_perm("performance.configure_rules", is_staff & of_congress)
