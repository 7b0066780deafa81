"""Who sees the cockpit and the year's figures: staff and leaders of the congress. The
public figures and open data are for everyone."""

from __future__ import annotations

import rules

from renda.core.predicates import is_leader, is_staff

rules.add_perm("figures.view_cockpit", is_staff | is_leader)
rules.add_perm("figures.view_figures", is_staff | is_leader)
