"""The overdue board (超期预警) and the promise ledger (台账) staff supervise handling with."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.suggestions import actions as A
from renda.suggestions.models import Promise
from renda.suggestions.supervision.queries import overdue_board, owed_counts, promise_ledger

from .handling import assigned, delivered, evaluated, replied

D = datetime.date
TODAY = D(2024, 6, 5)  # a Wednesday; Mon 10 June is the Dragon Boat Festival


@pytest.fixture
def cases(cast, org, submit):
    staff, deputy = cast["staff"], cast["deputy"]
    unit, other = org["unit"], org["other_unit"]

    def sole(u, day, title):
        return assigned(submit, staff, day, [A.UnitPart(u, "sole")], title=title)

    c = {}
    c["late"] = sole(unit, D(2024, 3, 1), "late")  # due Mon 3 June, no reply
    c["soon_other"] = sole(other, D(2024, 3, 6), "soon_other")  # due Thu 6 June
    sole(unit, D(2024, 3, 20), "far")  # due 20 June: outside the 3-day window
    c["answered"] = sole(unit, D(2024, 3, 1), "answered")
    replied(
        c["answered"],
        cast["handler"],
        D(2024, 4, 1),
        "B",
        promises=[("pA", D(2024, 4, 30)), ("pB", D(2024, 9, 30))],
    )
    c["separate"] = assigned(
        submit,
        staff,
        D(2024, 3, 1),
        [A.UnitPart(unit, "separate", "线路"), A.UnitPart(other, "separate", "站点")],
        title="separate",
    )
    replied(c["separate"], cast["handler"], D(2024, 4, 1), "A")  # only the other unit owes
    c["joint"] = assigned(
        submit,
        staff,
        D(2024, 3, 1),
        [A.UnitPart(unit, "lead"), A.UnitPart(other, "co")],
        title="joint",
    )
    c["again"] = sole(unit, D(2024, 3, 1), "again")
    replied(c["again"], cast["handler"], D(2024, 4, 1), "C")
    evaluated(c["again"], deputy, D(2024, 5, 6), "dissatisfied")  # round 2 due Thu 6 June
    c["holiday"] = sole(unit, D(2024, 3, 11), "holiday")  # due Tue 11 June: 3 working days
    sole(unit, D(2024, 3, 12), "holiday_plus_one")  # due Wed 12 June: 4 working days
    withdrawn = sole(unit, D(2024, 3, 1), "withdrawn")
    A.suggestion_withdraw(suggestion=withdrawn, actor=deputy, reason="已解决。")
    c["other_promises"] = sole(other, D(2024, 3, 1), "other_promises")
    replied(
        c["other_promises"],
        cast["other_handler"],
        D(2024, 4, 1),
        "B",
        promises=[("pC", D(2024, 5, 31)), ("pD", D(2024, 4, 15))],
    )
    delivered(Promise.objects.get(text="pC"), cast["other_handler"], D(2024, 5, 20))
    delivered(Promise.objects.get(text="pD"), cast["other_handler"], D(2024, 4, 20))  # late
    return c


def _rows(items):
    return [(i.suggestion.title, i.due, i.days_overdue, i.days_left) for i in items]


def test_board_lists_replies_overdue_and_soon_due_per_unit(congress, org, cases):
    board = overdue_board(congress, TODAY)
    assert [b.unit for b in board] == [org["unit"], org["other_unit"]]  # most overdue first
    unit, other = board
    assert _rows(unit.overdue) == [
        ("late", D(2024, 6, 3), 2, 0),  # 4 and 5 June
        ("joint", D(2024, 6, 3), 2, 0),  # the lead owes the reply, not the co-handler
    ]
    assert all(i.overdue for i in unit.overdue)
    assert _rows(unit.soon) == [
        ("again", D(2024, 6, 6), 0, 1),  # handled again: the second round's reply is owed
        ("holiday", D(2024, 6, 11), 0, 3),  # 6, 7 and 11 June; 10 June is a holiday
    ]
    assert _rows(other.overdue) == [("separate", D(2024, 6, 3), 2, 0)]
    assert _rows(other.soon) == [("soon_other", D(2024, 6, 6), 0, 1)]
    assert not any(i.overdue for i in unit.soon + other.soon)


def test_board_follows_the_congress_window(congress, org, cases):
    congress.settings = {"soon_due_working_days": 0}
    congress.save()
    board = overdue_board(congress, TODAY)
    assert all(b.soon == [] for b in board)
    congress.settings = {"soon_due_working_days": 4}
    congress.save()
    unit = overdue_board(congress, TODAY)[0]
    assert [i.suggestion.title for i in unit.soon] == ["again", "holiday", "holiday_plus_one"]


def test_a_reply_takes_the_case_off_the_board(cast, congress, org, cases):
    replied(cases["late"], cast["handler"], TODAY, "A")
    unit = overdue_board(congress, TODAY)[0]
    assert [i.suggestion.title for i in unit.overdue] == ["joint"]


def test_board_costs_the_same_few_queries_whatever_its_size(
    congress, cases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        board = overdue_board(congress, TODAY)
        [i.suggestion.lead_deputy.name for b in board for i in b.overdue + b.soon]


@pytest.mark.parametrize("window", [0, 3, 4])
def test_the_overviews_two_numbers_are_the_boards_counted_in_one_query(congress, cases, window):
    """Issue 18: the overview read the whole board (every owed case with its unit and lead
    deputy, 44 ms at scale) to show two numbers; owed_counts() counts them in one query."""
    congress.settings = {"soon_due_working_days": window}
    congress.save()
    board = overdue_board(congress, TODAY)
    expected = (sum(len(b.overdue) for b in board), sum(len(b.soon) for b in board))
    with CaptureQueriesContext(connection) as queries:
        assert owed_counts(congress, TODAY) == expected
    owed = [q for q in queries if "suggestions_assignment" in q["sql"]]
    assert len(owed) == 1 and "org_person" not in owed[0]["sql"]  # no case read, no deputy
    assert expected[0] == 3 and expected[1] == {0: 0, 3: 3, 4: 4}[window]


def test_ledger_lists_open_promises_and_flags_the_late_ones(congress, cases):
    rows = list(promise_ledger(congress, today=TODAY))
    assert [(p.text, p.late) for p in rows] == [("pA", True), ("pB", False)]


def test_ledger_for_one_unit_with_delivered_promises(congress, org, cases):
    rows = list(promise_ledger(congress, unit=org["other_unit"], open_only=False, today=TODAY))
    assert [(p.text, p.late, p.done_at is not None) for p in rows] == [
        ("pD", True, True),  # delivered 20 April, due 15 April
        ("pC", False, True),
    ]
    assert list(promise_ledger(congress, unit=org["other_unit"], today=TODAY)) == []
    assert list(promise_ledger(congress, year=2023, open_only=False)) == []


def test_the_years_overdue_figures_count_what_the_board_shows(congress, org, cases):
    """`replies_overdue` and its breakdown by unit are counted by the database (one row per
    unit, issue 18), equal to the board's overdue replies and in the board's order."""
    from renda.core import stats

    from .handling import on

    with on(TODAY):
        board = overdue_board(congress)
        by_unit = stats.compute_breakdown("replies_overdue", "unit", congress, TODAY.year)
        total = stats.value("replies_overdue", congress, TODAY.year)
    expected = [(str(b.unit.pk), b.unit.name, len(b.overdue)) for b in board if b.overdue]
    assert [(x.key, x.label, x.value) for x in by_unit or []] == expected
    assert total == sum(n for _pk, _name, n in expected) == 3
    with on(TODAY):
        assert stats.value("replies_overdue", congress, TODAY.year - 1) == 0
