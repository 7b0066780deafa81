"""The year's figures on local legislation and opinions on drafts, counted from rows."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, statistic, year_bounds
from renda.legislation.models import Opinion, Regulation, RegulationKind
from renda.legislation.workflow import ADOPTED_OPINIONS, COUNTED_OPINIONS


def _adopted_in(congress: Any, year: int) -> QuerySet[Regulation]:
    """Regulations adopted by vote (表决通过) in the year, by their adoption date; a later
    stage (approval, promulgation, in force) does not move them to another year."""
    start, end = year_bounds(year)
    return Regulation.objects.filter(congress=congress, adopted_on__range=(start, end))


@statistic("regulations_made", label=_("Local regulations made"))
def regulations_made(congress: Any, year: int) -> int:
    """New regulations (制定) adopted in the year."""
    return _adopted_in(congress, year).filter(kind=RegulationKind.NEW).count()


@statistic("regulations_revised", label=_("Local regulations revised"))
def regulations_revised(congress: Any, year: int) -> int:
    """Revisions (修订) and amendments (修正) adopted in the year."""
    return (
        _adopted_in(congress, year)
        .filter(kind__in=(RegulationKind.REVISION, RegulationKind.AMENDMENT))
        .count()
    )


def _opinions_in(congress: Any, year: int) -> QuerySet[Opinion]:
    """Opinions on drafts received in the year (by submission, in the congress's time zone):
    from the public once published by moderation, from deputies and from contact points."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    return Opinion.objects.filter(
        congress=congress,
        submitted_at__gte=start,
        submitted_at__lt=end,
        state__in=COUNTED_OPINIONS,
    )


@statistic("draft_opinions", label=_("Opinions on drafts collected"))
def draft_opinions(congress: Any, year: int) -> int:
    return _opinions_in(congress, year).count()


@statistic("draft_opinions_adopted", label=_("Opinions on drafts adopted"))
def draft_opinions_adopted(congress: Any, year: int) -> int:
    """Of those, adopted in whole or in part (采纳 and 部分采纳: both count as adopted)."""
    return _opinions_in(congress, year).filter(state__in=ADOPTED_OPINIONS).count()


def _by_consultation(congress: Any, year: int, adopted: bool) -> list[Bucket]:
    qs = _opinions_in(congress, year)
    if adopted:
        qs = qs.filter(state__in=ADOPTED_OPINIONS)
    rows = (
        qs.values_list("consultation_id", "consultation__title")
        .annotate(n=Count("id"))
        .order_by("consultation__opens_on", "consultation_id")
    )
    return [
        Bucket(str(pk), title, n, reverse("legislation:opinions", args=[pk]))
        for pk, title, n in rows
    ]


@breakdown("draft_opinions", "consultation", label=_("Opinions by draft consulted on"))
def opinions_by_consultation(congress: Any, year: int) -> list[Bucket]:
    return _by_consultation(congress, year, adopted=False)


@breakdown("draft_opinions_adopted", "consultation", label=_("Opinions adopted by draft"))
def adopted_by_consultation(congress: Any, year: int) -> list[Bucket]:
    return _by_consultation(congress, year, adopted=True)
