"""The year's figures on suggestions, motions and promises, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from renda.core.stats import statistic
from renda.suggestions.models import (
    Evaluation,
    Motion,
    Period,
    Promise,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.workflow import ANSWERED, COUNTED

S = SuggestionState


def counted_suggestions(congress: Any, year: int) -> QuerySet[Suggestion]:
    """The suggestions a year's figures count (see COUNTED)."""
    return Suggestion.objects.filter(congress=congress, year=year, state__in=COUNTED)


@statistic("suggestions")
def suggestions(congress: Any, year: int) -> int:
    """Accepted and handled suggestions of the year, session and recess together."""
    return counted_suggestions(congress, year).count()


@statistic("suggestions_session")
def suggestions_session(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(period=Period.SESSION).count()


@statistic("suggestions_recess")
def suggestions_recess(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(period=Period.RECESS).count()


@statistic("suggestions_answered")
def suggestions_answered(congress: Any, year: int) -> int:
    """Replied, being handled again after a reply, or evaluated."""
    return counted_suggestions(congress, year).filter(state__in=ANSWERED).count()


@statistic("key_suggestions")
def key_suggestions(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(is_key=True).count()


@statistic("motions")
def motions(congress: Any, year: int) -> int:
    """Every motion of the year, including those not listed and handled as suggestions."""
    return Motion.objects.filter(congress=congress, year=year).count()


def _final_evaluations(congress: Any, year: int, result: str) -> int:
    # The final round's evaluation of a closed suggestion: a first-round 不满意 that sent it
    # back is not final, the second round's is.
    return Evaluation.objects.filter(
        suggestion__congress=congress,
        suggestion__year=year,
        suggestion__state=S.EVALUATED,
        handling_round=F("suggestion__handling_round"),
        result=result,
    ).count()


@statistic("suggestions_satisfied")
def suggestions_satisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.SATISFIED)


@statistic("suggestions_basically_satisfied")
def suggestions_basically_satisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.BASIC)


@statistic("suggestions_dissatisfied")
def suggestions_dissatisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.DISSATISFIED)


def _promises(congress: Any, year: int) -> QuerySet[Promise]:
    """Promises made in replies to the year's suggestions, whenever they fall due."""
    return Promise.objects.filter(congress=congress, suggestion__year=year)


@statistic("promises")
def promises(congress: Any, year: int) -> int:
    return _promises(congress, year).count()


@statistic("promises_delivered")
def promises_delivered(congress: Any, year: int) -> int:
    return _promises(congress, year).filter(done_at__isnull=False).count()
