"""Deliberation opinions: drafted after the hearing, approved, sent with a deadline (2 months by
default), answered by the body's officer, assessed, closed or followed up; each point tracked to
done; the overdue ones wait for the unit and `renda remind` warns about them."""

from __future__ import annotations

import pytest

from renda.core.deadlines import remind, waiting_for
from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.supervision import actions as A
from renda.supervision.models import DeliberationOpinion, OpinionState

from .conftest import D, on

OS = OpinionState


def test_opinions_are_drafted_once_the_report_is_heard(report, cast, org):
    with pytest.raises(ActionConflict):
        A.opinion_draft(
            report=report, actor=cast["staff"], unit=org["unit"], text="x", points=["a"]
        )
    assert not DeliberationOpinion.objects.exists()


def test_drafting_needs_a_text_and_points(heard, cast, org, other_congress):
    with pytest.raises(ActionInvalid) as e:
        A.opinion_draft(report=heard, actor=cast["staff"], unit=org["unit"], text="x", points=[" "])
    assert e.value.field == "points"
    with pytest.raises(ActionForbidden):
        A.opinion_draft(
            report=heard, actor=cast["leader"], unit=org["unit"], text="x", points=["a"]
        )
    assert not DeliberationOpinion.objects.exists()


def test_drafted_with_each_point_numbered(opinion):
    assert opinion.state == OS.DRAFTED
    assert [(p.number, p.text) for p in opinion.points.all()] == [
        (1, "严控债务规模"),
        (2, "防范隐性债务风险"),
        (3, "提高债务资金使用效益"),
    ]


def test_sent_with_the_default_deadline_of_two_months(sent, cast):
    assert sent.state == OS.SENT
    assert sent.sent_on == D(2024, 5, 6) and sent.due_date == D(2024, 7, 8)  # 6 July: Saturday
    d = Deadline.objects.get(kind="answer", closed_at__isnull=True)
    assert d.responsible_unit_id == sent.unit_id and d.due_date == D(2024, 7, 8)


def test_a_deadline_in_the_past_is_refused(opinion, cast):
    with on(D(2024, 5, 6)):
        A.opinion_approve(opinion=opinion, actor=cast["staff"], approved_on=D(2024, 5, 6))
        with pytest.raises(ActionInvalid) as e:
            A.opinion_send(opinion=opinion, actor=cast["staff"], due_date=D(2024, 5, 1))
    assert e.value.field == "due_date"
    opinion.refresh_from_db()
    assert opinion.state == OS.APPROVED and not Deadline.objects.filter(kind="answer").exists()


def test_sending_before_approval_is_a_conflict(opinion, cast):
    with pytest.raises(ActionConflict), on(D(2024, 5, 6)):
        A.opinion_send(opinion=opinion, actor=cast["staff"])


def test_the_unit_answers_and_staff_close(sent, cast):
    with on(D(2024, 6, 20)):
        A.opinion_answer(opinion=sent, actor=cast["handler"], answer="已制定化债方案。")
    assert sent.state == OS.ANSWERED
    assert not Deadline.objects.filter(kind="answer", closed_at__isnull=True).exists()
    assert Deadline.objects.get(kind="assess", closed_at__isnull=True).responsible_role == "staff"
    with on(D(2024, 6, 25)):
        A.opinion_assess(opinion=sent, actor=cast["staff"], assessment="satisfied", note="好")
    assert sent.state == OS.CLOSED and sent.closed_on == D(2024, 6, 25)
    assert not Deadline.objects.filter(closed_at__isnull=True).exists()
    assert [e.action for e in history(sent)] == ["draft", "approve", "send", "answer", "assess"]


