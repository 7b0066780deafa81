"""The year's figures on local legislation and opinions on drafts, counted from rows."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from renda.core.stats import statistic, year_bounds
from renda.legislation.models import Opinion, Regulation, RegulationKind
from renda.legislation.workflow import ADOPTED_OPINIONS, COUNTED_OPINIONS


def _adopted_in(congress: Any, year: int) -> QuerySet[Regulation]:
    """Regulations adopted by vote (表决通过) in the year, by their adoption date; a later
    stage (approval, promulgation, in force) does not move them to another year."""
    start, end = year_bounds(year)
    return Regulation.objects.filter(congress=congress, adopted_on__range=(start, end))


@statistic("regulations_made")
def regulations_made(congress: Any, year: int) -> int:
    """New regulations (制定) adopted in the year."""
    return _adopted_in(congress, year).filter(kind=RegulationKind.NEW).count()


@statistic("regulations_revised")
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


@statistic("draft_opinions")
def draft_opinions(congress: Any, year: int) -> int:
    return _opinions_in(congress, year).count()


@statistic("draft_opinions_adopted")
def draft_opinions_adopted(congress: Any, year: int) -> int:
    """Of those, adopted in whole or in part (采纳 and 部分采纳: both count as adopted)."""
    return _opinions_in(congress, year).filter(state__in=ADOPTED_OPINIONS).count()
