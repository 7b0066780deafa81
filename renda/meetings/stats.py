"""The year's meeting figures (renda stats), computed from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.stats import statistic, year_bounds
from renda.meetings.models import (
    AttendeeForum,
    Decision,
    ForumOpinion,
    ItemKind,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingState,
    Nomination,
    Outcome,
    Vote,
    VoteState,
)


@statistic("standing_committee_meetings", label=_("Standing committee meetings"))
def standing_committee_meetings(congress: Any, year: int) -> int:
    """常委会会议 held (closed) in the year."""
    return Meeting.objects.filter(
        congress=congress,
        kind=MeetingKind.STANDING_COMMITTEE,
        state=MeetingState.CLOSED,
        start_date__year=year,
    ).count()


@statistic("votes_held", label=_("Votes held"))
def votes_held(congress: Any, year: int) -> int:
    """表决 taken at the year's meetings (closed, whatever the result)."""
    return Vote.objects.filter(
        congress=congress, state=VoteState.CLOSED, item__meeting__start_date__year=year
    ).count()


@statistic("meeting_attendees", label=_("Deputies attending meetings"))
def meeting_attendees(congress: Any, year: int) -> int:
    """Distinct deputies who attended a standing committee meeting without a vote (列席)."""
    return (
        MeetingAttendance.objects.filter(
            meeting__congress=congress, meeting__start_date__range=year_bounds(year)
        )
        .values("deputy_id")
        .distinct()
        .count()
    )


def _forums(congress: Any, year: int) -> QuerySet[AttendeeForum]:
    return AttendeeForum.objects.filter(
        meeting__congress=congress, held_on__range=year_bounds(year)
    )


@statistic("attendee_forums", label=_("Forums of attending deputies"))
def attendee_forums(congress: Any, year: int) -> int:
    """列席代表座谈会 held in the year."""
    return _forums(congress, year).count()


@statistic("forum_opinions", label=_("Opinions from attendee forums"))
def forum_opinions(congress: Any, year: int) -> int:
    """Opinions the attending deputies raised at the year's forums."""
    return ForumOpinion.objects.filter(forum__in=_forums(congress, year)).count()


@statistic("decisions", label=_("Decisions and resolutions"))
def decisions(congress: Any, year: int) -> int:
    """决定、决议 adopted in the year."""
    return Decision.objects.filter(congress=congress, year=year, number__isnull=False).count()


@statistic("appointments", label=_("Appointments and removals (person-times)"))
def appointments(congress: Any, year: int) -> int:
    """任免 person-times: persons appointed or removed (released, dismissed) by a passed vote."""
    return Nomination.objects.filter(
        proposal__congress=congress, outcome=Outcome.PASSED, decided_on__year=year
    ).count()


@statistic("budget_adjustments", label=_("Budget adjustments"))
def budget_adjustments(congress: Any, year: int) -> int:
    """预算调整方案 approved: budget items whose vote passed."""
    return (
        Vote.objects.filter(
            congress=congress,
            item__kind=ItemKind.BUDGET,
            passed=True,
            item__meeting__start_date__year=year,
        )
        .values("item")
        .distinct()
        .count()
    )
