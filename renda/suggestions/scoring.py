"""Unit scoring (评分通报): each handling unit's year of suggestions as a score out of 100.

What is scored: a unit's *cases*, i.e. its active assignments as sole, lead or separate
handler on the year's suggestions that reached handling (assigned, replied, handled again or
evaluated; a withdrawn suggestion is not scored). Co-handlers (协办) are not scored: their duty
is input to the lead unit, which answers for the reply. A unit that was granted an adjustment
(申请调整) no longer holds the case and is not scored on it.

Components, each a rate between 0 and 1, weighted:

==================  ======  ==========================================================
component           weight  rate
==================  ======  ==========================================================
promises (落实率)      40    promises of the unit's replies to the year's suggestions that
                            were due by the scoring date and delivered by then / those due
on time (按时答复)     20    replies given on or before their due date / replies due. Each
                            handling round of a case is one reply due, once it was given or
                            its due date has passed. The due date is the round's: for the
                            first round the assignment date + `reply_months`, or the last
                            extension staff approved in that round; for the second round the
                            date set when the deputy sent it back (or its approved extension)
communication (沟通)   10    of those same replies due, the ones with a contact with the
                            deputy recorded by the unit in that round on or before the reply
                            (or by the scoring date, for a reply still missing)
evaluations (评价)     20    final evaluations of closed cases: 满意 1, 基本满意 ½, 不满意 0,
                            averaged
re-handling (重新办理)  10    cases not sent back / cases: each case handled again costs
                            10 / cases points
==================  ======  ==========================================================

A component with nothing to measure yet (no promise due, no reply due, no case evaluated) is
left out and the weights of the others are scaled up to 100, so a unit is neither rewarded nor
punished for what has not happened. The score is rounded to two decimals (half up).

Units with fewer cases than the congress's `score_min_cases` are listed with their score but
not ranked (rank None, with the reason). Ranking is by score, highest first; equal scores
share a rank and the next rank skips (1, 1, 3).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.models import Event
from renda.org.models import HandlingUnit
from renda.suggestions.models import (
    Assignment,
    Contact,
    Evaluation,
    Extension,
    Promise,
    Reply,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.supervision.queries import replying_assignments
from renda.suggestions.workflow import HANDLED

S = SuggestionState
SCORED_STATES = HANDLED

WEIGHTS: dict[str, int] = {
    "promises": 40,
    "on_time": 20,
    "communication": 10,
    "evaluation": 20,
    "rehandling": 10,
}

EVALUATION_POINTS = {
    Satisfaction.SATISFIED: Fraction(1),
    Satisfaction.BASIC: Fraction(1, 2),
    Satisfaction.DISSATISFIED: Fraction(0),
}


@dataclass
class UnitScore:
    unit: HandlingUnit
    cases: int = 0
    replies_due: int = 0
    on_time: int = 0
    communicated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0
    rehandled: int = 0
    promises_due: int = 0
    promises_done: int = 0
    score: Decimal = Decimal("0")
    rank: int | None = None
    reason: str = ""  # why the unit is not ranked
    rates: dict[str, Fraction | None] = field(default_factory=dict)
    breakdown: dict[str, Decimal | None] = field(default_factory=dict)  # points(), for a page

    @property
    def evaluated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def measured_weight(self) -> int:
        """The weights of the components measured: below 100, each component's points are
        scaled up by 100 / this, and may exceed its weight (按时答复 33.33 where 20 is its
        weight, when only 60 are measured)."""
        return sum(WEIGHTS[k] for k, r in self.rates.items() if r is not None)

    @property
    def scale(self) -> Decimal | None:
        """100 / the measured weights, when the components are scaled up; else None."""
        measured = self.measured_weight
        if not measured or measured >= 100:
            return None
        return _round(Fraction(100, measured))

    def points(self) -> dict[str, Decimal | None]:
        """Each component's share of the 100 points, for a breakdown next to the score."""
        measured = self.measured_weight
        return {
            k: _round(Fraction(100 * WEIGHTS[k], measured) * r) if r is not None else None
            for k, r in self.rates.items()
        }


