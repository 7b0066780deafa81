"""审查: the checks, the outcome, the written opinion and its correction deadline, the
correction and its verification, the chair's council and a revocation; every refusal, with
frozen time."""

from __future__ import annotations

import pytest

from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.filings import actions as A
from renda.filings.models import DocumentStatus, Review

from .conftest import D, check_all, on

pytestmark = pytest.mark.django_db


def _actions(case) -> list[str]:
    return [e.action for e in history(case)]


def _open_deadlines(review: Review) -> set[str]:
    return set(
        Deadline.objects.filter(
            object_id=review.pk, content_type__model="review", closed_at=None
        ).values_list("kind", flat=True)
    )


def test_a_review_with_every_check_passed_closes_with_no_problem(registered, cast):
    check_all(registered, cast["staff"])
    with on(D(2024, 4, 2)):
        A.review_conclude(review=registered, actor=cast["staff"], summary="未发现问题。")
    registered.refresh_from_db()
    assert registered.state == "no_problem" and registered.closed_at is not None
    assert registered.checks.count() == 3
    assert _actions(registered) == ["open", *["record_check"] * 3, "conclude"]
    assert _open_deadlines(registered) == set()


def test_a_review_cannot_conclude_before_every_aspect_is_checked(registered, cast):
    A.review_record_check(review=registered, actor=cast["staff"], aspect="legality", result="ok")
    with pytest.raises(ActionInvalid) as error:
        A.review_conclude(review=registered, actor=cast["staff"], summary="未发现问题。")
    message = str(error.value.message)
    assert "与上位法的一致性" in message and "适当性" in message
    registered.refresh_from_db()
    assert registered.state == "reviewing" and not registered.summary
    assert "conclude" not in _actions(registered)


def test_a_problem_needs_its_findings(registered, cast):
    with pytest.raises(ActionInvalid) as error:
        A.review_record_check(
            review=registered, actor=cast["staff"], aspect="legality", result="problem"
        )
    assert error.value.field == "note"


def test_checking_an_aspect_again_replaces_the_finding_and_keeps_both_in_the_timeline(
    registered, cast
):
    staff = cast["staff"]
    A.review_record_check(
        review=registered, actor=staff, aspect="legality", result="problem", note="疑似超越权限。"
    )
    A.review_record_check(
        review=registered,
        actor=staff,
        aspect="legality",
        result="ok",
        note="经核对上位法，有授权。",
    )
    assert registered.checks.get().result == "ok"
    assert _actions(registered).count("record_check") == 2


def _problem(registered, staff) -> Review:
    check_all(registered, staff, problem="consistency")
    with on(D(2024, 4, 2)):
        A.review_conclude(review=registered, actor=staff, summary="第五条罚款幅度与上位法不一致。")
    registered.refresh_from_db()
    return registered


def test_a_problem_in_any_check_is_a_problem_found(registered, cast):
    review = _problem(registered, cast["staff"])
    assert review.state == "problem" and review.closed_at is None


def test_the_opinion_gives_a_correction_deadline_of_two_months_by_default(registered, cast):
    review = _problem(registered, cast["staff"])
    with on(D(2024, 4, 10)):
        A.review_send_opinion(review=review, actor=cast["staff"], opinion="建议修改第五条。")
    review.refresh_from_db()
    assert review.state == "correcting" and review.correction_due == D(2024, 6, 10)
    deadline = Deadline.objects.get(object_id=review.pk, kind="correct", closed_at=None)
    assert deadline.responsible_unit == review.document.issuer.unit  # the issuing body's
    assert history(review).last().data == {"due": "2024-06-10"}


def test_a_correction_deadline_in_the_past_is_refused(registered, cast):
    review = _problem(registered, cast["staff"])
    with on(D(2024, 4, 10)), pytest.raises(ActionInvalid) as error:
        A.review_send_opinion(
            review=review, actor=cast["staff"], opinion="建议修改。", due=D(2024, 4, 9)
        )
    assert error.value.field == "due"
    review.refresh_from_db()
    assert review.state == "problem" and not review.opinion


def _correcting(registered, cast) -> Review:
    review = _problem(registered, cast["staff"])
    with on(D(2024, 4, 10)):
        A.review_send_opinion(
            review=review, actor=cast["staff"], opinion="建议修改第五条。", due=D(2024, 5, 31)
        )
    return review


def test_the_issuing_body_reports_its_correction_and_staff_verify_it(registered, cast):
    review = _correcting(registered, cast)
    with on(D(2024, 5, 20)):
        A.review_report_correction(
            review=review,
            actor=cast["handler"],
            kind="amended",
            text="已修改第五条，罚款幅度与上位法一致。",
            number="晋中交发〔2024〕9号",
        )
    review.refresh_from_db()
    assert review.state == "verifying" and _open_deadlines(review) == {"verify"}
    with on(D(2024, 5, 24)):
        A.review_verify(review=review, actor=cast["staff"], decision="accept")
    review.refresh_from_db()
    assert review.state == "corrected" and review.closed_at is not None
    assert review.document.status == DocumentStatus.AMENDED
    assert _actions(review.document)[-1] == "status"
    assert _open_deadlines(review) == set()


