"""Who may do what with a suggestion or a motion: predicates combining role, congress and
relation, and who sees which rows (each Scope is one rule as a predicate and a filter)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_deputyship,
    has_unit,
    is_leader,
    is_staff,
    leader_of_congress,
    same_congress,
    staff_of_congress,
)


@rules.predicate
def is_lead_deputy(user: Any, suggestion: Any) -> bool:
    return bool(
        suggestion is not None
        and has_deputyship(user)
        and user.deputy_id == suggestion.lead_deputy_id
    )


@rules.predicate
def is_cosigner(user: Any, suggestion: Any) -> bool:
    if suggestion is None or not has_deputyship(user):
        return False
    return suggestion.cosigners.filter(deputy_id=user.deputy_id).exists()


@rules.predicate
def is_pending_cosigner(user: Any, suggestion: Any) -> bool:
    if suggestion is None or not has_deputyship(user):
        return False
    return suggestion.cosigners.filter(
        deputy_id=user.deputy_id, confirmed_at__isnull=True, declined_at__isnull=True
    ).exists()


def _unit_roles(user: Any, suggestion: Any) -> set[str]:
    """The roles the user's unit holds on the suggestion now (a unit reassigned away holds
    none)."""
    if suggestion is None or not has_unit(user):
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
def was_assigned_handler(user: Any, suggestion: Any) -> bool:
    """The user's unit was assigned the suggestion at some time (for checking a history)."""
    if suggestion is None or not has_unit(user):
        return False
    return suggestion.assignments.filter(unit_id=user.unit_id).exists()


@rules.predicate
def was_replying_handler(user: Any, suggestion: Any) -> bool:
    if suggestion is None or not has_unit(user):
        return False
    return suggestion.assignments.filter(unit_id=user.unit_id).exclude(role="co").exists()


@rules.predicate
def is_public(suggestion: Any) -> bool:
    """Published: not confidential, and answered."""
    from renda.suggestions.workflow import ANSWERED

    return bool(
        suggestion is not None
        and not suggestion.confidential
        and suggestion.published
        and suggestion.state in ANSWERED
    )


@rules.predicate
def owns_promise(user: Any, promise: Any) -> bool:
    """Staff of the congress, or an officer of the unit that made the promise."""
    if promise is None:
        return False
    return bool(
        staff_of_congress(user, promise.suggestion)
        or (has_unit(user) and promise.unit_id == user.unit_id)
    )


def _congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


def _led_or_cosigned(user: Any) -> Any:
    from renda.suggestions.models import CoSigner

    cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=user.deputy_id)
    return _congress(user) & (Q(lead_deputy_id=user.deputy_id) | Exists(cosigned))


def _assigned_now(user: Any) -> Any:
    from renda.suggestions.models import Assignment

    assigned = Assignment.objects.filter(
        suggestion=OuterRef("pk"), unit_id=user.unit_id, active=True
    )
    return _congress(user) & Q(Exists(assigned))


# Who sees a suggestion: staff and leaders their congress's; a deputy those they lead or
# co-signed; a handler those assigned to their unit now (not after a reassignment away).
SEE_SUGGESTION = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(has_deputyship, _led_or_cosigned, same_congress & (is_lead_deputy | is_cosigner)),
    Clause(has_unit, _assigned_now, same_congress & is_assigned_handler),
)


@rules.predicate
def is_proposer(user: Any, motion: Any) -> bool:
    if motion is None or not has_deputyship(user):
        return False
    return bool(
        motion.lead_deputy_id == user.deputy_id
        or motion.deputies.filter(pk=user.deputy_id).exists()
    )


def _proposed(user: Any) -> Any:
    from renda.suggestions.models import Motion

    proposer = Motion.deputies.through.objects.filter(
        motion_id=OuterRef("pk"), deputy_id=user.deputy_id
    )
    return _congress(user) & (Q(lead_deputy_id=user.deputy_id) | Exists(proposer))


# Who sees a motion: staff and leaders their congress's; a deputy those they propose.
SEE_MOTION = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(has_deputyship, _proposed, same_congress & is_proposer),
)

supervisor = staff_of_congress | leader_of_congress

rules.add_perm("suggestions.submit", has_deputyship)
rules.add_perm("suggestions.submit_motion", has_deputyship)
SEE_SUGGESTION.register("suggestions.view_suggestion", "suggestions.Suggestion")
SEE_MOTION.register("suggestions.view_motion", "suggestions.Motion")
rules.add_perm("suggestions.view_deputy_contact", staff_of_congress | is_assigned_handler)
rules.add_perm("suggestions.export", staff_of_congress | leader_of_congress)
rules.add_perm("suggestions.view_unit_scores", staff_of_congress | leader_of_congress)
# The supervision pages (register, overdue board, ledger, key suggestions, motions): staff
# and leaders; the work queues and decisions: staff.
rules.add_perm("suggestions.view_supervision", supervisor)
rules.add_perm("suggestions.manage", staff_of_congress)
rules.add_perm("suggestions.vote_poll", leader_of_congress)
rules.add_perm("suggestions.open_poll", staff_of_congress)
rules.add_perm("suggestions.follow_poll_live", staff_of_congress)
rules.add_perm("suggestions.view_handled", has_unit)
rules.add_perm("suggestions.mark_promise_done", owns_promise)
# A deputy's own list of suggestions and what waits for them.
rules.add_perm("suggestions.view_mine", has_deputyship)
# Who a key suggestion can be given to supervise: a leader of the suggestion's congress.
rules.add_perm("suggestions.supervise_key", leader_of_congress)
