"""Who may see and change deputies' performance records and scores (tested role by role)."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import is_leader, is_staff, same_congress
from renda.org.rules import is_this_deputy

# `obj` is the deputy whose record or score it is (or a manual entry, for deleting it).
# Staff and the leadership of the congress read every deputy's; a deputy their own.
rules.add_perm("performance.view_record", ((is_staff | is_leader) & same_congress) | is_this_deputy)
rules.add_perm("performance.manage_entries", is_staff & same_congress)
# The draft of the annual report to the electoral unit: the deputy, and the staff who help.
rules.add_perm("performance.download_report", (is_staff & same_congress) | is_this_deputy)


@rules.predicate
def owns_entry(user: Any, entry: Any) -> bool:
    """The deputy a manual entry is about (`obj` is the entry)."""
    return entry is not None and is_this_deputy(user, entry.deputy)


# A manual entry's evidence (a scanned sign-in sheet may name others): staff and the deputy.
rules.add_perm("performance.view_evidence", (is_staff & same_congress) | owns_entry)


@rules.predicate
def of_congress(user: Any, congress: Any) -> bool:
    """For rules on a whole congress (`obj` is the Congress itself)."""
    return congress is not None and getattr(user, "congress_id", None) == congress.pk


# Rankings compare deputies: staff and the leadership of the congress.
rules.add_perm("performance.view_rankings", (is_staff | is_leader) & of_congress)
rules.add_perm("performance.configure_rules", is_staff & of_congress)
