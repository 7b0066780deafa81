"""The year's supervision plan: items drafted, adopted by the chair's council, items added
during the year with why, the plan against what happened."""

from __future__ import annotations

import pytest

from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.org.models import Body
from renda.supervision import actions as A
from renda.supervision.models import PlanState
from renda.supervision.queries import plan_rows

from .conftest import D, on


@pytest.fixture
def plan(cast, congress):
    with on(D(2024, 1, 10)):
        return A.plan_create(congress=congress, year=2024, actor=cast["staff"])


def test_plan_adopted_then_items_added_during_the_year_say_why(plan, cast, congress):
    committee = Body.objects.create(
        congress=congress, name="财政经济委员会", kind="special_committee"
    )
    with on(D(2024, 1, 10)):
        with pytest.raises(ActionInvalid):  # nothing to adopt yet
            A.plan_adopt(
                plan=plan, actor=cast["staff"], adopted_on=D(2024, 1, 10), meeting="主任会议"
            )
        item = A.plan_item_add(
            plan=plan, actor=cast["staff"], kind="hear", title="政府债务", month=4, body=committee
        )
        A.plan_adopt(
            plan=plan, actor=cast["staff"], adopted_on=D(2024, 1, 10), meeting="第43次主任会议"
        )
    assert plan.state == PlanState.ADOPTED and not item.added_during_year
    with on(D(2024, 5, 1)):
        with pytest.raises(ActionInvalid) as e:
            A.plan_item_add(
                plan=plan, actor=cast["staff"], kind="research", title="安全生产", month=9
            )
        assert e.value.field == "reason"
        added = A.plan_item_add(
            plan=plan,
            actor=cast["staff"],
            kind="research",
            title="安全生产",
            month=9,
            reason="市委要求",
        )
    assert added.added_during_year and added.number == 2


def test_plan_refusals(plan, cast):
    with pytest.raises(ActionInvalid) as e:
        A.plan_item_add(plan=plan, actor=cast["staff"], kind="hear", title="x", month=13)
    assert e.value.field == "month"
    with pytest.raises(ActionForbidden):
        A.plan_item_add(plan=plan, actor=cast["leader"], kind="hear", title="x", month=3)
    with pytest.raises(ActionInvalid):
        A.plan_create(congress=plan.congress, year=2024, actor=cast["staff"])
    assert not plan.items.exists()


def test_the_plan_against_what_happened(plan, cast, congress, org):
    with on(D(2024, 1, 10)):
        heard_item = A.plan_item_add(
            plan=plan, actor=cast["staff"], kind="hear", title="债务", month=4
        )
        late_item = A.plan_item_add(
            plan=plan, actor=cast["staff"], kind="hear", title="养老", month=6
        )
        r = A.report_create(
            congress=congress,
            kind="debt",
            title="债务报告",
            actor=cast["staff"],
            plan_item=heard_item,
        )
    with on(D(2024, 4, 20)):
        A.report_record_hearing(
            report=r, actor=cast["staff"], heard_on=D(2024, 4, 19), meeting="会"
        )
    rows = {row.item.pk: row for row in plan_rows(plan, today=D(2024, 8, 1))}
    assert rows[heard_item.pk].done and rows[heard_item.pk].reports == [r]
    assert rows[late_item.pk].late and not rows[late_item.pk].done
