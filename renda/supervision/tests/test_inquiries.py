"""Special inquiries: departments questioned on site and in writing, each answered by its head
(a written question by the department's own officer), satisfaction polls per department,
closing with the results; the year's figures."""

from __future__ import annotations

import pytest

from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.supervision import actions as A
from renda.supervision.models import InquiryState
from renda.supervision.stats import inquiry_units, inquiry_units_polled

from .conftest import D, on


def test_an_inquiry_is_held_questions_answered_polled_and_closed(inquiry, cast, org, leaders):
    on_site, written = inquiry.units.order_by("id")
    assert (on_site.mode, written.mode) == ("on_site", "written")
    with on(D(2024, 10, 25)):
        A.inquiry_hold(
            inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 25), meeting="第二十次会议"
        )
        q1 = A.question_ask(
            inquiry_unit=on_site, actor=cast["staff"], asker="王委员", question="厕所改造进度？"
        )
        q2 = A.question_ask(
            inquiry_unit=written, actor=cast["staff"], asker="李委员", question="垃圾清运？"
        )
        A.question_answer(question=q1, actor=cast["staff"], answer="局长当场回答")
        A.question_answer(question=q2, actor=cast["other_handler"], answer="书面答复")
        with pytest.raises(ActionConflict):
            A.question_answer(question=q2, actor=cast["other_handler"], answer="again")
        poll = A.inquiry_unit_open_poll(inquiry_unit=on_site, actor=cast["staff"])
        for member in leaders:
            from renda.core import polls

            polls.poll_vote(poll=poll, actor=member, result="satisfied")
        with pytest.raises(ActionConflict):  # a poll still open
            A.inquiry_close(inquiry=inquiry, actor=cast["staff"], results="整改")
        polls.poll_close(poll=poll, actor=cast["staff"])
        A.inquiry_close(inquiry=inquiry, actor=cast["staff"], results="整改跟踪")
    assert inquiry.state == InquiryState.CLOSED
    assert inquiry_units(inquiry.congress, 2024) == 2
    assert inquiry_units_polled(inquiry.congress, 2024) == 1
    assert [e.action for e in history(inquiry)].count("answer_question") == 2


def test_a_department_answers_only_its_own_questions(inquiry, cast):
    on_site, written = inquiry.units.order_by("id")
    with on(D(2024, 10, 25)):
        A.inquiry_hold(inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 25), meeting="会")
        q = A.question_ask(inquiry_unit=written, actor=cast["staff"], asker="李委员", question="?")
        for who in ("handler", "leader", "deputy", "stranger"):
            with pytest.raises(ActionForbidden):
                A.question_answer(question=q, actor=cast[who], answer="x")
    q.refresh_from_db()
    assert q.answered_at is None


def test_inquiry_refusals(inquiry, cast, org):
    with pytest.raises(ActionInvalid) as e:
        A.inquiry_add_unit(inquiry=inquiry, actor=cast["staff"], unit=org["unit"], mode="on_site")
    assert e.value.field == "unit"
    with pytest.raises(ActionInvalid) as e:
        A.inquiry_add_unit(inquiry=inquiry, actor=cast["staff"], unit=org["unit"], mode="phone")
    assert e.value.field == "mode"
    with pytest.raises(ActionConflict):  # no poll before the inquiry is held
        A.inquiry_unit_open_poll(inquiry_unit=inquiry.units.first(), actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        A.inquiry_hold(inquiry=inquiry, actor=cast["leader"], held_on=D(2024, 10, 1), meeting="x")
    with on(D(2024, 10, 1)), pytest.raises(ActionInvalid) as e:
        A.inquiry_hold(inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 9), meeting="x")
    assert e.value.field == "held_on"
