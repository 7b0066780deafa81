"""Reads shared by the suggestion pages and the API, scoped by role, with their prefetching."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from renda.suggestions.models import Assignment, CoSigner, Motion, Suggestion, SuggestionState

ANSWERED = (SuggestionState.REPLIED, SuggestionState.REHANDLING, SuggestionState.EVALUATED)


def visible_to(user: Any) -> QuerySet[Suggestion]:
    """Suggestions this user may see: staff and leaders their congress's; a deputy those they
    lead or co-signed; a handler those assigned to their unit; the public what is published."""
    qs = Suggestion.objects.all()
    role = getattr(user, "role", "") if getattr(user, "is_authenticated", False) else ""
    if role in ("staff", "leader"):
        return qs.filter(congress_id=user.congress_id)
    if role == "deputy" and user.deputy_id:
        cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=user.deputy_id)
        return qs.filter(congress_id=user.congress_id).filter(
            Q(lead_deputy_id=user.deputy_id) | Exists(cosigned)
        )
    if role == "handler" and user.unit_id:
        assigned = Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=user.unit_id)
        return qs.filter(congress_id=user.congress_id).filter(Exists(assigned))
    return qs.none()


def published() -> QuerySet[Suggestion]:
    """What the public may read: answered, not confidential, reply published."""
    return Suggestion.objects.filter(confidential=False, published=True, state__in=ANSWERED)


def with_list_data(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """What a list row shows, in a fixed number of queries."""
    return qs.select_related("lead_deputy__person", "lead_deputy__delegation").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(active=True).select_related("unit"),
            to_attr="active_assignments",
        )
    )


def with_detail_data(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return (
        with_list_data(qs)
        .select_related(
            "session", "merged_into", "supervising_body", "supervising_leader", "from_motion"
        )
        .prefetch_related(
            Prefetch("cosigners", queryset=CoSigner.objects.select_related("deputy__person")),
            "attachments",
            "contacts__unit",
            "replies__unit",
            "replies__promises",
            "evaluations",
            "extensions__unit",
        )
    )


def filter_list(
    qs: QuerySet[Suggestion],
    *,
    year: int | None = None,
    state: str | None = None,
    unit: int | None = None,
    category: str | None = None,
    q: str | None = None,
    period: str | None = None,
    is_key: bool | None = None,
) -> QuerySet[Suggestion]:
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    if unit:
        qs = qs.filter(Exists(Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=unit)))
    if category:
        qs = qs.filter(category=category)
    if period:
        qs = qs.filter(period=period)
    if is_key is not None:
        qs = qs.filter(is_key=is_key)
    if q:
        q = q.strip()[:100]
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(replies__text__icontains=q))
        qs = qs.distinct()
    return qs


def motions_visible_to(user: Any) -> QuerySet[Motion]:
    """Staff and leaders see their congress's motions; a deputy those they propose."""
    qs = Motion.objects.filter(congress_id=user.congress_id)
    if user.role in ("staff", "leader"):
        pass
    elif user.role == "deputy" and user.deputy_id:
        proposer = Motion.deputies.through.objects.filter(
            motion_id=OuterRef("pk"), deputy_id=user.deputy_id
        )
        qs = qs.filter(Q(lead_deputy_id=user.deputy_id) | Exists(proposer))
    else:
        qs = qs.none()
    return (
        qs.select_related(
            "session__term", "delegation", "lead_deputy__person", "lead_deputy__delegation"
        )
        .select_related("committee", "as_suggestion")
        .prefetch_related("deputies__person")
    )
