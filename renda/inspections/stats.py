"""The year's inspection figures, counted from rows (`renda stats`; the annual work report):
items held, their sites, problems found and rectified, and recommendations."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from renda.core.stats import statistic
from renda.inspections.models import Inspection, Problem, ProblemState, Recommendation, Site


def _of(congress: Any, year: int) -> Q:
    """An item of the congress's year; a joint item's county parts count in the city's."""
    return Q(inspection__congress=congress, inspection__year=year)


@statistic("inspections")
def inspections(congress: Any, year: int) -> int:
    """Inspections, research items and deputies' visits (执法检查、专题调研和代表集中视察)."""
    return Inspection.objects.filter(congress=congress, year=year).count()


@statistic("inspection_sites")
def inspection_sites(congress: Any, year: int) -> int:
    return Site.objects.filter(_of(congress, year)).count()


@statistic("inspection_problems")
def inspection_problems(congress: Any, year: int) -> int:
    return Problem.objects.filter(_of(congress, year)).count()


@statistic("inspection_problems_rectified")
def inspection_problems_rectified(congress: Any, year: int) -> int:
    return Problem.objects.filter(_of(congress, year), state=ProblemState.RECTIFIED).count()


@statistic("inspection_recommendations")
def inspection_recommendations(congress: Any, year: int) -> int:
    return Recommendation.objects.filter(
        aspect__inspection__congress=congress, aspect__inspection__year=year
    ).count()