def unit_scores(
    *,
    congress: Any,
    year: int,
    min_cases: int | None = None,
    on: datetime.date | None = None,
) -> list[UnitScore]:
    """Every unit that handled the year's suggestions, scored as of `on` (today by default),
    ranked units first in rank order, then the unranked ones by score."""
    on = on or timezone.localdate()
    if min_cases is None:
        min_cases = congress.setting("score_min_cases")
    # Cached until the congress's next event: every write that changes a score (assigning,
    # replying, a contact, an evaluation, an extension, a promise delivered) goes through the
    # case core and leaves an event in the same transaction, so a cached score is never stale.
    key = f"renda:unit_scores:{congress.pk}:{year}:{on.isoformat()}:{_latest_event(congress)}"
    scores = cache.get(key)
    if scores is None:
        scores = _compute(congress, year, on)
        cache.set(key, scores, timeout=24 * 3600)
    return _rank(scores, min_cases)


def _latest_event(congress: Any) -> int:
    """The id of the congress's newest event (an index look-up on the primary key)."""
    latest = Event.objects.filter(congress_id=congress.pk).order_by("-id").values("id")[:1]
    return next(iter(latest.values_list("id", flat=True)), 0)


def _compute(
    congress: Any, year: int, on: datetime.date, *, first_rounds_in_sql: bool = True
) -> list[UnitScore]:
    """The cases still in their first handling round (most of them) are counted by the
    database, one aggregate per unit; only the re-handled ones, whose earlier rounds' due
    dates are rebuilt on the working-day calendar, are read into Python. The cold cost
    follows the re-handled cases, not the year's (issue 18). `first_rounds_in_sql=False`
    reads every case into Python: the reference the tests compare the aggregate with."""
    scored = replying_assignments(congress).filter(
        suggestion__year=year, suggestion__state__in=SCORED_STATES
    )
    scores: dict[int, UnitScore] = {}
    in_python = scored
    if first_rounds_in_sql:
        _add_first_rounds(scores, scored.filter(suggestion__handling_round=1), on)
        in_python = scored.filter(suggestion__handling_round__gt=1)
    assignments = list(
        in_python.select_related("unit", "suggestion").defer(
            "part", "contest_reason", "input_text", "suggestion__body", "suggestion__return_reason"
        )
    )
    # The cases' history by a subquery, not an IN list of thousands of ids.
    history = _CaseHistory.load(in_python.values("suggestion_id"))
    cal = WorkingCalendar()  # one for every case: each year's holidays are read once
    for a in assignments:
        us = scores.setdefault(a.unit_id, UnitScore(unit=a.unit))
        _add_case(us, a, history, congress, on, cal)
    _add_promises(scores, congress, year, on)
    for us in scores.values():
        _finish(us)
    return list(scores.values())


# --- loading -------------------------------------------------------------------------------


@dataclass
class _CaseHistory:
    """What the scoring reads about the cases, loaded in one query per table."""

    replies: dict[tuple[int, int, int], Reply]  # (suggestion, unit, round)
    contacts: dict[tuple[int, int], list[datetime.date]]  # (suggestion, unit)
    evaluations: dict[int, list[Evaluation]]  # by round, oldest first
    extensions: dict[int, list[Extension]]  # approved ones, oldest first

    @classmethod
    def load(cls, suggestion_ids: Iterable[int] | QuerySet[Any]) -> _CaseHistory:
        ids = suggestion_ids if isinstance(suggestion_ids, QuerySet) else list(suggestion_ids)
        replies = {
            (r.suggestion_id, r.unit_id, r.handling_round): r
            for r in Reply.objects.filter(suggestion_id__in=ids).only(
                "suggestion_id", "unit_id", "handling_round", "replied_at"
            )
        }
        contacts: dict[tuple[int, int], list[datetime.date]] = defaultdict(list)
        for sid, uid, day in Contact.objects.filter(suggestion_id__in=ids).values_list(
            "suggestion_id", "unit_id", "date"
        ):
            contacts[(sid, uid)].append(day)
        evaluations: dict[int, list[Evaluation]] = defaultdict(list)
        for ev in Evaluation.objects.filter(suggestion_id__in=ids).order_by("handling_round"):
            evaluations[ev.suggestion_id].append(ev)
        extensions: dict[int, list[Extension]] = defaultdict(list)
        for ext in Extension.objects.filter(
            suggestion_id__in=ids, state=Extension.State.APPROVED
        ).order_by("decided_at", "id"):
            extensions[ext.suggestion_id].append(ext)
        return cls(replies, contacts, evaluations, extensions)


