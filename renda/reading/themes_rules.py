"""Who sees the hot topics (民意热点): staff and leaders of the congress (they see every opinion
and suggestion of it); not a handling unit, a station operator, a deputy or the public."""

from __future__ import annotations

import rules

from renda.core.predicates import is_leader, is_staff

rules.add_perm("reading.view_themes", is_staff | is_leader)
