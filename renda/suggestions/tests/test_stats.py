"""The year's figures on suggestions: exact counts from a small hand-built year."""

from __future__ import annotations

import datetime

import pytest

from renda.core.stats import compute
from renda.suggestions import actions as A
from renda.suggestions.models import Promise

from .handling import accepted, assigned, delivered, evaluated, on, replied

D = datetime.date


@pytest.fixture
def year(cast, org, session, submit):
    """2024: four counted suggestions (one session, three recess), and some that are not."""
    staff, handler = cast["staff"], cast["handler"]
    sole = [A.UnitPart(org["unit"], "sole")]
    s1 = assigned(submit, staff, D(2024, 1, 24), sole, title="会期建议")
    A.suggestion_mark_key(suggestion=s1, actor=cast["leader"], leader=cast["leader"])
    replied(s1, handler, D(2024, 3, 1))
    evaluated(s1, cast["deputy"], D(2024, 3, 5), "satisfied")
    s2 = assigned(submit, staff, D(2024, 3, 1), sole, title="闭会建议一")
    replied(s2, handler, D(2024, 4, 1), "B", promises=[("年内完成改造", D(2024, 9, 30))])
    evaluated(s2, cast["deputy"], D(2024, 4, 5), "basic")
    delivered(Promise.objects.get(suggestion=s2), handler, D(2024, 9, 1))
    s3 = assigned(submit, staff, D(2024, 3, 1), sole, title="闭会建议二")
    replied(s3, handler, D(2024, 4, 1), "C")
    evaluated(s3, cast["deputy"], D(2024, 4, 8), "dissatisfied")  # sent back: round 2
    s4 = accepted(submit, staff, D(2024, 5, 6), title="已立案待交办")
    with on(D(2024, 5, 6)):
        withdrawn = submit(title="撤回的建议")
        A.suggestion_withdraw(suggestion=withdrawn, actor=cast["deputy"], reason="已解决。")
        converted = submit(title="个人事项")
        A.suggestion_convert(suggestion=converted, actor=staff, to="letter", reason="个人事项。")
        returned = submit(title="一事多议")
        A.suggestion_return(suggestion=returned, actor=staff, reason="请拆分。")
        submit(title="待审查")
    accepted(submit, staff, D(2023, 6, 1), title="上一年度的建议")
    with on(D(2024, 1, 24)):
        A.motion_submit(
            author=cast["deputy"],
            session=session,
            title="关于制定条例的议案",
            body="建议制定……",
            category="governance",
            delegation=org["delegation"],
        )
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4}


SUGGESTION_KEYS = (
    "suggestions",
    "suggestions_session",
    "suggestions_recess",
    "suggestions_answered",
    "key_suggestions",
    "motions",
    "suggestions_satisfied",
    "suggestions_basically_satisfied",
    "suggestions_dissatisfied",
    "promises",
    "promises_delivered",
)


def _figures(congress, year_: int = 2024) -> dict[str, int]:
    figures = compute(congress, year_)
    return {k: figures[k] for k in SUGGESTION_KEYS}


def test_the_year_counts_accepted_and_handled_suggestions_only(congress, year):
    assert _figures(congress) == {
        "suggestions": 4,  # withdrawn, converted, returned and unreviewed ones are not counted
        "suggestions_session": 1,
        "suggestions_recess": 3,
        "suggestions_answered": 3,  # s3, sent back, still counts as answered
        "key_suggestions": 1,
        "motions": 1,
        "suggestions_satisfied": 1,
        "suggestions_basically_satisfied": 1,
        "suggestions_dissatisfied": 0,  # s3's first-round 不满意 is not final
        "promises": 1,
        "promises_delivered": 1,
    }


def test_another_year_counts_its_own_rows(congress, year):
    figures = _figures(congress, 2023)
    assert figures["suggestions"] == 1 and figures["suggestions_answered"] == 0
    assert figures["motions"] == 0


def test_figures_follow_the_rows(cast, congress, year):
    s3, s4 = year["s3"], year["s4"]
    replied(s3, cast["handler"], D(2024, 4, 15), "A")
    evaluated(s3, cast["deputy"], D(2024, 4, 20), "dissatisfied")  # final in round 2
    with on(D(2024, 5, 10)):
        A.suggestion_withdraw(suggestion=s4, actor=cast["deputy"], reason="不再需要。")
        s5 = A.suggestion_submit(
            author=cast["deputy2"], title="新建议", body="内容。", category="other"
        )
        A.suggestion_accept(suggestion=s5, actor=cast["staff"])
    figures = _figures(congress)
    assert figures["suggestions"] == 4  # s4 withdrawn, s5 accepted
    assert figures["suggestions_recess"] == 3
    assert figures["suggestions_dissatisfied"] == 1
    assert figures["suggestions_answered"] == 3


def test_promises_delivered_counts_only_delivered_ones(cast, org, congress, year):
    s1 = year["s1"]
    assert _figures(congress)["promises"] == 1
    s6 = assigned(
        lambda **kw: A.suggestion_submit(author=cast["deputy"], **kw),
        cast["staff"],
        D(2024, 6, 3),
        [A.UnitPart(org["unit"], "sole")],
        title="另一件建议",
        body="内容。",
        category="urban",
    )
    replied(s6, cast["handler"], D(2024, 7, 1), "B", promises=[("明年完成", D(2025, 6, 30))])
    figures = _figures(congress)
    assert (figures["promises"], figures["promises_delivered"]) == (2, 1)
    assert s1.state == "evaluated"
