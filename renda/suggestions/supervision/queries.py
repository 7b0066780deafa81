"""Reads for supervising handling: the overdue board (超期预警) and the promise ledger (台账)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from renda.core.calendar import WorkingCalendar
from renda.org.models import HandlingUnit
from renda.suggestions.models import Assignment, Promise, Reply, Suggestion
from renda.suggestions.workflow import HANDLING


@dataclass
class BoardItem:
    """One unit's reply still owed on one suggestion."""

    suggestion: Suggestion
    assignment: Assignment
    due: datetime.date
    overdue: bool = False
    # Working days past the due date (0 on a weekend right after it), or left until it.
    days_overdue: int = 0
    days_left: int = 0


@dataclass
class UnitBoard:
    unit: HandlingUnit
    overdue: list[BoardItem] = field(default_factory=list)
    soon: list[BoardItem] = field(default_factory=list)


def replying_assignments(congress: Any) -> QuerySet[Assignment]:
    """The congress's current assignments that owe replies: sole, lead and separate handlers
    (a co-handler gives its input to the lead unit; a unit reassigned away owes nothing)."""
    return Assignment.objects.filter(active=True, suggestion__congress=congress).exclude(
        role=Assignment.Role.CO
    )


def owed_replies(congress: Any, *, due_before: datetime.date) -> QuerySet[Assignment]:
    """The replies still owed in the current handling round and due before `due_before`: a
    sole, lead or separate unit of a suggestion being handled that has not replied yet."""
    replied = Reply.objects.filter(
        suggestion_id=OuterRef("suggestion_id"),
        unit_id=OuterRef("unit_id"),
        handling_round=OuterRef("suggestion__handling_round"),
    )
    return (
        replying_assignments(congress)
        .filter(suggestion__state__in=HANDLING, suggestion__reply_due__lt=due_before)
        .exclude(Exists(replied))
    )


def _soon_window(congress: Any, today: datetime.date) -> datetime.date:
    """The first working day beyond the congress's soon-due window: anything due before it
    is at most `soon_due_working_days` working days away."""
    return WorkingCalendar().add_working_days(today, congress.setting("soon_due_working_days") + 1)


def owed_counts(congress: Any, today: datetime.date | None = None) -> tuple[int, int]:
    """How many replies the overdue board lists as overdue and as due soon: counted in one
    query over the owed assignments, not every owed case read with its unit and deputy
    (the overview shows the two numbers; issue 18)."""
    today = today or timezone.localdate()
    counts = owed_replies(congress, due_before=_soon_window(congress, today)).aggregate(
        overdue=Count("pk", filter=Q(suggestion__reply_due__lt=today)),
        soon=Count("pk", filter=Q(suggestion__reply_due__gte=today)),
    )
    return counts["overdue"], counts["soon"]


def overdue_board(congress: Any, today: datetime.date | None = None) -> list[UnitBoard]:
    """Replies past due or due within the congress's soon-due window, per unit, in working days.

    A reply is owed by each sole, lead or separate unit that has not replied in the current
    handling round (co-handlers give input, not replies). Units with the most overdue replies
    come first; within a unit, the earliest due date first.
    """
    today = today or timezone.localdate()
    cal = WorkingCalendar()
    owed = (
        owed_replies(congress, due_before=_soon_window(congress, today))
        .select_related("unit", "suggestion__lead_deputy__person")
        .order_by("suggestion__reply_due", "suggestion__number", "id")
    )
    boards: dict[int, UnitBoard] = {}
    for a in owed:
        due: datetime.date = a.suggestion.reply_due  # type: ignore[assignment]
        board = boards.setdefault(a.unit_id, UnitBoard(unit=a.unit))
        item = BoardItem(suggestion=a.suggestion, assignment=a, due=due)
        if due < today:
            item.overdue = True
            item.days_overdue = cal.working_days_between(due, today)
            board.overdue.append(item)
        else:
            item.days_left = cal.working_days_between(today, due)
            board.soon.append(item)
    return sorted(boards.values(), key=lambda b: (-len(b.overdue), b.unit.name))


def promise_ledger(
    congress: Any,
    *,
    unit: Any = None,
    open_only: bool = True,
    year: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Promise]:
    """承诺事项台账: promises in replies, earliest due first, across years unless `year` is given.

    Each row carries `late`: still open after its due date, or delivered after it.
    """
    today = today or timezone.localdate()
    qs = Promise.objects.filter(congress=congress)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if open_only:
        qs = qs.filter(done_at__isnull=True)
    if year is not None:
        qs = qs.filter(suggestion__year=year)
    late = Q(done_at__isnull=True, due_date__lt=today) | Q(
        done_at__isnull=False, done_at__date__gt=F("due_date")
    )
    return (
        qs.annotate(
            late=Case(
                When(late, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .select_related("unit", "reply", "suggestion__lead_deputy__person")
        .order_by("due_date", "id")
    )
