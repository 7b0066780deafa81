"""受理, 办理, 复查/复核 and 办结 under the 信访工作条例's deadlines, with frozen time; every
refusal (wrong role, another unit, wrong state, too late), nothing changed by a refusal."""

from __future__ import annotations

import pytest

from renda.core.deadlines import remind
from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.petitions import actions as A

from .conftest import D, answered, on

pytestmark = pytest.mark.django_db


def _open_kinds(p) -> set[str]:
    return {
        k.split(":")[0]
        for k in Deadline.objects.filter(
            object_id=p.pk, content_type__model="petition", closed_at=None
        ).values_list("kind", flat=True)
    }


def test_forwarded_to_the_unit_the_answer_is_due_in_sixty_days(handling, org):
    handling.refresh_from_db()
    assert handling.state == "handling" and handling.mode == "forward"
    assert handling.unit == org["unit"] and handling.answer_due == D(2024, 5, 7)
    assert _open_kinds(handling) == {"answer"}
    deadline = Deadline.objects.get(object_id=handling.pk, kind="answer", closed_at=None)
    assert deadline.responsible_unit == org["unit"]


def test_the_office_handles_its_own_petitions_and_names_no_unit(register, office, org):
    p = register()
    with pytest.raises(ActionInvalid) as named:
        A.petition_accept(petition=p, actor=office, mode="direct", unit=org["unit"], note="x")
    assert named.value.field == "unit"
    with pytest.raises(ActionInvalid) as missing:
        A.petition_accept(petition=p, actor=office, mode="assign", note="x")
    assert missing.value.field == "unit"
    A.petition_accept(petition=p, actor=office, mode="direct", note="由信访室直接办理。")
    p.refresh_from_db()
    assert p.state == "handling" and p.unit is None
    assert office.has_perm("petitions.view_petition", p)
    A.petition_answer(petition=p, actor=office, result="explained", text="已当面解释政策。")
    p.refresh_from_db()
    assert p.state == "answered"


def test_a_petition_not_accepted_tells_why_and_ends(register, office):
    p = register()
    A.petition_decline(
        petition=p, actor=office, reason="该事项已进入诉讼程序，请通过司法途径解决。"
    )
    p.refresh_from_db()
    assert p.state == "not_accepted" and p.closed_at is not None
    assert _open_kinds(p) == set()


def test_only_the_unit_it_was_sent_to_answers(handling, cast):
    for who in ("other_handler", "staff", "staff2", "leader", "deputy", "stranger"):
        with pytest.raises(ActionForbidden):
            A.petition_answer(petition=handling, actor=cast[who], result="supported", text="x")
    handling.refresh_from_db()
    assert handling.state == "handling" and not handling.answer
    assert [e.action for e in history(handling)] == ["receive", "accept"]


def test_the_answer_opens_thirty_days_to_ask_for_a_review(handling, cast):
    p = answered(handling, cast["handler"])
    assert p.state == "answered" and p.answer_result == "supported"
    assert p.window_ends == D(2024, 5, 20)
    assert _open_kinds(p) == set()


def test_the_answer_is_extended_once_by_at_most_thirty_days_before_it_is_due(handling, cast):
    handler = cast["handler"]
    with on(D(2024, 4, 30)):
        with pytest.raises(ActionInvalid) as too_long:
            A.petition_extend(petition=handling, actor=handler, days=31, reason="情况复杂。")
        assert too_long.value.field == "days"
        A.petition_extend(petition=handling, actor=handler, days=30, reason="需与公交公司协调。")
        with pytest.raises(ActionConflict):
            A.petition_extend(petition=handling, actor=handler, days=5, reason="再延。")
    handling.refresh_from_db()
    assert handling.answer_due == D(2024, 6, 6) and handling.extended_days == 30
    deadline = Deadline.objects.get(object_id=handling.pk, kind="answer", closed_at=None)
    assert deadline.due_date == D(2024, 6, 6)


