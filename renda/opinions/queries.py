"""Reads of constituents' opinions shared by the pages, the API and Open311, scoped by role,
with prefetching."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    DateField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.utils import timezone

from renda.core.models import Deadline
from renda.core.receipts import MIN_RECEIPT_CHARS, normalize_receipt_code
from renda.opinions.actions import TELL_DEADLINE
from renda.opinions.models import ConstituentOpinion, OpinionState
from renda.opinions.rules import OPINIONS
from renda.search.engine import Filtered, listed

OPEN_STATES = (OpinionState.RECORDED, OpinionState.REFERRED, OpinionState.ANSWERED)


def opinions_visible_to(user: Any) -> QuerySet[ConstituentOpinion]:
    """Staff and leaders: their congress's; an operator: their station's; a handler: those
    referred to their unit now (rules.OPINIONS)."""
    return OPINIONS.rows(user, ConstituentOpinion.objects.all())


def with_opinion_data(qs: QuerySet[ConstituentOpinion]) -> QuerySet[ConstituentOpinion]:
    return qs.select_related("station", "unit", "congress")


def overdue_opinions(
    congress_id: int, *, today: datetime.date | None = None
) -> QuerySet[ConstituentOpinion]:
    """Referred opinions whose unit has not answered by the day due, longest overdue first."""
    today = today or timezone.localdate()
    return with_opinion_data(
        ConstituentOpinion.objects.filter(
            congress_id=congress_id, state=OpinionState.REFERRED, answer_due__lt=today
        )
    ).order_by("answer_due", "id")


def opinion_by_receipt(code: str) -> ConstituentOpinion | None:
    """The constituent's own opinion by its receipt code; a wrong code finds nothing."""
    code = normalize_receipt_code(code)
    if len(code) < MIN_RECEIPT_CHARS:
        return None
    return with_opinion_data(ConstituentOpinion.objects.filter(receipt_code=code)).first()


# --- the opinion pages' lists -------------------------------------------------------------------


def with_due_dates(qs: QuerySet[ConstituentOpinion]) -> QuerySet[ConstituentOpinion]:
    """Each opinion with `tell_due` (the open deadline to tell the constituent, once answered)
    and `due`: the date the next step is due (the unit's answer, or telling), else null."""
    tell = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(ConstituentOpinion),
        object_id=OuterRef("pk"),
        kind=TELL_DEADLINE,
        closed_at__isnull=True,
    ).order_by("due_date")
    return qs.annotate(tell_due=Subquery(tell.values("due_date")[:1])).annotate(
        due=Case(
            When(state=OpinionState.REFERRED, then="answer_due"),
            When(state=OpinionState.ANSWERED, then="tell_due"),
            default=None,
            output_field=DateField(),
        )
    )


def filter_opinions(
    qs: QuerySet[ConstituentOpinion],
    *,
    reader: Any,
    state: str | None = None,
    category: str | None = None,
    source: str | None = None,
    station: int | None = None,
    unit: int | None = None,
    year: int | None = None,
    received_from: datetime.date | None = None,
    received_to: datetime.date | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    search_receipt: bool = False,
    today: datetime.date | None = None,
) -> Filtered[ConstituentOpinion]:
    """The opinion lists' filters. `overdue` needs with_due_dates(); `q=` through the index,
    bounded (engine.listed: the newest years' matches among what `reader`'s lists show); the
    receipt code is searched only for those who may see it (`search_receipt`)."""
    exact = {"state": state, "category": category, "source": source}
    qs = qs.filter(**{k: v for k, v in exact.items() if v})
    if station:
        qs = qs.filter(station_id=station)
    if unit:
        qs = qs.filter(unit_id=unit)
    if year:
        qs = qs.filter(received_at__year=year)
    if received_from:
        qs = qs.filter(received_at__date__gte=received_from)
    if received_to:
        qs = qs.filter(received_at__date__lte=received_to)
    if overdue is not None:
        today = today or timezone.localdate()
        # Spelled out: exclude() on an annotation would also drop the rows without a due date.
        late = Q(due__lt=today)
        qs = qs.filter(late) if overdue else qs.filter(Q(due=None) | Q(due__gte=today))
    if q:
        found = listed("opinion", q, reader=reader, year=year)  # every word, any order
        words = found.q()
        code = normalize_receipt_code(q)
        if search_receipt and len(code) >= 4:
            words |= Q(receipt_code__contains=code)
        return Filtered(qs.filter(words), found.capped)
    return Filtered(qs)


def opinion_years(qs: QuerySet[ConstituentOpinion]) -> list[int]:
    """The years from the first opinion received to the last, latest first: two index
    look-ups (MIN and MAX), not a DISTINCT over every row."""
    span = qs.order_by().aggregate(first=Min("received_at"), last=Max("received_at"))
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[k]).year for k in ("first", "last"))
    return list(range(last, first - 1, -1))


def keeper_counts(
    qs: QuerySet[ConstituentOpinion], *, today: datetime.date | None = None
) -> dict[str, int]:
    """What waits on these opinions (with_due_dates), in one query: to handle, to tell, with a
    unit; overdue (the unit's answer or telling the constituent); the units' answers overdue.
    Only the open states are read (the index on congress and state), so the cost follows
    what is open, not the years of closed opinions behind it."""
    today = today or timezone.localdate()
    return (
        qs.filter(state__in=OPEN_STATES)
        .order_by()
        .aggregate(
            recorded=Count("pk", filter=Q(state=OpinionState.RECORDED)),
            answered=Count("pk", filter=Q(state=OpinionState.ANSWERED)),
            referred=Count("pk", filter=Q(state=OpinionState.REFERRED)),
            overdue=Count("pk", filter=Q(due__lt=today)),
            answer_overdue=Count("pk", filter=Q(state=OpinionState.REFERRED, answer_due__lt=today)),
        )
    )
