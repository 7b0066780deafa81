"""Unit scoring (评分通报): a worked example computed by hand, ranking, ties, the minimum."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from renda.suggestions import actions as A
from renda.suggestions.models import Promise
from renda.suggestions.scoring import unit_scores

from .handling import assigned, delivered, evaluated, extended, replied

D = datetime.date
ASSIGNED = D(2024, 3, 1)  # a Friday; 3 months later is Sat 1 June, so replies are due Mon 3 June
SCORED_ON = D(2024, 12, 31)


@pytest.fixture
def year(cast, org, submit, third_unit, third_handler):
    """Three units' 2024, every suggestion assigned on 1 March 2024."""
    staff, deputy = cast["staff"], cast["deputy"]
    unit, other, third = org["unit"], org["other_unit"], third_unit
    h_unit, h_other = cast["handler"], cast["other_handler"]

    def sole(u, title):
        return assigned(submit, staff, ASSIGNED, [A.UnitPart(u, "sole")], title=title)

    # Unit A (交通局): on time, late, and one sent back then solved.
    a1 = sole(unit, "a1")
    replied(a1, h_unit, D(2024, 4, 1), "A")
    evaluated(a1, deputy, D(2024, 4, 5), "satisfied")
    a2 = sole(unit, "a2")
    replied(a2, h_unit, D(2024, 6, 10), "B", promises=[("P1", D(2024, 9, 30))])  # late
    evaluated(a2, deputy, D(2024, 6, 15), "basic")
    delivered(Promise.objects.get(text="P1"), h_unit, D(2024, 9, 20))
    a3 = sole(unit, "a3")
    replied(a3, h_unit, D(2024, 4, 1), "B", promises=[("P2", D(2024, 10, 31))])  # never done
    evaluated(a3, deputy, D(2024, 4, 8), "dissatisfied")  # round 2 due Wed 8 May
    replied(a3, h_unit, D(2024, 4, 22), "A")
    evaluated(a3, deputy, D(2024, 4, 25), "satisfied")

    # Unit B (教育局): late only without its extension, one never replied, and co-handling.
    b1 = sole(other, "b1")
    extended(b1, h_other, staff, D(2024, 5, 20), D(2024, 7, 31))
    replied(b1, h_other, D(2024, 7, 15), "B", promises=[("P3", D(2024, 11, 30))])
    evaluated(b1, deputy, D(2024, 7, 20), "dissatisfied")  # round 2 due Tue 20 Aug
    replied(b1, h_other, D(2024, 8, 12), "A")
    evaluated(b1, deputy, D(2024, 8, 15), "satisfied")
    delivered(Promise.objects.get(text="P3"), h_other, D(2024, 11, 28))
    sole(other, "b2")  # no contact, no reply, overdue since 3 June
    b3 = sole(other, "b3")
    replied(b3, h_other, D(2024, 5, 6), "A")
    evaluated(b3, deputy, D(2024, 5, 10), "basic")

    # Unit C (住建局): one case as lead, with unit B as co-handler (co-handlers are not scored).
    c1 = assigned(
        submit,
        staff,
        ASSIGNED,
        [A.UnitPart(third, "lead"), A.UnitPart(other, "co")],
        title="c1",
    )
    replied(c1, third_handler, D(2024, 4, 1), "A")
    evaluated(c1, deputy, D(2024, 4, 3), "satisfied")
    return {"unit": unit, "other": other, "third": third}


