"""What a standing committee meeting does to a draft regulation on its agenda (审议法规草案):
the meeting's reading is recorded on the regulation when the meeting closes, and a vote that
adopts it (表决通过) records its adoption on the day of the vote.

A reading recorded on or after the meeting's first day is the meeting's own (staff may have
recorded it by hand, or the vote did), so it is never recorded twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from renda.core import agenda
from renda.legislation.actions.regulations import regulation_advance
from renda.legislation.models import Regulation, RegulationKind
from renda.legislation.models import RegulationState as R

# The reading a meeting gives a regulation in each state.
NEXT_READING = {
    R.DRAFTING: "first_reading",
    R.FIRST_READING: "second_reading",
    R.SECOND_READING: "third_reading",
}


def candidates(congress_id: int) -> QuerySet[Regulation]:
    """The drafts a meeting may read: being drafted, or between readings."""
    return Regulation.objects.filter(congress_id=congress_id, state__in=NEXT_READING.keys() | {
        R.THIRD_READING
    }).order_by("-plan_year", "title")  # fmt: skip


def _read(regulation: Regulation, day: datetime.date, meeting_title: str, actor: Any) -> None:
    """Record the meeting's reading, unless it is recorded already."""
    action = NEXT_READING.get(R(regulation.state))
    current = regulation.stage_date(regulation.state)
    if action is None or (current is not None and current >= day):
        return
    regulation_advance(
        regulation=regulation, action=action, actor=actor, on=day, comment=meeting_title
    )


def on_heard(regulation: Regulation, heard: agenda.Heard, actor: Any) -> None:
    if heard.kind == "reading":
        _read(regulation, heard.day, heard.meeting_title, actor)


def can_adopt(regulation: Regulation) -> bool:
    """After two readings, or one for an amendment (修正)."""
    if regulation.state == R.FIRST_READING:
        return regulation.kind == RegulationKind.AMENDMENT
    return regulation.state in (R.SECOND_READING, R.THIRD_READING)


def on_vote(regulation: Regulation, result: agenda.VoteResult, actor: Any) -> None:
    """A passed vote is the meeting's reading and the adoption; a draft that may not be adopted
    yet (a new regulation at its first reading) keeps the reading only, and the vote stays on
    the meeting's record."""
    if not result.passed:
        return
    _read(regulation, result.day, result.meeting_title, actor)
    regulation.refresh_from_db()
    if can_adopt(regulation):
        regulation_advance(
            regulation=regulation,
            action="adopt",
            actor=actor,
            on=result.day,
            comment=result.meeting_title,
        )


agenda.register(
    Regulation, kinds=("reading",), candidates=candidates, on_heard=on_heard, on_vote=on_vote
)
