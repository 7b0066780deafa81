"""The year's figures on suggestions, motions and promises, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, list_url, statistic
from renda.suggestions.models import (
    Evaluation,
    Motion,
    Period,
    Promise,
    Reply,
    ReplyCategory,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.workflow import ANSWERED, COUNTED

S = SuggestionState


def counted_suggestions(congress: Any, year: int) -> QuerySet[Suggestion]:
    """The suggestions a year's figures count (see COUNTED)."""
    return Suggestion.objects.filter(congress=congress, year=year, state__in=COUNTED)


@statistic("suggestions", label=_("Suggestions"))
def suggestions(congress: Any, year: int) -> int:
    """Accepted and handled suggestions of the year, session and recess together."""
    return counted_suggestions(congress, year).count()


@breakdown("suggestions", "state", label=_("Suggestions by state"))
def suggestions_by_state(congress: Any, year: int) -> list[Bucket]:
    counts = dict(
        counted_suggestions(congress, year).values_list("state").annotate(n=Count("id")).order_by()
    )
    return [
        Bucket(
            s.value,
            s.label,
            counts[s.value],
            list_url("suggestions:register", year=year, state=s.value),
        )
        for s in SuggestionState
        if counts.get(s.value)
    ]


@statistic("suggestions_session", label=_("Suggestions during the session"))
def suggestions_session(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(period=Period.SESSION).count()


@statistic("suggestions_recess", label=_("Suggestions during the recess"))
def suggestions_recess(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(period=Period.RECESS).count()


@statistic("suggestions_answered", label=_("Suggestions answered"))
def suggestions_answered(congress: Any, year: int) -> int:
    """Replied, being handled again after a reply, or evaluated."""
    return counted_suggestions(congress, year).filter(state__in=ANSWERED).count()


@statistic("key_suggestions", label=_("Key suggestions"))
def key_suggestions(congress: Any, year: int) -> int:
    return counted_suggestions(congress, year).filter(is_key=True).count()


@statistic("motions", label=_("Motions"))
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


@statistic("suggestions_satisfied", label=_("Evaluated satisfied"))
def suggestions_satisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.SATISFIED)


@statistic("suggestions_basically_satisfied", label=_("Evaluated basically satisfied"))
def suggestions_basically_satisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.BASIC)


@statistic("suggestions_dissatisfied", label=_("Evaluated dissatisfied"))
def suggestions_dissatisfied(congress: Any, year: int) -> int:
    return _final_evaluations(congress, year, Satisfaction.DISSATISFIED)


def _promises(congress: Any, year: int) -> QuerySet[Promise]:
    """Promises made in replies to the year's suggestions, whenever they fall due."""
    return Promise.objects.filter(congress=congress, suggestion__year=year)


@statistic("promises", label=_("Promises made"))
def promises(congress: Any, year: int) -> int:
    return _promises(congress, year).count()


@statistic("promises_delivered", label=_("Promises delivered"))
def promises_delivered(congress: Any, year: int) -> int:
    return _promises(congress, year).filter(done_at__isnull=False).count()


@breakdown("promises", "delivery", label=_("Promises delivered and open"))
def promises_by_delivery(congress: Any, year: int) -> list[Bucket]:
    delivered = promises_delivered(congress, year)
    still_open = promises(congress, year) - delivered
    ledger = "suggestions:promise_ledger"
    return [
        Bucket("delivered", _("Delivered"), delivered, list_url(ledger, year=year, show="all")),
        Bucket(
            "open", _("Not delivered yet"), still_open, list_url(ledger, year=year, show="open")
        ),
    ]


@breakdown("suggestions_answered", "evaluation", label=_("Deputies' evaluation of the replies"))
def answered_by_evaluation(congress: Any, year: int) -> list[Bucket]:
    register = "suggestions:register"
    evaluated = list_url(register, year=year, state=S.EVALUATED)
    buckets = [
        Bucket(s.value, s.label, _final_evaluations(congress, year, s.value), evaluated)
        for s in Satisfaction
    ]
    waiting = suggestions_answered(congress, year) - sum(b.value for b in buckets)
    buckets.append(
        Bucket("", _("Not evaluated yet"), waiting, list_url(register, year=year, state=S.REPLIED))
    )
    return buckets


@breakdown("suggestions_answered", "result", label=_("Replies by result"), whole=False)
def answered_by_result(congress: Any, year: int) -> list[Bucket]:
    """Suggestions answered with each result in their current round (a suggestion handled
    separately by two units may count under two results)."""
    counts = dict(
        Reply.objects.filter(
            suggestion__in=counted_suggestions(congress, year).filter(state__in=ANSWERED),
            handling_round=F("suggestion__handling_round"),
        )
        .values_list("category")
        .annotate(n=Count("suggestion_id", distinct=True))
        .order_by()
    )
    return [
        Bucket(
            c.value,
            c.label,
            counts.get(c.value, 0),
            list_url("suggestions:register", year=year, result=c.value),
        )
        for c in ReplyCategory
    ]


def _scores(congress: Any, year: int) -> list[Any]:
    """The units' scores, computed once per congress object (one request, one command) for
    the keys and breakdowns below."""
    from renda.suggestions.scoring import unit_scores

    memo = congress.__dict__.setdefault("_stats_unit_scores", {})
    if year not in memo:
        memo[year] = unit_scores(congress=congress, year=year)
    return memo[year]


@statistic("replies_due", label=_("Replies due"))
def replies_due(congress: Any, year: int) -> int:
    """Replies owed by units on the year's suggestions whose due date has come (as scored)."""
    return sum(us.replies_due for us in _scores(congress, year))


@statistic("replies_on_time", label=_("Replies given on time"))
def replies_on_time(congress: Any, year: int) -> int:
    return sum(us.on_time for us in _scores(congress, year))


def _by_unit(congress: Any, year: int, figure: str) -> list[Bucket]:
    """A figure of the units' scores per unit, the units with the most replies due first."""
    url = list_url("suggestions:unit_scores", year=year)
    return [
        Bucket(str(us.unit.pk), us.unit.name, getattr(us, figure), url)
        for us in sorted(_scores(congress, year), key=lambda us: -us.replies_due)
        if us.replies_due
    ]


@breakdown("replies_due", "unit", label=_("Replies due by unit"))
def replies_due_by_unit(congress: Any, year: int) -> list[Bucket]:
    return _by_unit(congress, year, "replies_due")


@breakdown("replies_on_time", "unit", label=_("Replies on time by unit"))
def replies_on_time_by_unit(congress: Any, year: int) -> list[Bucket]:
    return _by_unit(congress, year, "on_time")


def _overdue(congress: Any, year: int) -> list[tuple[Any, int]]:
    from renda.suggestions.supervision.queries import overdue_board

    boards = overdue_board(congress)
    counted = [(b.unit, sum(1 for i in b.overdue if i.suggestion.year == year)) for b in boards]
    return [(unit, n) for unit, n in counted if n]


@statistic("replies_overdue", label=_("Replies overdue now"))
def replies_overdue(congress: Any, year: int) -> int:
    """Replies on the year's suggestions past their due date and still owed today."""
    return sum(n for _unit, n in _overdue(congress, year))


@breakdown("replies_overdue", "unit", label=_("Overdue replies by unit"))
def replies_overdue_by_unit(congress: Any, year: int) -> list[Bucket]:
    url = list_url("suggestions:overdue_board")
    return [Bucket(str(unit.pk), unit.name, n, url) for unit, n in _overdue(congress, year)]
