"""Reads shared by the petition pages and the API, scoped by the rules, with their prefetching."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from renda.core.receipts import MIN_RECEIPT_CHARS, normalize_receipt_code
from renda.petitions.models import Petition, Petitioner
from renda.petitions.rules import SEE_PETITION
from renda.petitions.workflow import OPEN
from renda.search.engine import Filtered, listed


def visible_to(user: Any) -> QuerySet[Petition]:
    """The office sees its congress's petitions; a leader the key cases; a unit what was sent
    to it; a deputy what was passed to their station (rules.SEE_PETITION)."""
    return SEE_PETITION.rows(user, Petition.objects.all())


def with_list_data(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """What a list row shows, in a fixed number of queries (the first petitioner's name is
    for the office's rows)."""
    return qs.select_related("unit", "area", "supervisor").prefetch_related(
        Prefetch("petitioners", queryset=Petitioner.objects.order_by("id"))
    )


# The columns a row of the office's register reads (rows.register_rows, the view's due dates),
# for its `.only()`: a petition has some forty fields, most of them long texts.
REGISTER_COLUMNS = (
    "id",
    "congress_id",
    "year",
    "number",
    "title",
    "category",
    "channel",
    "received_at",
    "people",
    "repeat_of_id",
    "state",
    "accept_due",
    "answer_due",
    "review_due",
    "is_key",
    "unit__name",
)


def with_register_data(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """What a row of the office's register shows, and no more: the petition's columns it reads,
    its unit's name, and the petitioners' names (the first is shown)."""
    return (
        qs.select_related("unit")
        .only(*REGISTER_COLUMNS)
        .prefetch_related(
            Prefetch(
                "petitioners",
                queryset=Petitioner.objects.only("petition_id", "name").order_by("id"),
            )
        )
    )


def with_detail_data(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    return (
        with_list_data(qs)
        .select_related("repeat_of", "registered_by")
        .prefetch_related(
            "instructions__leader",
            "instructions__followed_up_by",
            "referrals__station",
            "follow_ups__deputy__person",
            "repeats",
        )
    )


def filter_list(
    qs: QuerySet[Petition],
    *,
    reader: Any,
    state: str | None = None,
    channel: str | None = None,
    category: str | None = None,
    year: int | None = None,
    key: bool | None = None,
    overdue: bool = False,
    q: str | None = None,
    today: datetime.date | None = None,
) -> Filtered[Petition]:
    """The petition lists' filters; `q=` through the index, bounded (engine.listed: the
    newest years' matches among what `reader`'s lists show)."""
    if state:
        qs = qs.filter(state=state)
    if channel:
        qs = qs.filter(channel=channel)
    if category:
        qs = qs.filter(category=category)
    if year:
        qs = qs.filter(year=year)
    if key is not None:
        qs = qs.filter(is_key=key)
    if overdue and today is not None:
        qs = qs.filter(overdue_filter(today))
    if q and q.strip():
        found = listed("petition", q, reader=reader, year=year)  # every word, any order
        return Filtered(qs.filter(found.q()), found.capped)
    return Filtered(qs)


def overdue_filter(today: datetime.date) -> Q:
    """Past a deadline: to decide, to answer, or a review to answer."""
    return (
        Q(state="received", accept_due__lt=today)
        | Q(state="handling", answer_due__lt=today)
        | Q(state="review_requested", review_due__lt=today)
    )


def open_petitions(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    return qs.filter(state__in=OPEN)


def petition_by_receipt(code: str) -> Petition | None:
    """The petitioner's own petition by its receipt code; a wrong code finds nothing."""
    code = normalize_receipt_code(code)
    if len(code) < MIN_RECEIPT_CHARS:
        return None
    return Petition.objects.filter(receipt_code=code).select_related("unit").first()
