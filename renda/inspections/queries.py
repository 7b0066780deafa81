"""Reads shared by the inspection pages and the API, scoped by the rules, with their
prefetching and the counts a list or detail shows."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from renda.inspections.models import (
    Aspect,
    Inspection,
    Problem,
    ProblemState,
    Recommendation,
    Site,
)
from renda.inspections.rules import SEE_INSPECTION, SEE_PROBLEM, SEE_SITE

S = ProblemState


def visible_to(user: Any) -> QuerySet[Inspection]:
    return SEE_INSPECTION.rows(user, Inspection.objects.all())


def sites_visible_to(user: Any) -> QuerySet[Site]:
    return SEE_SITE.rows(user, Site.objects.all())


def problems_visible_to(user: Any) -> QuerySet[Problem]:
    return SEE_PROBLEM.rows(user, Problem.objects.all())


def _count(qs: QuerySet[Any]) -> Any:
    """A correlated count (one subquery per figure: no join multiplies another's rows)."""
    counted = qs.order_by().values("inspection_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(qs: QuerySet[Inspection], user: Any) -> QuerySet[Inspection]:
    """Each item with the figures of what this user sees of it: sites, problems, how many
    rectified, aspects and recommendations (a county sees its part's)."""
    sites = sites_visible_to(user).filter(inspection=OuterRef("pk"))
    problems = problems_visible_to(user).filter(inspection=OuterRef("pk"))
    recs = Recommendation.objects.filter(aspect__inspection=OuterRef("pk"))
    aspects = Aspect.objects.filter(inspection=OuterRef("pk"))
    rec_count = recs.order_by().values("aspect__inspection_id").annotate(n=Count("pk")).values("n")
    return qs.annotate(
        n_sites=_count(sites),
        n_problems=_count(problems),
        n_rectified=_count(problems.filter(state=S.RECTIFIED)),
        n_aspects=_count(aspects),
        n_recommendations=Coalesce(Subquery(rec_count, output_field=IntegerField()), Value(0)),
    )


def with_list_data(qs: QuerySet[Inspection], user: Any) -> QuerySet[Inspection]:
    return with_counts(qs.select_related("committee", "congress"), user)


def with_row_data(qs: QuerySet[Inspection], user: Any) -> QuerySet[Inspection]:
    """The lists' rows (rows.item_rows): with_list_data's figures and only the columns a row
    shows (an item's report text and its congress's settings were read for nothing; issue 18)."""
    return with_counts(qs.select_related("committee").only(*ITEM_ROW_COLUMNS), user)


ITEM_ROW_COLUMNS = ("id", "kind", "title", "subject", "starts_on", "joint", "committee__name")


def filter_list(
    qs: QuerySet[Inspection],
    *,
    year: int | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> QuerySet[Inspection]:
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        q = q.strip()[:100]
        qs = qs.filter(Q(title__icontains=q) | Q(subject__icontains=q))
    return qs


def problem_list_data(qs: QuerySet[Problem]) -> QuerySet[Problem]:
    return qs.select_related("site", "site__area", "unit", "inspection", "congress")


PROBLEM_ROW_COLUMNS = (
    "id",
    "number",
    "description",
    "state",
    "due_on",
    "inspection__title",
    "site__name",
    "site__area__short_name",
    "unit__name",
)


def problem_row_data(qs: QuerySet[Problem]) -> QuerySet[Problem]:
    """The lists' rows (rows.problem_rows): problem_list_data's joins, only the columns a row
    shows."""
    return qs.select_related("site__area", "unit", "inspection").only(*PROBLEM_ROW_COLUMNS)


def problem_detail_data(qs: QuerySet[Problem]) -> QuerySet[Problem]:
    return problem_list_data(qs).prefetch_related(
        "photos", "rectifications__reported_by", "rectifications__photos"
    )


def overdue_filter(today: datetime.date) -> Q:
    """Past the date to rectify by, with no report yet."""
    return Q(state=S.RECTIFYING, due_on__lt=today)


def waiting_filter() -> Q:
    return Q(state=S.REPORTED)
