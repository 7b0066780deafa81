"""Reads the meeting pages and the API share, scoped by rules.SEE_MEETING, with prefetching."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from renda.meetings.models import (
    AgendaItem,
    AppointmentProposal,
    Decision,
    Material,
    Meeting,
    MemberAttendance,
    Nomination,
    Presence,
    Vote,
)
from renda.meetings.rules import SEE_MEETING


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    return SEE_MEETING.rows(user, Meeting.objects.all())


DECISION_ROW_COLUMNS = (
    "id",
    "kind",
    "title",
    "state",
    "year",
    "number",
    "adopted_on",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "item__meeting__title",
)


def decision_row_data(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    """The register's rows (rows.decision_rows): only the columns a row shows, and of what a
    decision amends or repeals its title (a decision's text was read three times a row for
    nothing; issue 18)."""
    titles = Decision.objects.only("id", "title")
    return (
        qs.select_related("item__meeting")
        .only(*DECISION_ROW_COLUMNS)
        .prefetch_related(Prefetch("amends", titles), Prefetch("repeals", titles))
    )


def proposal_row_data(qs: QuerySet[AppointmentProposal]) -> QuerySet[AppointmentProposal]:
    """The register's rows (rows.proposal_rows) and the API list's: each proposal's persons
    in the order added (Nomination's default ordering joins the proposal again), with the
    columns these show only (not the persons' particulars, nor their votes)."""
    persons = (
        Nomination.objects.select_related("appointee", "office")
        .only(
            "proposal_id",
            "action",
            "outcome",
            "decided_on",
            "oath_on",
            "appointee__name",
            "office__organization_name",
            "office__title",
        )
        .order_by("id")
    )
    return qs.only("id", "proposer", "title", "received_on", "state").prefetch_related(
        Prefetch("nominations", persons)
    )


def with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """What a list row shows: members expected and present, items."""
    return qs.select_related("term").annotate(
        members_total=Count("members", distinct=True),
        members_present=Count(
            "members", filter=Q(members__presence=Presence.PRESENT), distinct=True
        ),
        items_total=Count("items", distinct=True),
    )


def with_agenda(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """A meeting's page: its items in order, each with its materials and votes."""
    return qs.select_related("term", "congress", "current_item").prefetch_related(
        Prefetch(
            "items",
            queryset=AgendaItem.objects.order_by("order", "id").prefetch_related(
                Prefetch("materials", queryset=Material.objects.order_by("title", "-version")),
                Prefetch("votes", queryset=Vote.objects.order_by("id")),
            ),
        ),
        Prefetch(
            "members",
            queryset=MemberAttendance.objects.select_related("member__person").order_by(
                "member__card_number"
            ),
        ),
    )


def filter_meetings(
    qs: QuerySet[Meeting],
    *,
    q: str = "",
    year: int | None = None,
    kind: str = "",
    state: str = "",
) -> QuerySet[Meeting]:
    """`q`: words in the meeting's title or place, or in the title of one of its items."""
    for word in q.split():
        items = AgendaItem.objects.filter(meeting=OuterRef("pk"), title__icontains=word)
        qs = qs.filter(Q(title__icontains=word) | Q(place__icontains=word) | Q(Exists(items)))
    if year:
        qs = qs.filter(start_date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    return qs


def votes_visible_to(user: Any) -> QuerySet[Vote]:
    """The votes of the meetings the user may see."""
    return Vote.objects.filter(item__meeting__in=meetings_visible_to(user)).select_related(
        "item__meeting", "congress"
    )
