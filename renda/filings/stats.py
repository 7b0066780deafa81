"""The year's filing-review figures, counted from rows (`renda stats`; the annual report)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.stats import statistic
from renda.filings.models import (
    Filing,
    Review,
    ReviewKind,
    ReviewProposal,
    ReviewState,
)
from renda.filings.workflow import WITH_PROBLEM


def filings_of(congress: Any, year: int) -> QuerySet[Filing]:
    """Filings received in the year (by the day they were first filed)."""
    return Filing.objects.filter(congress=congress, filed_at__year=year)


def reviews_concluded(congress: Any, year: int, kind: str | None = None) -> QuerySet[Review]:
    qs = Review.objects.filter(congress=congress, concluded_at__year=year)
    return qs.filter(kind=kind) if kind else qs


def proposals_of(congress: Any, year: int) -> QuerySet[ReviewProposal]:
    return ReviewProposal.objects.filter(congress=congress, submitted_at__year=year)


@statistic("filings_received", label=_("Normative documents filed"))
def filings_received(congress: Any, year: int) -> int:
    return filings_of(congress, year).count()


@statistic("filings_late", label=_("Filed late"))
def filings_late(congress: Any, year: int) -> int:
    """Filed after the congress's filing days from publication (accepted, marked late)."""
    return filings_of(congress, year).filter(late=True).count()


@statistic("filings_reviewed", label=_("Normative documents reviewed"))
def filings_reviewed(congress: Any, year: int) -> int:
    """Filed documents whose (active) review was concluded in the year: 备案审查…件."""
    return reviews_concluded(congress, year, ReviewKind.ACTIVE).count()


@statistic("filings_with_problems", label=_("Documents with problems found"))
def filings_with_problems(congress: Any, year: int) -> int:
    return (
        reviews_concluded(congress, year, ReviewKind.ACTIVE).filter(state__in=WITH_PROBLEM).count()
    )


@statistic("filings_corrected", label=_("Documents corrected"))
def filings_corrected(congress: Any, year: int) -> int:
    """Problems found in filed documents that the issuing body corrected, closed in the year."""
    return Review.objects.filter(
        congress=congress,
        kind=ReviewKind.ACTIVE,
        state=ReviewState.CORRECTED,
        closed_at__year=year,
    ).count()


@statistic("review_proposals", label=_("Review proposals"))
def review_proposals(congress: Any, year: int) -> int:
    """Review proposals (审查建议) received from citizens and organisations."""
    return proposals_of(congress, year).count()