def test_an_insufficient_correction_goes_back_with_a_reason_and_maybe_a_new_date(registered, cast):
    review = _correcting(registered, cast)
    A.review_report_correction(
        review=review, actor=cast["handler"], kind="amended", text="已修改。"
    )
    with on(D(2024, 5, 24)):
        with pytest.raises(ActionInvalid) as error:
            A.review_verify(review=review, actor=cast["staff"], decision="insufficient")
        assert error.value.field == "comment"
        with pytest.raises(ActionInvalid):
            A.review_verify(
                review=review,
                actor=cast["staff"],
                decision="insufficient",
                comment="第六条仍有问题。",
                new_due=D(2024, 5, 1),
            )
        A.review_verify(
            review=review,
            actor=cast["staff"],
            decision="insufficient",
            comment="第六条仍有问题。",
            new_due=D(2024, 6, 28),
        )
    review.refresh_from_db()
    assert review.state == "correcting" and review.correction_due == D(2024, 6, 28)
    assert _open_deadlines(review) == {"correct"}


def test_an_uncorrected_document_goes_to_the_chair_council_and_can_be_revoked(registered, cast):
    review = _correcting(registered, cast)
    with on(D(2024, 6, 5)):
        A.review_refer(review=review, actor=cast["staff"], note="逾期未纠正，提请主任会议研究。")
    review.refresh_from_db()
    assert review.state == "referred" and _open_deadlines(review) == {"council"}
    council = Deadline.objects.get(object_id=review.pk, kind="council")
    assert council.responsible_role == "leader"
    with pytest.raises(ActionForbidden):  # the chair's council's decision, not the staff's
        A.review_propose_revocation(review=review, actor=cast["staff"], note="x")
    with on(D(2024, 6, 12)):
        A.review_propose_revocation(
            review=review, actor=cast["leader"], note="主任会议决定提请常委会会议审议撤销。"
        )
    with on(D(2024, 6, 28)):
        A.review_record_revocation(
            review=review, actor=cast["staff"], decision="第五届常委会第二十次会议决定撤销"
        )
    review.refresh_from_db()
    assert review.state == "revoked" and review.decision_note.endswith("撤销")
    assert review.document.status == DocumentStatus.REVOKED
    assert _actions(review)[-3:] == ["refer", "propose_revocation", "record_revocation"]


def test_the_issuing_body_may_still_correct_while_the_council_has_it(registered, cast):
    review = _correcting(registered, cast)
    A.review_refer(review=review, actor=cast["staff"], note="逾期未纠正。")
    A.review_report_correction(
        review=review, actor=cast["handler"], kind="repealed", text="已废止。"
    )
    review.refresh_from_db()
    assert review.state == "verifying" and _open_deadlines(review) == {"verify"}


@pytest.mark.parametrize("who", ["leader", "handler", "other_handler", "deputy", "stranger"])
def test_only_staff_check_conclude_and_send_opinions(registered, cast, who):
    with pytest.raises(ActionForbidden):
        A.review_record_check(review=registered, actor=cast[who], aspect="legality", result="ok")
    check_all(registered, cast["staff"], problem="legality")
    with pytest.raises(ActionForbidden):
        A.review_conclude(review=registered, actor=cast[who], summary="x")


@pytest.mark.parametrize("who", ["other_handler", "deputy", "leader", "station", "stranger"])
def test_only_the_issuing_body_or_staff_report_a_correction(registered, cast, who):
    review = _correcting(registered, cast)
    with pytest.raises(ActionForbidden):
        A.review_report_correction(review=review, actor=cast[who], kind="amended", text="x")
    review.refresh_from_db()
    assert review.state == "correcting"


def test_steps_out_of_order_are_conflicts(registered, cast):
    with pytest.raises(ActionConflict):
        A.review_send_opinion(review=registered, actor=cast["staff"], opinion="x")
    with pytest.raises(ActionConflict):
        A.review_verify(review=registered, actor=cast["staff"], decision="accept")
    with pytest.raises(ActionConflict):
        A.review_report_correction(
            review=registered, actor=cast["handler"], kind="amended", text="x"
        )


def test_staff_open_a_special_review_but_not_twice_at_once(document, cast):
    review = A.review_open(
        document=document, kind="special", topic="优化营商环境专项审查", actor=cast["staff"]
    )
    assert review.kind == "special" and review.state == "reviewing"
    with pytest.raises(ActionConflict):
        A.review_open(
            document=document, kind="transferred", topic="省人大移送", actor=cast["staff"]
        )
    with pytest.raises(ActionInvalid):
        A.review_open(document=document, kind="active", topic="x", actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        A.review_open(document=document, kind="special", topic="x", actor=cast["leader"])


def test_the_issuing_body_is_told_of_the_opinion_after_the_commit(
    registered, cast, django_capture_on_commit_callbacks
):
    from renda.core.models import Notification

    review = _problem(registered, cast["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        A.review_send_opinion(review=review, actor=cast["staff"], opinion="建议修改第五条。")
    told = Notification.objects.get(recipient=cast["handler"])
    assert registered.document.title in told.title
    assert not Notification.objects.filter(recipient=cast["other_handler"]).exists()