def round_dues(
    suggestion: Suggestion,
    evaluations: list[Evaluation],
    extensions: list[Extension],
    cal: WorkingCalendar | None = None,
) -> dict[int, tuple[datetime.date, datetime.date]]:
    """Each handling round's (start, reply due date), approved extensions included.

    The suggestion keeps only the current round's due date, so an earlier round's is
    rebuilt: the last extension staff approved during that round, else the rule that set it
    (`reply_months` after assignment, `rehandle_months` after the evaluation that sent it back).
    """
    congress = suggestion.congress
    cal = cal or WorkingCalendar()
    sent_back = {e.handling_round: e.evaluated_at for e in evaluations}
    start_at: datetime.datetime = suggestion.assigned_at  # type: ignore[assignment]
    rounds: dict[int, tuple[datetime.date, datetime.date]] = {}
    for r in range(1, suggestion.handling_round + 1):
        start = timezone.localdate(start_at)
        if r == suggestion.handling_round:
            due = suggestion.reply_due or start
        else:
            ended = sent_back[r]
            approved = [e for e in extensions if e.decided_at and start_at <= e.decided_at < ended]
            months = congress.setting("reply_months" if r == 1 else "rehandle_months")
            due = (
                approved[-1].new_due
                if approved
                else next_workday_on_or_after(add_months(start, months), cal)
            )
            start_at = ended
        rounds[r] = (start, due)
    return rounds


# --- counting ------------------------------------------------------------------------------


def _add_case(
    us: UnitScore,
    a: Assignment,
    h: _CaseHistory,
    congress: Any,
    on: datetime.date,
    cal: WorkingCalendar,
) -> None:
    s = a.suggestion
    s.congress = congress  # one congress for all; spares a query per case
    evaluations = h.evaluations.get(s.pk, [])
    us.cases += 1
    if s.handling_round > 1:
        us.rehandled += 1
    contacts = h.contacts.get((s.pk, a.unit_id), [])
    for r, (start, due) in round_dues(s, evaluations, h.extensions.get(s.pk, []), cal).items():
        reply = h.replies.get((s.pk, a.unit_id, r))
        if reply is None and due >= on:
            continue  # not due yet: nothing to judge
        us.replies_due += 1
        end = timezone.localdate(reply.replied_at) if reply else on
        if reply is not None and end <= due:
            us.on_time += 1
        # A round's contacts count from its start (the first round: any before the reply).
        if any((r == 1 or day >= start) and day <= end for day in contacts):
            us.communicated += 1
    if s.state == S.EVALUATED:
        final = next((e for e in evaluations if e.handling_round == s.handling_round), None)
        if final is not None:
            if final.result == Satisfaction.SATISFIED:
                us.satisfied += 1
            elif final.result == Satisfaction.BASIC:
                us.basically_satisfied += 1
            else:
                us.dissatisfied += 1


