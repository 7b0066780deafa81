"""The evaluation: scoring rules with a worked example, caps, weights, defaults and rankings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.org.models import Deputy
from renda.performance.actions import RuleInput, scoring_rules_set
from renda.performance.models import ActKind, ScoringRule
from renda.performance.scoring import DEFAULT_RULES, rankings, rules_for, score

D = datetime.date
K = ActKind


def rule(kind: str, points: str, cap: str | None = None, weight: str = "1") -> ScoringRule:
    return ScoringRule(
        kind=kind,
        points=Decimal(points),
        cap=Decimal(cap) if cap else None,
        weight=Decimal(weight),
    )


WORKED_RULES = [
    rule(K.SUGGESTION, "5", cap="8"),  # a cap that bites
    rule(K.COSIGNED, "2"),
    rule(K.ACTIVITY, "3", cap="20", weight="1.5"),
    rule(K.TRAINING, "4"),
    rule(K.SESSION, "10", weight="2"),
]


def worked_year(acts, deputy) -> None:
    """2 suggestions led, 1 co-signed, 3 activities, 1 training, a manual entry (the session)."""
    acts.suggestion(deputy, D(2024, 1, 10))
    acts.suggestion(deputy, D(2024, 6, 10))
    other = acts.org["deputy2"]
    acts.cosign(acts.suggestion(other, D(2024, 2, 1)), deputy, D(2024, 2, 2))
    for month in (3, 4, 5):
        acts.activity([deputy], D(2024, month, 1))
    acts.training([deputy], D(2024, 7, 1))
    acts.manual(deputy, D(2024, 1, 5), kind=K.SESSION)


def test_worked_example_of_a_deputys_score(acts, org):
    deputy = org["deputy"]
    worked_year(acts, deputy)

    result = score(deputy, 2024, rules=WORKED_RULES)

    # suggestions led: 2 × 5 = 10, capped at 8, weight 1   →  8
    # co-signed:       1 × 2 =  2, no cap,      weight 1   →  2
    # activities:      3 × 3 =  9, cap 20 (not reached), weight 1.5 → 13.5
    # training:        1 × 4 =  4, no cap,      weight 1   →  4
    # session (entered by staff): 1 × 10 = 10, weight 2     → 20
    # total: 8 + 2 + 13.5 + 4 + 20 = 47.5
    assert result.total == Decimal("47.5")
    suggestions = result.line(K.SUGGESTION)
    assert suggestions is not None
    assert (suggestions.count, suggestions.points, suggestions.capped) == (2, 10, 8)
    assert suggestions.cap_bites
    activities = result.line(K.ACTIVITY)
    assert activities is not None
    assert (activities.points, activities.capped, activities.weighted) == (9, 9, Decimal("13.5"))
    assert not activities.cap_bites
    # Kinds without a rule are not scored; kinds with a rule and no acts score 0.
    assert result.line(K.MOTION) is None
    assert [line.kind for line in result.lines] == [
        K.SESSION,
        K.SUGGESTION,
        K.COSIGNED,
        K.ACTIVITY,
        K.TRAINING,
    ]


def test_a_congress_without_rules_is_scored_by_the_defaults(acts, org, congress):
    deputy = org["deputy"]
    for day in range(1, 7):
        acts.suggestion(deputy, D(2024, 3, day))
    assert len(rules_for(congress.pk)) == len(DEFAULT_RULES)
    result = score(deputy, 2024)
    points, cap, _weight = DEFAULT_RULES[K.SUGGESTION]
    assert result.total == min(6 * points, cap)  # 6 × 5 = 30, capped at 25


def test_configured_rules_replace_the_defaults(acts, org, congress, cast):
    deputy = org["deputy"]
    worked_year(acts, deputy)
    scoring_rules_set(
        actor=cast["staff"],
        congress=congress,
        rules=[RuleInput(K.SUGGESTION, "5", cap="8"), RuleInput(K.TRAINING, 4)],
    )
    assert score(deputy, 2024).total == 8 + 4


@pytest.fixture
def delegations(acts, org, congress, cast):
    """Two delegations: 李秀兰 and 王建国 in one, tied; 赵敏 alone, and 钱进 with no delegation."""
    from renda.org.models import Delegation, Deputy, Person

    other = Delegation.objects.create(congress=congress, name="太谷区代表团")

    def deputy(name: str, card: str, delegation) -> Deputy:
        person = Person.objects.create(congress=congress, name=name, gender="M")
        return Deputy.objects.create(
            congress=congress,
            term=org["term"],
            person=person,
            card_number=card,
            electoral_unit=org["electoral_unit"],
            delegation=delegation,
            station=org["other_station"],
            elected_on=D(2021, 9, 1),
        )

    zhao = deputy("赵敏", "050003", other)
    qian = deputy("钱进", "050004", None)
    third = deputy("孙立", "050005", org["delegation"])
    for d in (org["deputy"], org["deputy2"]):
        acts.suggestion(d, D(2024, 3, 1))  # 5 each: a tie
    acts.training([zhao, third], D(2024, 4, 1))  # 4 each
    scoring_rules_set(
        actor=cast["staff"],
        congress=congress,
        rules=[RuleInput(K.SUGGESTION, 5), RuleInput(K.TRAINING, 4)],
    )
    return {"zhao": zhao, "qian": qian, "third": third, "other": other}


def test_rankings_per_delegation_share_ranks_on_ties(delegations, org, congress):
    groups = rankings(congress, 2024, by="delegation")
    assert [g.name for g in groups] == ["太谷区代表团", "榆次区代表团", ""]
    yuci = groups[1]
    assert [(r.deputy.name, r.total, r.rank) for r in yuci.rows] == [
        ("李秀兰", 5, 1),
        ("王建国", 5, 1),
        ("孙立", 4, 3),
    ]
    assert [(r.deputy.name, r.rank) for r in groups[0].rows] == [("赵敏", 1)]
    assert [(r.deputy.name, r.total) for r in groups[2].rows] == [("钱进", 0)]


def test_rankings_per_station(delegations, org, congress):
    groups = rankings(congress, 2024, by="station")
    by_name = {g.name: [(r.deputy.name, r.rank) for r in g.rows] for g in groups}
    assert by_name == {
        "锦纶街道人大代表联络站": [("李秀兰", 1), ("王建国", 1)],
        "郭家堡乡人大代表联络站": [("赵敏", 1), ("孙立", 1), ("钱进", 3)],  # ties by card
    }


def test_rankings_take_fixed_queries_and_agree_with_each_score(delegations, acts, org, congress):
    with CaptureQueriesContext(connection) as few:
        rankings(congress, 2024)
    for day in range(1, 6):
        acts.activity([org["deputy"], delegations["zhao"]], D(2024, 5, day))
    with CaptureQueriesContext(connection) as more:
        groups = rankings(congress, 2024)
    assert len(more) == len(few)
    for group in groups:
        for row in group.rows:
            assert row.total == score(Deputy.objects.get(pk=row.deputy.pk), 2024).total


def test_a_deputy_who_left_before_the_year_is_not_ranked(delegations, congress):
    qian = delegations["qian"]
    qian.ended_on = D(2023, 6, 30)
    qian.save()
    names = [r.deputy.name for g in rankings(congress, 2024) for r in g.rows]
    assert "钱进" not in names


def test_only_staff_configure_rules(congress, cast):
    from renda.core.workflow import ActionForbidden, ActionInvalid

    for who in ("leader", "deputy", "stranger"):
        with pytest.raises(ActionForbidden):
            scoring_rules_set(actor=cast[who], congress=congress, rules=[])
    with pytest.raises(ActionInvalid):
        scoring_rules_set(
            actor=cast["staff"],
            congress=congress,
            rules=[RuleInput(K.SUGGESTION, 1), RuleInput(K.SUGGESTION, 2)],
        )
    with pytest.raises(ActionInvalid):
        scoring_rules_set(
            actor=cast["staff"], congress=congress, rules=[RuleInput(K.SUGGESTION, "-1")]
        )
    assert not ScoringRule.objects.exists()


def test_a_line_knows_whether_it_is_below_at_or_above_its_cap():
    from renda.performance.scoring import breakdown

    class Rule:
        def __init__(self, kind, points, cap):
            self.kind, self.points, self.cap, self.weight = kind, Decimal(points), cap, Decimal(1)

    rules = [Rule(ActKind.SUGGESTION, "5", Decimal(10))]
    below, at, above = (breakdown({ActKind.SUGGESTION: n}, rules)[0] for n in (1, 2, 3))
    assert (below.at_cap, below.cap_bites) == (False, False)
    assert (at.at_cap, at.cap_bites) == (True, False)
    assert (above.at_cap, above.cap_bites) == (False, True)
    uncapped = breakdown({ActKind.SUGGESTION: 2}, [Rule(ActKind.SUGGESTION, "5", None)])[0]
    assert not uncapped.at_cap
