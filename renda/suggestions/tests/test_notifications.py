"""Who is told what, after the change commits: units on assignment, reassignment, withdrawal
and evaluation; the deputy on acceptance, return, conversion and reply; staff on a unit's
adjustment or extension request. Nothing is sent for a change that was refused."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from renda.core.models import Notification
from renda.core.workflow import ActionInvalid
from renda.suggestions import actions as A

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run an action, its after-commit callbacks included; answer {username: [titles]}."""

    def run(action, *args, **kwargs):
        Notification.objects.all().delete()
        # Titles are written in the language active when the action runs: the default one.
        with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
            action(*args, **kwargs)
        found: dict[str, list[str]] = {}
        for n in Notification.objects.select_related("recipient").order_by("id"):
            found.setdefault(n.recipient.username, []).append(n.title)
        return found

    return run


@pytest.fixture
def assigned(cast, org, submit):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s,
        actor=cast["staff"],
        mode="sole",
        parts=[A.UnitPart(unit=org["unit"], role="sole")],
    )
    return s


def test_the_deputy_is_told_of_acceptance_return_and_conversion(cast, submit, told):
    s = submit(title="公交线路")
    assert told(A.suggestion_accept, suggestion=s, actor=cast["staff"]) == {
        "deputy": ["您的建议已立案，编号 1：公交线路"]
    }
    returned = submit(title="一事多议")
    found = told(A.suggestion_return, suggestion=returned, actor=cast["staff"], reason="请拆分。")
    assert found == {"deputy": ["您的建议已退回修改：一事多议"]}
    assert Notification.objects.get().body == "请拆分。"  # the reason comes with it
    converted = submit(title="个人事项")
    found = told(
        A.suggestion_convert, suggestion=converted, actor=cast["staff"], to="letter", reason="个人"
    )
    assert list(found) == ["deputy"]


def test_staff_are_told_of_a_new_suggestion_and_units_of_their_assignment(cast, org, submit, told):
    found = told(A.suggestion_submit, author=cast["deputy"], title="路灯", body="修路灯。",
                 category="urban")  # fmt: skip
    assert list(found) == ["staff"]
    s = A.suggestion_submit(author=cast["deputy"], title="路灯", body="修路灯。", category="urban")
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    found = told(
        A.suggestion_assign,
        suggestion=s,
        actor=cast["staff"],
        mode="sole",
        parts=[A.UnitPart(unit=org["unit"], role="sole")],
    )
    assert found == {"handler": ["新交办建议：路灯"]}  # the unit's officer, no other unit's


def test_staff_are_told_of_an_adjustment_request_and_both_units_of_the_reassignment(
    cast, org, assigned, told
):
    found = told(
        A.suggestion_contest, suggestion=assigned, actor=cast["handler"], reason="不属本单位职责。"
    )
    assert list(found) == ["staff"]
    contest = assigned.assignments.get(unit=org["unit"])
    found = told(
        A.suggestion_reassign,
        suggestion=assigned,
        actor=cast["staff"],
        assignment_id=contest.pk,
        unit=org["other_unit"],
    )
    # The unit that takes it over, and the unit that asked (it no longer handles it).
    assert set(found) == {"other_handler", "handler"}
    assert found["other_handler"][0].startswith("建议已重新交办")


def test_the_unit_is_told_when_the_deputy_withdraws_and_staff_refuse_an_adjustment(
    cast, org, assigned, told
):
    A.suggestion_contest(suggestion=assigned, actor=cast["handler"], reason="不属本单位职责。")
    contest = assigned.assignments.get(unit=org["unit"])
    found = told(
        A.suggestion_refuse_contest,
        suggestion=assigned,
        actor=cast["staff"],
        assignment_id=contest.pk,
        reason="属于本单位职责。",
    )
    assert list(found) == ["handler"]
    found = told(A.suggestion_withdraw, suggestion=assigned, actor=cast["deputy"], reason="已解决")
    assert list(found) == ["handler"]


def test_extension_requests_go_to_staff_and_decisions_to_the_unit(cast, assigned, told):
    new_due = assigned.reply_due + datetime.timedelta(days=20)
    found = told(
        A.suggestion_request_extension,
        suggestion=assigned,
        actor=cast["handler"],
        new_due=new_due,
        reason="需跨年度预算。",
    )
    assert list(found) == ["staff"]
    extension = assigned.extensions.get()
    found = told(
        A.suggestion_extend,
        suggestion=assigned,
        actor=cast["staff"],
        extension_id=extension.pk,
        approve=True,
    )
    assert list(found) == ["handler"]


def test_the_deputy_is_told_of_the_reply_and_the_unit_of_the_evaluation(cast, assigned, told):
    A.suggestion_communicate(
        suggestion=assigned,
        actor=cast["handler"],
        method="phone",
        date=datetime.date.today(),
        people="李秀兰代表",
        notes="电话沟通。",
    )
    found = told(
        A.suggestion_reply,
        suggestion=assigned,
        actor=cast["handler"],
        text="已解决。",
        category="A",
        signer="赵局长",
    )
    assert list(found) == ["deputy"]
    found = told(
        A.suggestion_evaluate,
        suggestion=assigned,
        actor=cast["deputy"],
        result="dissatisfied",
        comment="没有解决实际问题。",
    )
    assert list(found) == ["handler"] and "重新办理" in found["handler"][0]


def test_nothing_is_sent_for_a_refused_change(cast, assigned, told):
    with pytest.raises(ActionInvalid):
        told(A.suggestion_withdraw, suggestion=assigned, actor=cast["deputy"], reason="  ")
    assert not Notification.objects.exists()