def _add_first_rounds(
    scores: dict[int, UnitScore], first: QuerySet[Assignment], on: datetime.date
) -> None:
    """_add_case for every case in its first round, from one row of values per case read by
    the database (no model objects, no calendar): the round's due date is the suggestion's
    (or the day assigned, while none is set), its reply the unit's round-1 reply, a contact
    counts up to the reply (or `on`), the final evaluation is round 1's. Days are read in the
    congress's time zone, as timezone.localdate does. (Counted here rather than by FILTERed
    aggregates: those repeat every subquery in each FILTER.)"""
    case = {"suggestion_id": OuterRef("suggestion_id"), "unit_id": OuterRef("unit_id")}
    reply = Reply.objects.filter(**case, handling_round=1).order_by()
    final = Evaluation.objects.filter(suggestion_id=OuterRef("suggestion_id"), handling_round=1)
    rows = (
        first.annotate(
            due=Coalesce("suggestion__reply_due", TruncDate("suggestion__assigned_at")),
            replied=Subquery(reply.annotate(day=TruncDate("replied_at")).values("day")[:1]),
        )
        .annotate(end=Coalesce("replied", Value(on, output_field=DateField())))
        .annotate(
            contacted=Exists(Contact.objects.filter(**case, date__lte=OuterRef("end"))),
            final=Case(
                When(
                    suggestion__state=S.EVALUATED,
                    then=Subquery(final.order_by().values("result")[:1]),
                ),
                default=None,
            ),
        )
        .order_by()
        .values_list("unit_id", "due", "replied", "contacted", "final")
    )
    counted: dict[int, list[int]] = {}
    for unit_id, due, replied, contacted, result in rows:
        c = counted.setdefault(unit_id, [0] * len(_FIRST_ROUND_FIGURES))
        c[0] += 1  # cases
        if replied is not None or due < on:  # judged: replied, or its due date has passed
            c[1] += 1
            c[2] += replied is not None and replied <= due
            c[3] += bool(contacted)
        if result is not None:
            c[
                4 if result == Satisfaction.SATISFIED else 5 if result == Satisfaction.BASIC else 6
            ] += 1
    units = HandlingUnit.objects.in_bulk(list(counted))
    for unit_id, figures in counted.items():
        us = scores.setdefault(unit_id, UnitScore(unit=units[unit_id]))
        for name, n in zip(_FIRST_ROUND_FIGURES, figures, strict=True):
            setattr(us, name, getattr(us, name) + n)


_FIRST_ROUND_FIGURES = (
    "cases",
    "replies_due",
    "on_time",
    "communicated",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
)


def _add_promises(
    scores: dict[int, UnitScore], congress: Any, year: int, on: datetime.date
) -> None:
    """Promises due by `on`, and of those the ones delivered by the end of that day."""
    end_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    rows = (
        Promise.objects.filter(
            congress=congress, suggestion__year=year, unit_id__in=list(scores), due_date__lte=on
        )
        .values("unit_id")
        .annotate(due=Count("id"), done=Count("id", filter=Q(done_at__lte=end_of_day)))
    )
    for row in rows:
        scores[row["unit_id"]].promises_due = row["due"]
        scores[row["unit_id"]].promises_done = row["done"]


def _rate(part: int | Fraction, whole: int) -> Fraction | None:
    return Fraction(part) / whole if whole else None


def _round(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _finish(us: UnitScore) -> None:
    evaluation_points = (
        us.satisfied * EVALUATION_POINTS[Satisfaction.SATISFIED]
        + us.basically_satisfied * EVALUATION_POINTS[Satisfaction.BASIC]
    )
    us.rates = {
        "promises": _rate(us.promises_done, us.promises_due),
        "on_time": _rate(us.on_time, us.replies_due),
        "communication": _rate(us.communicated, us.replies_due),
        "evaluation": _rate(evaluation_points, us.evaluated),
        "rehandling": _rate(us.cases - us.rehandled, us.cases),
    }
    measured = {k: r for k, r in us.rates.items() if r is not None}
    total_weight = sum(WEIGHTS[k] for k in measured)
    weighted = sum((WEIGHTS[k] * r for k, r in measured.items()), Fraction(0))
    us.score = _round(100 * weighted / total_weight)


def _rank(scores: list[UnitScore], min_cases: int) -> list[UnitScore]:
    by_score = sorted(scores, key=lambda us: (-us.score, us.unit.name))
    ranked = [us for us in by_score if us.cases >= min_cases]
    previous: UnitScore | None = None
    for position, us in enumerate(ranked, start=1):
        us.rank = previous.rank if previous and previous.score == us.score else position
        previous = us
    unranked = [us for us in by_score if us.cases < min_cases]
    for us in unranked:
        us.reason = _("Fewer than %(n)d suggestions handled: not ranked.") % {"n": min_cases}
    return ranked + unranked