def test_followed_up_with_a_further_deadline_then_answered_again(sent, cast):
    with on(D(2024, 6, 20)):
        A.opinion_answer(opinion=sent, actor=cast["handler"], answer="部分落实")
    with on(D(2024, 6, 25)):
        with pytest.raises(ActionInvalid) as e:
            A.opinion_assess(opinion=sent, actor=cast["staff"], assessment="basic", follow_up=True)
        assert e.value.field == "due_date"
        A.opinion_assess(
            opinion=sent,
            actor=cast["staff"],
            assessment="basic",
            follow_up=True,
            due_date=D(2024, 9, 30),
        )
    assert sent.state == OS.FOLLOWED_UP and sent.rounds == 1 and sent.due_date == D(2024, 9, 30)
    assert Deadline.objects.get(kind="answer", closed_at__isnull=True).due_date == D(2024, 9, 30)
    with on(D(2024, 9, 20)):
        A.opinion_answer(opinion=sent, actor=cast["handler"], answer="全部落实")
        A.opinion_assess(opinion=sent, actor=cast["staff"], assessment="satisfied")
    assert sent.state == OS.CLOSED


@pytest.mark.parametrize("who", ["other_handler", "leader", "deputy", "stranger"])
def test_only_the_unit_or_staff_answer(sent, cast, who):
    with pytest.raises(ActionForbidden), on(D(2024, 6, 20)):
        A.opinion_answer(opinion=sent, actor=cast[who], answer="x")
    sent.refresh_from_db()
    assert sent.state == OS.SENT and sent.answer == ""


def test_each_point_is_tracked_to_done_by_the_unit(sent, cast):
    first, second, _third = sent.points.all()
    with on(D(2024, 6, 1)):
        A.point_done(point=first, actor=cast["handler"], note="已完成")
        with pytest.raises(ActionForbidden):
            A.point_done(point=second, actor=cast["other_handler"], note="x")
        with pytest.raises(ActionConflict):
            A.point_done(point=first, actor=cast["handler"], note="again")
        with pytest.raises(ActionInvalid):
            A.point_done(point=second, actor=cast["handler"], note=" ")
    assert [p.done_on for p in sent.points.all()] == [D(2024, 6, 1), None, None]
    A.point_reopen(point=first, actor=cast["staff"], reason="核查未完成")
    first.refresh_from_db()
    assert first.done_on is None
    assert [e.action for e in history(sent)][-2:] == ["point_done", "point_reopened"]


def test_points_wait_until_the_opinions_are_sent(opinion, cast):
    with pytest.raises(ActionConflict):
        A.point_done(point=opinion.points.first(), actor=cast["staff"], note="x")


def test_overdue_opinions_wait_for_the_unit_and_are_warned_once(
    sent, cast, django_capture_on_commit_callbacks
):
    with on(D(2024, 7, 9)):
        mine = [d for d in waiting_for(cast["handler"]) if d.kind == "answer"]
        assert [d.due_date for d in mine] == [D(2024, 7, 8)]
        assert not [d for d in waiting_for(cast["other_handler"]) if d.kind == "answer"]
        with django_capture_on_commit_callbacks(execute=True):
            first = remind()
        assert first.overdue == 1 and first.notified == 1
        assert remind().overdue == 0
    assert cast["handler"].notifications.count() == 1
    assert "remind.overdue" in [e.action for e in history(sent)]


def test_an_open_poll_is_closed_before_the_assessment(sent, cast, leaders):
    with on(D(2024, 6, 20)):
        A.opinion_answer(opinion=sent, actor=cast["handler"], answer="落实情况")
        poll = A.opinion_open_poll(opinion=sent, actor=cast["staff"])
        with pytest.raises(ActionConflict):
            A.opinion_open_poll(opinion=sent, actor=cast["staff"])
        with pytest.raises(ActionConflict):
            A.opinion_assess(opinion=sent, actor=cast["staff"], assessment="satisfied")
    assert poll.object_id == sent.pk and sent.poll == poll


def test_published_opinions_once_sent(opinion, sent, cast):
    A.opinion_publish(opinion=sent, actor=cast["staff"])
    assert DeliberationOpinion.objects.get().published
    with pytest.raises(ActionConflict):
        A.opinion_publish(opinion=sent, actor=cast["staff"])
