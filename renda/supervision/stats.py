"""The year's supervision figures, counted from rows (`renda stats`). Budget adjustment plans
are the meetings app's figure (`budget_adjustments`): one key, one source."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from renda.core.stats import statistic
from renda.supervision.models import DeliberationOpinion, InquiryUnit, Report, ReportState
from renda.supervision.workflow import NOT_WORK_REPORTS, OPINION_SENT


def reports_heard(congress: Any, year: int) -> QuerySet[Report]:
    """Reports the standing committee heard at its meetings in the year (听取审议…报告)."""
    return Report.objects.filter(
        congress=congress, state=ReportState.HEARD, heard_on__year=year
    ).exclude(kind__in=NOT_WORK_REPORTS)


@statistic("work_reports")
def work_reports(congress: Any, year: int) -> int:
    return reports_heard(congress, year).count()


@statistic("deliberation_opinions")
def deliberation_opinions(congress: Any, year: int) -> int:
    """Deliberation opinions sent to the government or a body in the year."""
    return DeliberationOpinion.objects.filter(
        congress=congress, state__in=OPINION_SENT, sent_on__year=year
    ).count()


def inquiry_units_of(congress: Any, year: int) -> QuerySet[InquiryUnit]:
    """Departments questioned at the special inquiries held in the year (on site or written)."""
    return InquiryUnit.objects.filter(inquiry__congress=congress, inquiry__held_on__year=year)


@statistic("inquiry_units")
def inquiry_units(congress: Any, year: int) -> int:
    return inquiry_units_of(congress, year).count()


@statistic("inquiry_units_polled")
def inquiry_units_polled(congress: Any, year: int) -> int:
    """Of those, the departments members held a satisfaction poll on (closed)."""
    return inquiry_units_of(congress, year).filter(poll__closed_at__isnull=False).count()