def test_an_answer_already_late_is_not_extended(handling, cast):
    with on(D(2024, 5, 8)), pytest.raises(ActionConflict) as error:
        A.petition_extend(petition=handling, actor=cast["handler"], days=10, reason="x")
    assert "2024-05-07" in str(error.value.message)


def test_a_review_asked_within_thirty_days_is_answered_and_a_re_examination_closes_it(
    handling, cast, office
):
    p = answered(handling, cast["handler"])
    with on(D(2024, 5, 10)):
        A.petition_request_review(
            petition=p, actor=office, reason="信访人对答复不满意，来信申请复查。"
        )
    p.refresh_from_db()
    assert p.state == "review_requested" and p.review_round == 1
    assert p.review_due == D(2024, 6, 9) and _open_kinds(p) == {"review"}
    with on(D(2024, 6, 3)):
        A.petition_answer_review(
            petition=p, actor=office, body="晋中市人民政府", result="upheld", text="维持原答复。"
        )
    p.refresh_from_db()
    assert p.state == "reviewed" and p.window_ends == D(2024, 7, 3)
    with on(D(2024, 7, 1)):
        A.petition_request_review(petition=p, actor=office, reason="申请复核。")
    with on(D(2024, 7, 20)):
        A.petition_answer_review(
            petition=p, actor=office, body="山西省人民政府", result="upheld", text="复核维持。"
        )
    p.refresh_from_db()
    assert p.state == "closed" and p.review_round == 2 and p.closed_at is not None


def test_a_review_request_after_thirty_days_is_refused_with_the_date(handling, cast, office):
    p = answered(handling, cast["handler"])  # review may be asked until 2024-05-20
    with on(D(2024, 5, 21)), pytest.raises(ActionConflict) as error:
        A.petition_request_review(petition=p, actor=office, reason="迟到的复查申请。")
    assert "2024-05-20" in str(error.value.message)
    p.refresh_from_db()
    assert p.state == "answered" and p.review_round == 0


def test_renda_remind_closes_what_nobody_asked_to_review_in_time(handling, cast):
    p = answered(handling, cast["handler"])
    with on(D(2024, 5, 20)):
        assert remind().system == 0  # the last day to ask
    with on(D(2024, 5, 21)):
        assert remind().system == 1
    p.refresh_from_db()
    assert p.state == "closed"
    close = history(p).last()
    assert close.action == "close" and close.actor is None
    with on(D(2024, 5, 22)):
        assert remind().system == 0  # idempotent


def test_the_deadlines_reach_renda_remind_and_the_office(register, office):
    p = register()
    with on(D(2024, 3, 19)):  # the last day to decide
        result = remind()
    assert result.soon >= 1
    with on(D(2024, 3, 20)):
        assert remind().overdue >= 1
    assert any(e.action == "remind.overdue" for e in history(p))


def test_a_petition_is_linked_to_an_earlier_one_on_the_same_matter(register, office):
    first = register(day=D(2024, 1, 10))
    again = register(day=D(2024, 3, 4))
    with pytest.raises(ActionInvalid):
        A.petition_link(petition=first, actor=office, earlier=again)
    A.petition_link(petition=again, actor=office, earlier=first, comment="同一事项再次来访。")
    again.refresh_from_db()
    assert again.repeat_of == first


@pytest.mark.parametrize("who", ["staff2", "leader", "handler", "deputy"])
def test_only_the_office_decides(register, cast, who):
    p = register()
    with pytest.raises(ActionForbidden):
        A.petition_decline(petition=p, actor=cast[who], reason="x")
    p.refresh_from_db()
    assert p.state == "received"


def test_the_unit_is_told_after_the_commit(
    register, office, org, cast, django_capture_on_commit_callbacks
):
    from renda.core.models import Notification

    p = register()
    with django_capture_on_commit_callbacks(execute=True):
        A.petition_accept(petition=p, actor=office, mode="assign", unit=org["unit"], note="交办。")
    assert Notification.objects.filter(recipient=cast["handler"]).exists()
    assert not Notification.objects.filter(recipient=cast["other_handler"]).exists()
