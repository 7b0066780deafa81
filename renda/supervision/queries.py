"""Reads that supervision's pages and API share: the rows each user may see (the rules'
scopes), filters, and the prefetching that keeps a list at a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from renda.supervision.models import (
    DeliberationOpinion,
    Inquiry,
    InquiryQuestion,
    InquiryUnit,
    OpinionPoint,
    PlanItem,
    Report,
    SupervisionPlan,
)
from renda.supervision.rules import SEE_INQUIRY, SEE_OPINION, SEE_PLAN, SEE_REPORT
from renda.supervision.workflow import AWAITING_ANSWER


def reports_visible_to(user: Any) -> QuerySet[Report]:
    return SEE_REPORT.rows(user, Report.objects.all())


def opinions_visible_to(user: Any) -> QuerySet[DeliberationOpinion]:
    return SEE_OPINION.rows(user, DeliberationOpinion.objects.all())


def inquiries_visible_to(user: Any) -> QuerySet[Inquiry]:
    return SEE_INQUIRY.rows(user, Inquiry.objects.all()).distinct()


def plans_visible_to(user: Any) -> QuerySet[SupervisionPlan]:
    return SEE_PLAN.rows(user, SupervisionPlan.objects.all())


def with_report_data(qs: QuerySet[Report]) -> QuerySet[Report]:
    return qs.select_related("unit", "body", "plan_item").annotate(n_opinions=Count("opinions"))


def filter_reports(
    qs: QuerySet[Report],
    *,
    q: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    state: str | None = None,
) -> QuerySet[Report]:
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(presenter__icontains=q))
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    return qs


def with_opinion_data(qs: QuerySet[DeliberationOpinion]) -> QuerySet[DeliberationOpinion]:
    return qs.select_related("unit", "report", "poll").annotate(
        n_points=Count("points", distinct=True),
        n_done=Count("points", filter=Q(points__done_on__isnull=False), distinct=True),
    )


def filter_opinions(
    qs: QuerySet[DeliberationOpinion],
    *,
    q: str | None = None,
    year: int | None = None,
    state: str | None = None,
    unit: Any = None,
    overdue: bool | None = False,
) -> QuerySet[DeliberationOpinion]:
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(report__title__icontains=q))
    if year:
        qs = qs.filter(report__year=year)
    if state:
        qs = qs.filter(state=state)
    if unit:
        qs = qs.filter(unit=unit)
    if overdue:
        qs = overdue_opinions(qs)
    return qs


def overdue_opinions(
    qs: QuerySet[DeliberationOpinion], today: datetime.date | None = None
) -> QuerySet[DeliberationOpinion]:
    """Sent (or followed up), the report on what was done not in by the deadline."""
    return qs.filter(overdue_q(today))


def overdue_q(today: datetime.date | None = None) -> Q:
    """overdue_opinions()' condition, for a count among others."""
    return Q(state__in=AWAITING_ANSWER, due_date__lt=today or timezone.localdate())


def opinion_points(opinion: DeliberationOpinion) -> list[OpinionPoint]:
    return list(opinion.points.order_by("number"))


def with_inquiry_data(qs: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    return qs.select_related("plan_item").annotate(
        n_units=Count("units", distinct=True),
        n_polled=Count("units", filter=Q(units__poll__isnull=False), distinct=True),
    )


def filter_inquiries(qs: QuerySet[Inquiry], *, year: int | None = None) -> QuerySet[Inquiry]:
    return qs.filter(year=year) if year else qs


def inquiry_units(inquiry: Inquiry) -> list[InquiryUnit]:
    return list(
        inquiry.units.select_related("unit", "poll").prefetch_related(
            Prefetch("questions", queryset=InquiryQuestion.objects.order_by("asked_at", "id"))
        )
    )


@dataclass
class PlanRow:
    """One item of the plan against what happened: the reports heard and inquiries held."""

    item: PlanItem
    done: bool
    late: bool
    reports: list[Report]
    inquiries: list[Inquiry]


def plan_rows(plan: SupervisionPlan, today: datetime.date | None = None) -> list[PlanRow]:
    day = today or timezone.localdate()
    items = plan.items.select_related("body").prefetch_related(
        Prefetch("reports", queryset=Report.objects.order_by("heard_on", "id")),
        Prefetch("inquiries", queryset=Inquiry.objects.order_by("held_on", "id")),
    )
    rows = []
    for item in items:
        reports = list(item.reports.all())
        inquiries = list(item.inquiries.all())
        done = any(r.heard_on for r in reports) or any(i.held_on for i in inquiries)
        month_over = (plan.year, item.month) < (day.year, day.month)
        rows.append(
            PlanRow(
                item, done, bool(not done and not item.dropped and month_over), reports, inquiries
            )
        )
    return rows
