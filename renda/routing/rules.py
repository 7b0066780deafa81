"""Who may see routing's record: staff and leaders of the congress (the page is scoped to the
user's congress). Proposals and similar cases are shown on the domains' pages under their
own permissions."""

from __future__ import annotations

import rules

from renda.core.predicates import is_leader, is_staff

rules.add_perm("routing.view_proposals", is_staff | is_leader)
