"""Reads shared by the suggestion pages and the API, scoped by role, with their prefetching."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from renda.search.engine import Filtered, listed
from renda.suggestions.models import (
    Assignment,
    Contact,
    CoSigner,
    Extension,
    Motion,
    Reply,
    Suggestion,
)
from renda.suggestions.rules import SEE_MOTION, SEE_SUGGESTION
from renda.suggestions.workflow import ANSWERED


def visible_to(user: Any) -> QuerySet[Suggestion]:
    """Suggestions this user may see (rules.SEE_SUGGESTION): staff and leaders their
    congress's; a deputy those they lead or co-signed; a handler those assigned to their unit
    now. The public reads published() instead."""
    return SEE_SUGGESTION.rows(user, Suggestion.objects.all())


def published() -> QuerySet[Suggestion]:
    """What the public may read: answered, not confidential, reply published."""
    return Suggestion.objects.filter(confidential=False, published=True, state__in=ANSWERED)


def with_list_data(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """What a list row shows, in a fixed number of queries."""
    return qs.select_related("lead_deputy__person", "lead_deputy__delegation").prefetch_related(
        Prefetch(
            "assignments",
            # By id: Assignment's default ordering joins each suggestion again to sort by it.
            queryset=Assignment.objects.filter(active=True).select_related("unit").order_by("id"),
            to_attr="active_assignments",
        )
    )


def with_detail_data(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return with_list_data(qs).prefetch_related(
        # Read apart, and only when set, rather than joined: PostgreSQL planned the
        # suggestion joined to eight tables in 5 to 15 ms, longer than any query of the
        # page took to run (issue 18). A foreign key that is empty costs no query.
        "session",
        "merged_into",
        "supervising_body",
        "supervising_leader",
        "from_motion",
        Prefetch("cosigners", queryset=CoSigner.objects.select_related("deputy__person")),
        "attachments",
        # Each with its unit joined, not a query of units after each (issue 18).
        Prefetch("contacts", queryset=Contact.objects.select_related("unit")),
        Prefetch("replies", queryset=Reply.objects.select_related("unit")),
        "replies__promises",
        "evaluations",
        Prefetch("extensions", queryset=Extension.objects.select_related("unit")),
    )


def filter_list(
    qs: QuerySet[Suggestion],
    *,
    reader: Any,
    year: int | None = None,
    state: str | None = None,
    unit: int | None = None,
    category: str | None = None,
    q: str | None = None,
    period: str | None = None,
    is_key: bool | None = None,
    result: str | None = None,
) -> Filtered[Suggestion]:
    """The suggestion lists' filters; `q=` through the index, bounded (engine.listed): the
    newest years' matches among what `reader`'s lists show (None: the published)."""
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
    if result:
        # Answered with this result in the current round (as the year's figures count it).
        current = Reply.objects.filter(
            suggestion=OuterRef("pk"), handling_round=OuterRef("handling_round"), category=result
        )
        qs = qs.filter(Exists(current))
    if q and q.strip():
        # Every word, in any order, in the title, the text or a reply (renda.search).
        found = listed("suggestion", q, reader=reader, year=year)
        return Filtered(qs.filter(found.q()), found.capped)
    return Filtered(qs)


def motions_visible_to(user: Any) -> QuerySet[Motion]:
    """Staff and leaders see their congress's motions; a deputy those they propose
    (rules.SEE_MOTION)."""
    qs = SEE_MOTION.rows(user, Motion.objects.all())
    return (
        qs.select_related(
            "session__term", "delegation", "lead_deputy__person", "lead_deputy__delegation"
        )
        .select_related("committee", "as_suggestion")
        .prefetch_related("deputies__person")
    )


def round_start(s: Suggestion) -> datetime.date:
    """The day the suggestion's current handling round began (assigned, or sent back)."""
    if s.handling_round > 1:
        last = s.evaluations.order_by("-handling_round").first()
        if last:
            return timezone.localdate(last.evaluated_at)
    return timezone.localdate(s.assigned_at) if s.assigned_at else timezone.localdate()


def contact_recorded(s: Suggestion, unit_id: Any) -> bool:
    """Whether the unit recorded a contact with the deputy in this round (a reply needs one)."""
    return Contact.objects.filter(suggestion=s, unit_id=unit_id, date__gte=round_start(s)).exists()
