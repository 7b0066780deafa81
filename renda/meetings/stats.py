"""The year's meeting figures (renda stats), computed from rows."""

from __future__ import annotations

from typing import Any

from renda.core.stats import statistic
from renda.meetings.models import Meeting, MeetingKind, MeetingState, Vote, VoteState


@statistic("standing_committee_meetings")
def standing_committee_meetings(congress: Any, year: int) -> int:
    """常委会会议 held (closed) in the year."""
    return Meeting.objects.filter(
        congress=congress,
        kind=MeetingKind.STANDING_COMMITTEE,
        state=MeetingState.CLOSED,
        start_date__year=year,
    ).count()


@statistic("votes_held")
def votes_held(congress: Any, year: int) -> int:
    """表决 taken at the year's meetings (closed, whatever the result)."""
    return Vote.objects.filter(
        congress=congress, state=VoteState.CLOSED, item__meeting__start_date__year=year
    ).count()
