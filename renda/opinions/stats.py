"""The year's figures on constituents' opinions, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from renda.core.stats import statistic, year_bounds
from renda.opinions.models import ConstituentOpinion, OpinionState, resolved_q


def _opinions(congress: Any, year: int) -> QuerySet[ConstituentOpinion]:
    """The year's opinions by the day received (in the congress's time zone), those dismissed
    as no opinion at all (spam, abuse) left out."""
    return ConstituentOpinion.objects.filter(
        congress=congress, received_at__date__range=year_bounds(year)
    ).exclude(state=OpinionState.DISMISSED)


@statistic("constituent_opinions")
def constituent_opinions(congress: Any, year: int) -> int:
    return _opinions(congress, year).count()


@statistic("constituent_opinions_resolved")
def constituent_opinions_resolved(congress: Any, year: int) -> int:
    """Resolved on the spot, or solved by a unit's answer and the constituent told (those
    whose answer is a plan for later or an explanation are closed, not resolved)."""
    return _opinions(congress, year).filter(resolved_q()).count()
