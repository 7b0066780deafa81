"""Who may see and change what in the organisation (one place, tested role by role)."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import has_role, is_deputy, is_leader, is_staff, same_congress


@rules.predicate
def is_this_deputy(user: Any, deputy: Any) -> bool:
    """The logged-in deputy looking at their own deputyship (or the same person's other ones)."""
    if deputy is None or not is_deputy(user) or not user.deputy_id:
        return False
    return bool(user.deputy_id == deputy.pk or user.deputy.person_id == deputy.person_id)


# The directory of deputies, units and stations: every role of the congress.
rules.add_perm("org.view_directory", has_role)
rules.add_perm("org.see_deputy", has_role & same_congress)
# Phones and ID numbers: staff of the congress, and the deputy themself.
rules.add_perm("org.view_deputy_personal_data", (is_staff & same_congress) | is_this_deputy)
# Leaders see contact phones (not ID numbers) to reach deputies.
rules.add_perm("org.view_deputy_phone", (is_staff | is_leader) & same_congress | is_this_deputy)
rules.add_perm("org.manage_organisation", is_staff & same_congress)
# The holiday calendar is national; any staff officer may enter a year's notice.
rules.add_perm("core.enter_holiday_notice", is_staff)
