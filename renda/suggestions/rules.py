"""Who may do what with a suggestion: predicates combining role, congress and relation."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import is_deputy, is_handler, is_leader, is_staff, same_congress


@rules.predicate
def is_lead_deputy(user: Any, suggestion: Any) -> bool:
    return bool(
        suggestion is not None
        and getattr(user, "role", "") == "deputy"
        and user.deputy_id
        and user.deputy_id == suggestion.lead_deputy_id
    )


@rules.predicate
def is_cosigner(user: Any, suggestion: Any) -> bool:
    if suggestion is None or getattr(user, "role", "") != "deputy" or not user.deputy_id:
        return False
    return suggestion.cosigners.filter(deputy_id=user.deputy_id).exists()


@rules.predicate
def is_pending_cosigner(user: Any, suggestion: Any) -> bool:
    if suggestion is None or getattr(user, "role", "") != "deputy" or not user.deputy_id:
        return False
    return suggestion.cosigners.filter(
        deputy_id=user.deputy_id, confirmed_at__isnull=True, declined_at__isnull=True
    ).exists()


def _unit_roles(user: Any, suggestion: Any) -> set[str]:
    if suggestion is None or getattr(user, "role", "") != "handler" or not user.unit_id:
        return set()
    return set(
        suggestion.assignments.filter(unit_id=user.unit_id, active=True).values_list(
            "role", flat=True
        )
    )


@rules.predicate
def is_assigned_handler(user: Any, suggestion: Any) -> bool:
    return bool(_unit_roles(user, suggestion))


@rules.predicate
def is_replying_handler(user: Any, suggestion: Any) -> bool:
    """Sole, lead and separate units reply; co-handlers give their input to the lead."""
    return bool(_unit_roles(user, suggestion) & {"sole", "lead", "separate"})


@rules.predicate
def is_co_handler(user: Any, suggestion: Any) -> bool:
    return "co" in _unit_roles(user, suggestion)


@rules.predicate
def is_public(suggestion: Any) -> bool:
    """Published: not confidential, and answered."""
    return bool(
        suggestion is not None
        and not suggestion.confidential
        and suggestion.published
        and suggestion.state in {"replied", "rehandling", "evaluated"}
    )


staff_of_congress = is_staff & same_congress
leader_of_congress = is_leader & same_congress

rules.add_perm("suggestions.submit", is_deputy)
rules.add_perm(
    "suggestions.view_suggestion",
    staff_of_congress | leader_of_congress | is_lead_deputy | is_cosigner | is_assigned_handler,
)
rules.add_perm("suggestions.view_deputy_contact", staff_of_congress | is_assigned_handler)
rules.add_perm("suggestions.export", staff_of_congress | leader_of_congress)
rules.add_perm("suggestions.view_unit_scores", staff_of_congress | leader_of_congress)
rules.add_perm("suggestions.view_supervision", staff_of_congress | leader_of_congress)
rules.add_perm("suggestions.vote_poll", leader_of_congress)
rules.add_perm("suggestions.view_handled", is_handler)
