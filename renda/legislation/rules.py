"""Who may do what in legislation: predicates combining role, congress, audience and station."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import (
    is_deputy,
    is_leader,
    is_staff,
    is_station,
    same_congress,
)

staff_of_congress = is_staff & same_congress
leader_of_congress = is_leader & same_congress
deputy_of_congress = is_deputy & same_congress
station_of_congress = is_station & same_congress


@rules.predicate
def reads_drafts(user: Any) -> bool:
    """Roles that read every draft of their congress, open for comment or not."""
    return bool(is_staff(user) or is_leader(user) or is_deputy(user) or is_station(user))


@rules.predicate
def consults_deputies(user: Any, consultation: Any) -> bool:
    return consultation is not None and bool(consultation.for_deputies)


@rules.predicate
def consults_contact_points(user: Any, consultation: Any) -> bool:
    return consultation is not None and bool(consultation.for_contact_points)


@rules.predicate
def operates_contact_point(user: Any, contact_point: Any) -> bool:
    """A station operator whose station is merged with this contact point (站点融合)."""
    return bool(
        contact_point is not None
        and is_station(user)
        and user.station_id
        and contact_point.station_id == user.station_id
        and contact_point.congress_id == user.congress_id
    )


rules.add_perm("legislation.manage", staff_of_congress)
rules.add_perm("legislation.view_drafts", reads_drafts)
rules.add_perm("legislation.view_draft", reads_drafts & same_congress)
rules.add_perm("legislation.view_report", (staff_of_congress | leader_of_congress))
rules.add_perm("legislation.see_contributor", staff_of_congress)
rules.add_perm("legislation.comment_as_deputy", deputy_of_congress & consults_deputies)
rules.add_perm(
    "legislation.submit_for_contact_points", station_of_congress & consults_contact_points
)
rules.add_perm("legislation.submit_for_contact_point", operates_contact_point)
