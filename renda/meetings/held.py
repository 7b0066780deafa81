"""A standing committee meeting known only by its title and day, as a record of the deputies
who attended it without a vote names it: the meeting it is, among those planned or recorded,
or else one recorded as held (closed). Written against the model classes the caller gives,
so that the migration that took over the stations' meetings (meetings/0003, with its
historical models) and the action that records attendance find and number meetings alike."""

from __future__ import annotations

import datetime
from typing import Any

from renda.meetings.models import MeetingKind, MeetingState
from renda.meetings.numbers import meeting_number

STANDING = MeetingKind.STANDING_COMMITTEE.value


def term_on(terms: Any, congress_id: int, day: datetime.date) -> Any | None:
    """The congress's term on that day: the latest one begun on or before it."""
    return (
        terms.objects.filter(congress_id=congress_id, start_date__lte=day)
        .order_by("-start_date", "-number")
        .first()
    )


def held_meeting(
    meetings: Any, *, congress_id: int, term: Any, title: str, day: datetime.date
) -> tuple[Any, bool]:
    """The congress's standing committee meeting on that day (one whose days cover it) with
    this title, or naming the same number in its title (第N次会议) in the same term; else a
    new one (and True), closed, held that day, numbered within the term from its title where
    that number is free, else the next number. The caller holds a lock on the term."""
    number = meeting_number(title)
    on_day = list(
        meetings.objects.filter(
            congress_id=congress_id, kind=STANDING, start_date__lte=day, end_date__gte=day
        ).order_by("start_date", "id")
    )
    for m in on_day:
        if m.title == title:
            return m, False
    for m in on_day:
        if number and m.term_id == term.pk and m.number == number == meeting_number(m.title):
            return m, False
    taken = set(
        meetings.objects.filter(
            congress_id=congress_id, term_id=term.pk, kind=STANDING
        ).values_list("number", flat=True)
    )
    if not number or number in taken:
        number = max(taken, default=0) + 1
    meeting = meetings.objects.create(
        congress_id=congress_id,
        term_id=term.pk,
        kind=STANDING,
        number=number,
        title=title,
        start_date=day,
        end_date=day,
        state=MeetingState.CLOSED.value,
    )
    return meeting, True
