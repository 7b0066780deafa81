"""Reads of the meetings deputies attended without a vote, shared by their pages and the API:
the meetings with their counts of attendees, forums and opinions, a meeting's attendees and
its forums with their opinions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.org.models import Deputy

BY_DELEGATION = ("deputy__delegation__name", "deputy__card_number")


def with_attendees(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings that deputies attended without a vote or held a forum at."""
    return qs.filter(
        Q(Exists(MeetingAttendance.objects.filter(meeting=OuterRef("pk"))))
        | Q(Exists(AttendeeForum.objects.filter(meeting=OuterRef("pk"))))
    )


def _count(qs: QuerySet[Any], group: str) -> Coalesce:
    per_meeting = qs.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_meeting, output_field=IntegerField()), 0)


def meetings_of(congress_id: int) -> QuerySet[Meeting]:
    """The congress's meetings, with their attendees, forums and opinions counted."""
    return Meeting.objects.filter(congress_id=congress_id).annotate(
        attendee_count=_count(MeetingAttendance.objects.filter(meeting=OuterRef("pk")), "meeting"),
        forum_count=_count(AttendeeForum.objects.filter(meeting=OuterRef("pk")), "meeting"),
        opinion_count=_count(
            ForumOpinion.objects.filter(forum__meeting=OuterRef("pk")), "forum__meeting"
        ),
    )


def deputies_attending(qs: QuerySet[Meeting]) -> int:
    """How many different deputies attended the meetings of `qs` without a vote."""
    return Deputy.objects.filter(meetings_attended__meeting__in=qs).distinct().count()


def meeting_attendees(meeting: Meeting) -> QuerySet[MeetingAttendance]:
    return (
        MeetingAttendance.objects.filter(meeting=meeting)
        .select_related("deputy__person", "deputy__delegation", "deputy__station")
        .order_by(*BY_DELEGATION)
    )


def meeting_forums(meeting: Meeting) -> list[AttendeeForum]:
    return list(
        AttendeeForum.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "opinions",
                queryset=ForumOpinion.objects.select_related(
                    "deputy__person", "deputy__delegation"
                ).order_by("id"),
            )
        )
        .order_by("held_on", "id")
    )
