"""The year's figures on suggestions, motions and promises, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, list_url, shared, statistic
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


def _counts(congress: Any, year: int) -> list[tuple[str, str, bool, int]]:
    """The year's counted suggestions by (state, period, is_key): one grouped count that the
    keys below and the breakdown by state split, read once per reading (stats.shared)."""
    return shared(
        ("suggestions.counts", congress.pk, year),
        lambda: list(
            counted_suggestions(congress, year)
            .values_list("state", "period", "is_key")
            .annotate(n=Count("*"))
            .order_by()
        ),
    )


def _count(
    congress: Any, year: int, *, state: Any = None, period: str = "", key: bool = False
) -> int:
    """The year's counted suggestions in `state` (a set; any), `period` (any) and key ones."""
    return sum(
        n
        for st, p, is_key, n in _counts(congress, year)
        if (state is None or st in state) and (not period or p == period) and (is_key or not key)
    )


@statistic("suggestions", label=_("Suggestions"))
def suggestions(congress: Any, year: int) -> int:
    """Accepted and handled suggestions of the year, session and recess together."""
    return _count(congress, year)


@breakdown("suggestions", "state", label=_("Suggestions by state"))
def suggestions_by_state(congress: Any, year: int) -> list[Bucket]:
    counts = {s.value: _count(congress, year, state={s.value}) for s in SuggestionState}
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
    return _count(congress, year, period=Period.SESSION)


@statistic("suggestions_recess", label=_("Suggestions during the recess"))
def suggestions_recess(congress: Any, year: int) -> int:
    return _count(congress, year, period=Period.RECESS)


@statistic("suggestions_answered", label=_("Suggestions answered"))
def suggestions_answered(congress: Any, year: int) -> int:
    """Replied, being handled again after a reply, or evaluated."""
    return _count(congress, year, state=ANSWERED)


@statistic("key_suggestions", label=_("Key suggestions"))
def key_suggestions(congress: Any, year: int) -> int:
    return _count(congress, year, key=True)


@statistic("motions", label=_("Motions"))
def motions(congress: Any, year: int) -> int:
    """Every motion of the year, including those not listed and handled as suggestions."""
    return Motion.objects.filter(congress=congress, year=year).count()


def _final_evaluations(congress: Any, year: int, result: str) -> int:
    """The final round's evaluations of closed suggestions with `result`: a first-round 不满意
    that sent one back is not final, the second round's is. One grouped count per reading."""
    counts = shared(
        ("suggestions.final_evaluations", congress.pk, year),
        lambda: dict(
            Evaluation.objects.filter(
                suggestion__congress=congress,
                suggestion__year=year,
                suggestion__state=S.EVALUATED,
                handling_round=F("suggestion__handling_round"),
            )
            .values_list("result")
            .annotate(n=Count("*"))
            .order_by()
        ),
    )
    return int(counts.get(result, 0))


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


def _promise_counts(congress: Any, year: int) -> dict[str, int]:
    return shared(
        ("suggestions.promises", congress.pk, year),
        lambda: _promises(congress, year).aggregate(
            made=Count("*"), delivered=Count("pk", filter=Q(done_at__isnull=False))
        ),
    )


@statistic("promises", label=_("Promises made"))
def promises(congress: Any, year: int) -> int:
    return _promise_counts(congress, year)["made"]


@statistic("promises_delivered", label=_("Promises delivered"))
def promises_delivered(congress: Any, year: int) -> int:
    return _promise_counts(congress, year)["delivered"]


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
    """The units' scores (cached until the next event), read once per reading for the keys
    and breakdowns below."""
    from renda.suggestions.scoring import unit_scores

    return shared(
        ("suggestions.unit_scores", congress.pk, year),
        lambda: unit_scores(congress=congress, year=year),
    )


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


def _overdue(congress: Any, year: int) -> list[tuple[int, str, int]]:
    """(unit id, name, replies overdue on the year's suggestions) for the units that have
    some, in the overdue board's order (most overdue replies of any year first, then by
    name): counted by the database, one row per unit."""
    from renda.suggestions.supervision.queries import owed_replies

    def read() -> list[tuple[int, str, int]]:
        rows = (
            owed_replies(congress, due_before=timezone.localdate())
            .values_list("unit_id", "unit__name")
            .annotate(overdue=Count("*"), of_year=Count("pk", filter=Q(suggestion__year=year)))
            .order_by()
        )
        ordered = sorted(rows, key=lambda r: (-r[2], r[1]))
        return [(pk, name, n) for pk, name, _all, n in ordered if n]

    return shared(("suggestions.overdue", congress.pk, year), read)


@statistic("replies_overdue", label=_("Replies overdue now"))
def replies_overdue(congress: Any, year: int) -> int:
    """Replies on the year's suggestions past their due date and still owed today."""
    return sum(n for _pk, _name, n in _overdue(congress, year))


@breakdown("replies_overdue", "unit", label=_("Overdue replies by unit"))
def replies_overdue_by_unit(congress: Any, year: int) -> list[Bucket]:
    url = list_url("suggestions:overdue_board")
    return [Bucket(str(pk), name, n, url) for pk, name, n in _overdue(congress, year)]
