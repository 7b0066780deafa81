"""The year's figures on constituents' opinions, counted from rows."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, list_url, shared, statistic
from renda.opinions.models import (
    ConstituentOpinion,
    OpinionCategory,
    OpinionSource,
    OpinionState,
    resolved_q,
)
from renda.org.models import ContactStation


def _opinions(congress: Any, year: int) -> QuerySet[ConstituentOpinion]:
    """The year's opinions by the day received (in the congress's time zone), those dismissed
    as no opinion at all (spam, abuse) left out. `__year` is a range of times the index on
    the time received serves (a `__date` range cast every row: a scan of a million)."""
    return ConstituentOpinion.objects.filter(congress=congress, received_at__year=year).exclude(
        state=OpinionState.DISMISSED
    )


# Counts are COUNT(*), or of a column of the covering index (opinions 0005) for a filtered
# count: COUNT("id") would read every row's heap page for its id (1 s instead of 30 ms).


def _counts(congress: Any, year: int) -> dict[str, int]:
    """The year's opinions and those resolved: one pass over the index, once per reading."""
    return shared(
        ("opinions.counts", congress.pk, year),
        lambda: _opinions(congress, year).aggregate(
            collected=Count("*"), resolved=Count("received_at", filter=resolved_q())
        ),
    )


@statistic("constituent_opinions", label=_("Constituents' opinions collected"))
def constituent_opinions(congress: Any, year: int) -> int:
    return _counts(congress, year)["collected"]


@statistic("constituent_opinions_resolved", label=_("Constituents' opinions resolved"))
def constituent_opinions_resolved(congress: Any, year: int) -> int:
    """Resolved on the spot, or solved by a unit's answer and the constituent told (those
    whose answer is a plan for later or an explanation are closed, not resolved)."""
    return _counts(congress, year)["resolved"]


REGISTER = "opinions:opinions"


@breakdown("constituent_opinions", "category", label=_("Constituents' opinions by category"))
def opinions_by_category(congress: Any, year: int) -> list[Bucket]:
    return _by_choice(_opinions(congress, year), "category", OpinionCategory, year)


def _by_choice(
    qs: QuerySet[ConstituentOpinion], field: str, choices: Any, year: int
) -> list[Bucket]:
    """One bucket per value of a choice field that has rows, in the choices' order."""
    counts = dict(qs.values_list(field).annotate(n=Count("*")).order_by())
    return [
        Bucket(c.value, c.label, counts[c.value], list_url(REGISTER, year=year, **{field: c.value}))
        for c in choices
        if counts.get(c.value)
    ]


@breakdown("constituent_opinions", "station", label=_("Constituents' opinions by station"))
def opinions_by_station(congress: Any, year: int) -> list[Bucket]:
    counts = dict(
        _opinions(congress, year)
        .values_list("station_id")
        .annotate(n=Count("*"))
        .order_by("station_id")  # equal counts in the stations' order, not the plan's
    )
    names = dict(
        ContactStation.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name")
    )
    buckets = [
        Bucket(str(pk), names[pk], n, list_url(REGISTER, year=year, station=pk))
        for pk, n in counts.items()
        if pk
    ]
    if counts.get(None):
        buckets.append(Bucket("", _("No station"), counts[None], list_url(REGISTER, year=year)))
    return sorted(buckets, key=lambda b: -b.value)


def _by_month(qs: QuerySet[ConstituentOpinion], year: int) -> list[Bucket]:
    counts = dict(
        qs.annotate(m=ExtractMonth("received_at"))
        .values_list("m")
        .annotate(n=Count("*"))
        .order_by()
    )
    buckets = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        last = first.replace(day=calendar.monthrange(year, month)[1])
        url = list_url(REGISTER, received_from=first.isoformat(), received_to=last.isoformat())
        buckets.append(
            Bucket(f"{year}-{month:02}", f"{year}-{month:02}", counts.get(month, 0), url)
        )
    return buckets


@breakdown("constituent_opinions", "month", label=_("Constituents' opinions by month"))
def opinions_by_month(congress: Any, year: int) -> list[Bucket]:
    return _by_month(_opinions(congress, year), year)


@breakdown("constituent_opinions_resolved", "month", label=_("Opinions resolved by month"))
def resolved_by_month(congress: Any, year: int) -> list[Bucket]:
    return _by_month(_opinions(congress, year).filter(resolved_q()), year)


@breakdown("constituent_opinions", "source", label=_("Constituents' opinions by channel"))
def opinions_by_source(congress: Any, year: int) -> list[Bucket]:
    """Recorded at a station, online, by an app, or by scanning a QR code poster (码上见代表)."""
    return _by_choice(_opinions(congress, year), "source", OpinionSource, year)
