"""The six steps end to end: submit, review, assign, communicate, reply, evaluate."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from renda.core.models import Deadline, Event
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.suggestions import actions as A
from renda.suggestions.models import Assignment, Evaluation, Promise, Reply

from .conftest import at

D = datetime.date


def _assign_sole(s, cast, org):
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s,
        actor=cast["staff"],
        mode="sole",
        parts=[A.UnitPart(unit=org["unit"], role="sole")],
    )
    return s


def _contact(s, handler, day=None):
    return A.suggestion_communicate(
        suggestion=s,
        actor=handler,
        method="phone",
        date=day or datetime.date.today(),
        people="李秀兰代表；交通局规划科王科长",
        notes="电话沟通了线路规划的思路。",
    )


def test_session_suggestion_with_cosigner_goes_through_all_six_steps(cast, org, session, submit):
    with time_machine.travel(at(2024, 1, 24), tick=False):
        s = submit(cosigner_ids=[org["deputy2"].pk])
        assert s.state == "cosigning" and s.period == "session" and s.session == session
        A.suggestion_cosign(suggestion=s, actor=cast["deputy2"], confirm=True)
        assert s.state == "submitted"
        A.suggestion_accept(suggestion=s, actor=cast["staff"])
        assert s.number == 1
    with time_machine.travel(at(2024, 2, 20), tick=False):
        A.suggestion_assign(
            suggestion=s,
            actor=cast["staff"],
            mode="joint",
            parts=[
                A.UnitPart(unit=org["unit"], role="lead"),
                A.UnitPart(unit=org["other_unit"], role="co"),
            ],
        )
        assert s.state == "assigned"
        assert s.reply_due == D(2024, 5, 20)  # 3 months later, a Monday
        A.suggestion_co_input(
            suggestion=s, actor=cast["other_handler"], text="教育局支持在学校周边设站。"
        )
    with time_machine.travel(at(2024, 3, 5), tick=False):
        _contact(s, cast["handler"], D(2024, 3, 5))
        reply = A.suggestion_reply(
            suggestion=s,
            actor=cast["handler"],
            text="经研究，计划于年内开通新线路。",
            category="B",
            signer="赵局长",
            promises=[A.PromiseIn("开通大学城至老城区公交线路", D(2024, 9, 30))],
        )
        assert s.state == "replied" and reply.category == "B"
    with time_machine.travel(at(2024, 3, 10), tick=False):
        ev = A.suggestion_evaluate(
            suggestion=s, actor=cast["deputy"], result="satisfied", comment="很好"
        )
        assert s.state == "evaluated" and ev.result == "satisfied"
    actions = [e.action for e in history(s)]
    assert actions == [
        "submit",
        "confirm",
        "accept",
        "assign",
        "co_input",
        "communicate",
        "reply",
        "evaluate",
    ]
    assert all(e.actor_id for e in history(s))
    # every deadline of the case is closed once it is evaluated
    promise = Promise.objects.get(suggestion=s)
    assert promise.done_at is None  # promises stay in the ledger until delivered
    A.promise_done(promise=promise, actor=cast["handler"], evidence="9月1日新线路开通。")
    assert Promise.objects.get(pk=promise.pk).done_at is not None


def test_recess_suggestion_must_be_assigned_within_five_working_days(cast, org, session, submit):
    # Friday 27 Sep 2024: 5 working days later is Thursday 10 Oct (29 Sep is a make-up
    # workday, 1-7 Oct are holidays).
    with time_machine.travel(at(2024, 9, 27), tick=False):
        s = submit()
    assert s.period == "recess" and s.session is None
    deadline = Deadline.objects.get(object_id=s.pk, kind="review", closed_at__isnull=True)
    assert deadline.due_date == D(2024, 10, 10)
    assert deadline.responsible_role == "staff"


def test_return_and_resubmit(cast, org, submit):
    s = submit()
    with pytest.raises(ActionInvalid):  # a return needs its reasons
        A.suggestion_return(suggestion=s, actor=cast["staff"], reason="")
    A.suggestion_return(suggestion=s, actor=cast["staff"], reason="一事一议，请拆分为两件建议。")
    assert s.state == "returned" and "一事一议" in s.return_reason
    A.suggestion_resubmit(
        suggestion=s,
        actor=cast["deputy"],
        title="关于增开大学城公交线路的建议",
        body="只谈一件事：增开公交线路。",
        category="transport",
    )
    assert s.state == "submitted" and s.title == "关于增开大学城公交线路的建议"


def test_contest_and_reassign(cast, org, submit, third_unit, third_handler):
    with time_machine.travel(at(2024, 3, 1), tick=False):
        s = _assign_sole(submit(), cast, org)
        A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="该事项属住建局职责。")
    a = Assignment.objects.get(suggestion=s, unit=org["unit"])
    assert a.contest_state == "pending"
    with pytest.raises(ActionConflict):  # the handler must wait for staff
        _contact(s, cast["handler"])
        A.suggestion_reply(suggestion=s, actor=cast["handler"], text="x", category="A", signer="x")
    A.suggestion_reassign(suggestion=s, actor=cast["staff"], assignment_id=a.pk, unit=third_unit)
    assert not Assignment.objects.get(pk=a.pk).active
    assert Assignment.objects.get(suggestion=s, unit=third_unit, active=True).role == "sole"
    # the old unit may no longer act; the new one replies
    with pytest.raises(ActionForbidden):
        _contact(s, cast["handler"])
    _contact(s, third_handler)
    A.suggestion_reply(
        suggestion=s, actor=third_handler, text="已纳入计划。", category="A", signer="钱局长"
    )
    assert s.state == "replied"


def test_refused_contest_keeps_the_unit(cast, org, submit):
    s = _assign_sole(submit(), cast, org)
    A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="不属于本单位职责。")
    a = Assignment.objects.get(suggestion=s, unit=org["unit"])
    A.suggestion_refuse_contest(
        suggestion=s, actor=cast["staff"], assignment_id=a.pk, reason="属于交通局职责范围。"
    )
    a.refresh_from_db()
    assert a.active and a.contest_state == "refused"


def test_late_contest_is_refused(cast, org, submit):
    with time_machine.travel(at(2024, 9, 27), tick=False):
        s = _assign_sole(submit(), cast, org)
    # contest window: 5 working days after Fri 27 Sep is Thu 10 Oct; Fri 11 Oct is too late
    with time_machine.travel(at(2024, 10, 11), tick=False), pytest.raises(ActionConflict):
        A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="太晚了")
    assert Assignment.objects.get(suggestion=s).contest_state == ""


def test_contest_on_the_last_day_is_accepted(cast, org, submit):
    with time_machine.travel(at(2024, 9, 27), tick=False):
        s = _assign_sole(submit(), cast, org)
    with time_machine.travel(at(2024, 10, 10), tick=False):
        A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="职责调整")
    assert Assignment.objects.get(suggestion=s).contest_state == "pending"


def test_separate_handling_each_unit_replies_for_its_part(cast, org, submit):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s,
        actor=cast["staff"],
        mode="separate",
        parts=[
            A.UnitPart(org["unit"], "separate", "公交线路"),
            A.UnitPart(org["other_unit"], "separate", "学校周边交通安全"),
        ],
    )
    for h in (cast["handler"], cast["other_handler"]):
        _contact(s, h)
    A.suggestion_reply(
        suggestion=s, actor=cast["handler"], text="线路已规划。", category="A", signer="赵"
    )
    assert s.state == "assigned"  # the other unit's part is still open
    A.suggestion_reply(
        suggestion=s, actor=cast["other_handler"], text="已设置护学岗。", category="A", signer="孙"
    )
    assert s.state == "replied"
    assert Reply.objects.filter(suggestion=s).count() == 2


def test_dissatisfied_sends_it_back_then_satisfied_closes_it(cast, org, submit):
    with time_machine.travel(at(2024, 3, 1), tick=False):
        s = _assign_sole(submit(), cast, org)
        _contact(s, cast["handler"])
        A.suggestion_reply(
            suggestion=s, actor=cast["handler"], text="留作参考。", category="C", signer="赵"
        )
    with time_machine.travel(at(2024, 4, 1), tick=False):
        with pytest.raises(ActionInvalid):  # dissatisfied needs a reason
            A.suggestion_evaluate(suggestion=s, actor=cast["deputy"], result="dissatisfied")
        A.suggestion_evaluate(
            suggestion=s,
            actor=cast["deputy"],
            result="dissatisfied",
            comment="答复敷衍，未实地调研。",
        )
    assert s.state == "rehandling" and s.handling_round == 2
    assert s.reply_due == D(2024, 5, 6)  # 1 May + May Day holidays (1-5 May) → Mon 6 May
    assert Deadline.objects.filter(
        object_id=s.pk, kind=f"reply:{org['unit'].pk}", closed_at__isnull=True
    ).exists()
    with time_machine.travel(at(2024, 4, 10), tick=False):
        with pytest.raises(ActionConflict):  # a new contact is needed in the new round
            A.suggestion_reply(
                suggestion=s, actor=cast["handler"], text="x", category="A", signer="x"
            )
        _contact(s, cast["handler"])
        A.suggestion_reply(
            suggestion=s,
            actor=cast["handler"],
            text="实地调研后已解决。",
            category="A",
            signer="赵",
        )
        A.suggestion_evaluate(suggestion=s, actor=cast["deputy"], result="satisfied")
    assert s.state == "evaluated"
    assert list(Evaluation.objects.filter(suggestion=s).values_list("result", flat=True)) == [
        "dissatisfied",
        "satisfied",
    ]


def test_extension_requested_by_unit_and_approved_by_staff(cast, org, submit):
    with time_machine.travel(at(2024, 3, 1), tick=False):
        s = _assign_sole(submit(), cast, org)
        assert s.reply_due == D(2024, 6, 3)  # 1 June is a Saturday
        with pytest.raises(ActionInvalid):  # more than 6 months after assignment
            A.suggestion_request_extension(
                suggestion=s, actor=cast["handler"], new_due=D(2024, 9, 30), reason="需要预算"
            )
        ext = A.suggestion_request_extension(
            suggestion=s, actor=cast["handler"], new_due=D(2024, 8, 30), reason="需要纳入预算调整"
        )
        with pytest.raises(ActionForbidden):
            A.suggestion_extend(
                suggestion=s, actor=cast["handler"], extension_id=ext.pk, approve=True
            )
        A.suggestion_extend(suggestion=s, actor=cast["staff"], extension_id=ext.pk, approve=True)
    assert s.reply_due == D(2024, 8, 30)
    assert Deadline.objects.get(
        object_id=s.pk, kind=f"reply:{org['unit'].pk}", closed_at__isnull=True
    ).due_date == D(2024, 8, 30)


def test_withdrawal_stops_handling(cast, org, submit):
    s = _assign_sole(submit(), cast, org)
    with pytest.raises(ActionForbidden):
        A.suggestion_withdraw(suggestion=s, actor=cast["deputy2"], reason="不是我的")
    A.suggestion_withdraw(suggestion=s, actor=cast["deputy"], reason="问题已自行解决。")
    assert s.state == "withdrawn"
    assert not Deadline.objects.filter(object_id=s.pk, closed_at__isnull=True).exists()
    with pytest.raises(ActionConflict):
        _contact(s, cast["handler"])


def test_merge_similar_suggestions(cast, org, submit):
    a = submit()
    b = submit(author=cast["deputy2"], title="关于优化公交线路的建议")
    A.suggestion_accept(suggestion=a, actor=cast["staff"])
    A.suggestion_merge(suggestion=b, actor=cast["staff"], into=a, comment="内容相近，并案办理")
    assert b.state == "merged" and b.merged_into == a
    assert Event.objects.filter(object_id=a.pk, action="merged_in").exists()
    with pytest.raises(ActionInvalid):
        A.suggestion_merge(suggestion=a, actor=cast["staff"], into=a)


def test_convert_to_letter(cast, submit):
    s = submit(title="关于解决本人子女入学问题的建议")
    A.suggestion_convert(suggestion=s, actor=cast["staff"], to="letter", reason="属于个人事项。")
    assert s.state == "converted" and s.converted_to == "letter"


def test_motion_not_listed_becomes_a_suggestion_with_its_history(cast, org, session, congress):
    from renda.org.models import Body, Deputy, Person
    from renda.suggestions.models import Motion

    committee = Body.objects.create(congress=congress, name="法制委员会", kind="special_committee")
    others = []
    for i in range(9):
        p = Person.objects.create(congress=congress, name=f"代表{i}", gender="M")
        others.append(
            Deputy.objects.create(
                congress=congress,
                term=org["term"],
                person=p,
                card_number=f"0599{i:02d}",
                electoral_unit=org["electoral_unit"],
                elected_on=D(2021, 9, 1),
            )
        )
    with pytest.raises(ActionInvalid):  # 1 + 8 deputies and no delegation: too few
        A.motion_submit(
            author=cast["deputy"],
            session=session,
            title="关于制定条例的议案",
            body="建议制定……",
            category="governance",
            deputy_ids=[d.pk for d in others[:8]],
        )
    with time_machine.travel(at(2024, 1, 24), tick=False):
        m = A.motion_submit(
            author=cast["deputy"],
            session=session,
            title="关于制定条例的议案",
            body="建议制定……",
            category="governance",
            deputy_ids=[d.pk for d in others],
        )
    A.motion_refer(motion=m, actor=cast["staff"], committee=committee)
    s = A.motion_not_list(motion=m, actor=cast["staff"], comment="条件尚不成熟，作为建议处理。")
    m.refresh_from_db()
    assert m.state == "not_listed" and s.from_motion == m and s.state == "submitted"
    assert s.cosigners.count() == 9
    assert [e.action for e in history(m)] == ["submit", "refer", "not_list"]
    assert [e.action for e in history(s)] == ["from_motion"]
    assert Motion.objects.count() == 1