def test_worked_example(congress, year):
    scores = unit_scores(congress=congress, year=2024, on=SCORED_ON)
    by_unit = {s.unit: s for s in scores}

    a = by_unit[year["unit"]]
    # Unit A: 3 cases, 1 handled again.
    #   promises    P1 done, P2 due 31 Oct not done          1/2 × 40 = 20
    #   on time     a1 ✓, a2 ✗ (10 Jun > 3 Jun), a3 r1 ✓, a3 r2 ✓ (22 Apr ≤ 8 May)
    #                                                         3/4 × 20 = 15
    #   contact     4 of 4 replies had one                    4/4 × 10 = 10
    #   evaluation  1 + ½ + 1 (a3's final round)               2.5/3 × 20 = 16.666…
    #   re-handling (3 − 1)/3                                 2/3 × 10 = 6.666…
    #   total 68.333… → 68.33
    assert (a.cases, a.replies_due, a.on_time, a.communicated, a.rehandled) == (3, 4, 3, 4, 1)
    assert (a.promises_due, a.promises_done) == (2, 1)
    assert a.score == Decimal("68.33")

    b = by_unit[year["other"]]
    # Unit B: 3 cases (c1's co-handling is not one), 1 handled again.
    #   promises    P3 done                                   1/1 × 40 = 40
    #   on time     b1 r1 ✓ (15 Jul ≤ extended 31 Jul), b1 r2 ✓ (12 Aug ≤ 20 Aug),
    #               b2 ✗ (never replied), b3 ✓                3/4 × 20 = 15
    #   contact     b2 never contacted                        3/4 × 10 = 7.5
    #   evaluation  1 (b1's final round) + ½ (b3)             1.5/2 × 20 = 15
    #   re-handling (3 − 1)/3                                 2/3 × 10 = 6.666…
    #   total 84.1666… → 84.17
    assert (b.cases, b.replies_due, b.on_time, b.communicated, b.rehandled) == (3, 4, 3, 3, 1)
    assert b.score == Decimal("84.17")

    c = by_unit[year["third"]]
    # Unit C: no promise, so the other weights (60) are scaled to 100: all full → 100.
    assert c.rates["promises"] is None and c.score == Decimal("100.00")

    # Ranked by score; C has 1 case, under the default minimum of 3: listed, not ranked.
    assert [(s.unit, s.rank) for s in scores] == [(b.unit, 1), (a.unit, 2), (c.unit, None)]
    assert c.reason and not a.reason


def test_points_add_up_to_the_score(congress, year):
    scores = unit_scores(congress=congress, year=2024, on=SCORED_ON)
    a = next(s for s in scores if s.unit == year["unit"])
    points = a.points()
    assert points["promises"] == Decimal("20.00") and points["on_time"] == Decimal("15.00")
    assert abs(sum(p for p in points.values() if p is not None) - a.score) <= Decimal("0.02")


def test_the_minimum_is_a_congress_setting(congress, year):
    congress.settings = {"score_min_cases": 1}
    congress.save()
    scores = unit_scores(congress=congress, year=2024, on=SCORED_ON)
    assert [s.rank for s in scores] == [1, 2, 3]
    assert scores[0].unit == year["third"]
    assert [
        s.rank for s in unit_scores(congress=congress, year=2024, min_cases=4, on=SCORED_ON)
    ] == [
        None,
        None,
        None,
    ]


def test_promises_not_yet_due_are_not_counted(congress, year):
    # On 1 Oct 2024 only P1 (due 30 Sep, done) is due for unit A.
    a = next(
        s
        for s in unit_scores(congress=congress, year=2024, on=D(2024, 10, 1))
        if s.unit == year["unit"]
    )
    assert (a.promises_due, a.promises_done) == (1, 1)


def test_equal_scores_share_a_rank(cast, org, submit, third_unit, third_handler, congress):
    staff = cast["staff"]
    for unit, handler, day in (
        (org["unit"], cast["handler"], D(2024, 4, 1)),
        (org["other_unit"], cast["other_handler"], D(2024, 4, 2)),
        (third_unit, third_handler, D(2024, 7, 1)),  # late
    ):
        s = assigned(submit, staff, ASSIGNED, [A.UnitPart(unit, "sole")], title=unit.name)
        replied(s, handler, day, "A")
        evaluated(s, cast["deputy"], day + datetime.timedelta(days=2), "satisfied")
    scores = unit_scores(congress=congress, year=2024, min_cases=1, on=SCORED_ON)
    assert [(s.rank, s.score) for s in scores] == [
        (1, Decimal("100.00")),
        (1, Decimal("100.00")),
        (3, Decimal("66.67")),  # no promises; late: (0 + 10 + 20 + 10) / 60 × 100
    ]


def test_withdrawn_and_co_handled_suggestions_are_not_cases(cast, org, submit, congress):
    s = assigned(
        submit,
        cast["staff"],
        ASSIGNED,
        [A.UnitPart(org["unit"], "lead"), A.UnitPart(org["other_unit"], "co")],
    )
    assert [(x.unit, x.cases) for x in unit_scores(congress=congress, year=2024)] == [
        (org["unit"], 1)
    ]
    A.suggestion_withdraw(suggestion=s, actor=cast["deputy"], reason="已解决。")
    assert unit_scores(congress=congress, year=2024) == []
