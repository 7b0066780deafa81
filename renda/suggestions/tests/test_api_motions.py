"""Motions (议案) and satisfaction polls on key suggestions, through the API."""

from __future__ import annotations

import pytest

from renda.accounts.models import User
from renda.org.models import Body, Delegation, Session
from renda.suggestions.models import Motion, Suggestion
from renda.suggestions.tests.test_api import Caller, as_user, assigned_suggestion


@pytest.fixture
def committee(congress):
    return Body.objects.create(congress=congress, name="法制委员会", kind="special_committee")


@pytest.fixture
def motion(cast, org, during_session):
    session = during_session
    r = as_user(cast, "deputy").post(
        "/motions",
        {
            "session": session.pk,
            "title": "关于制定餐饮从业人员佩戴口罩规定的议案",
            "body": "建议制定地方性法规。",
            "category": "health",
            "delegation": org["delegation"].pk,
        },
    )
    assert r.status_code == 201, r.content
    return Motion.objects.get(pk=r.json()["id"])


def test_deputy_submits_a_motion_for_their_delegation(cast, motion, org):
    data = as_user(cast, "deputy").get(f"/motions/{motion.pk}").json()
    assert data["state"] == "submitted" and data["number"] == 1
    assert data["delegation"]["name"] == "榆次区代表团"
    assert data["lead_deputy"]["name"] == "李秀兰"
    assert data["available_actions"] == []
    assert "13835412345" not in str(data)


def test_a_motion_without_a_delegation_needs_ten_deputies(cast, org, during_session):
    session = during_session
    r = as_user(cast, "deputy").post(
        "/motions",
        {
            "session": session.pk,
            "title": "议案",
            "body": "正文",
            "category": "health",
            "deputy_ids": [org["deputy2"].pk],
        },
    )
    assert r.status_code == 422 and r.json()["field"] == "deputy_ids"
    assert not Motion.objects.exists()


def test_session_and_delegation_of_another_congress_are_refused(
    cast, org, other_congress, during_session
):
    session = during_session
    from renda.org.models import Term

    term = Term.objects.create(congress=other_congress, number=1, start_date=session.start_date)
    foreign_session = Session.objects.create(
        congress=other_congress,
        term=term,
        number=1,
        start_date=session.start_date,
        end_date=session.end_date,
    )
    foreign_delegation = Delegation.objects.create(congress=other_congress, name="外地代表团")
    payload = {"title": "议案", "body": "正文", "category": "health"}
    deputy = as_user(cast, "deputy")
    r = deputy.post(
        "/motions", {**payload, "session": foreign_session.pk, "delegation": org["delegation"].pk}
    )
    assert r.status_code == 422 and r.json()["field"] == "session"
    r = deputy.post(
        "/motions", {**payload, "session": session.pk, "delegation": foreign_delegation.pk}
    )
    assert r.status_code == 422 and r.json()["field"] == "delegation"


def test_only_a_deputy_submits_a_motion(cast, org, session):
    r = as_user(cast, "staff").post(
        "/motions",
        {"session": session.pk, "title": "议案", "body": "正文", "category": "health"},
    )
    assert r.status_code == 403


@pytest.mark.parametrize(
    ("who", "count"),
    [("staff", 1), ("leader", 1), ("deputy", 1), ("deputy2", 0), ("handler", 0), ("stranger", 0)],
)
def test_motions_are_listed_to_staff_leaders_and_proposers(cast, motion, who, count):
    r = as_user(cast, who).get("/motions")
    assert r.status_code == 200 and r.json()["count"] == count
    detail = as_user(cast, who).get(f"/motions/{motion.pk}")
    assert detail.status_code == (200 if count else 404)


def test_staff_refer_a_motion_to_a_special_committee(cast, motion, committee, other_congress):
    staff = as_user(cast, "staff")
    assert staff.get(f"/motions/{motion.pk}").json()["available_actions"] == [
        "refer",
        "list",
        "not_list",
    ]
    foreign = Body.objects.create(
        congress=other_congress, name="法制委员会", kind="special_committee"
    )
    r = staff.post(f"/motions/{motion.pk}/actions/refer", {"committee": foreign.pk})
    assert r.status_code == 422 and r.json()["field"] == "committee"
    r = as_user(cast, "deputy").post(
        f"/motions/{motion.pk}/actions/refer", {"committee": committee.pk}
    )
    assert r.status_code == 403
    r = staff.post(
        f"/motions/{motion.pk}/actions/refer", {"committee": committee.pk, "comment": "先审议"}
    )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "referred" and r.json()["committee"]["name"] == "法制委员会"
    r = staff.post(f"/motions/{motion.pk}/actions/list", {"comment": "列入议程"})
    assert r.status_code == 200 and r.json()["state"] == "listed"
    r = staff.post(f"/motions/{motion.pk}/actions/not_list")
    assert r.status_code == 409


def test_a_motion_not_listed_becomes_a_suggestion(cast, motion):
    r = as_user(cast, "staff").post(
        f"/motions/{motion.pk}/actions/not_list", {"comment": "作为建议处理"}
    )
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["state"] == "not_listed"
    s = Suggestion.objects.get(pk=data["suggestion"])
    assert s.from_motion_id == motion.pk
    detail = as_user(cast, "deputy").get(f"/suggestions/{s.pk}").json()
    assert detail["from_motion"] == motion.pk and detail["state"] == "submitted"


def test_unknown_motion_action_answers_422_with_a_message(cast, motion):
    r = as_user(cast, "staff").post(f"/motions/{motion.pk}/actions/approve", {})
    assert r.status_code == 422 and "approve" in r.json()["detail"]


# --- satisfaction polls on key suggestions ------------------------------------------------


@pytest.fixture
def leaders(cast, congress):
    more = [
        User.objects.create_user(
            username=f"leader{i}", password="x-long-pass", congress=congress, role="leader"
        )
        for i in (2, 3)
    ]
    return [as_user(cast, "leader"), *(Caller(u) for u in more)]


@pytest.fixture
def key_suggestion(cast, org, submit, committee):
    s = assigned_suggestion(cast, org, submit)
    r = as_user(cast, "leader").act(s, "mark_key", {"body": committee.pk})
    assert r.status_code == 200, r.content
    return s


def test_staff_open_a_poll_leaders_vote_and_staff_close_it(cast, key_suggestion, leaders):
    staff = as_user(cast, "staff")
    r = staff.post(
        f"/suggestions/{key_suggestion.pk}/poll", {"title": "满意度测评", "report": "办理情况报告"}
    )
    assert r.status_code == 201, r.content
    poll = r.json()
    assert poll["total"] == 0 and poll["satisfaction_rate"] is None
    assert poll["counts"] == {"satisfied": 0, "basic": 0, "dissatisfied": 0}
    for caller, result in zip(leaders, ["satisfied", "basic", "dissatisfied"], strict=True):
        r = caller.post(f"/polls/{poll['id']}/vote", {"result": result})
        assert r.status_code == 200, r.content
        assert r.json()["voted"] is True
    r = leaders[0].post(f"/polls/{poll['id']}/vote", {"result": "satisfied"})
    assert r.status_code == 409
    r = staff.get(f"/polls/{poll['id']}")
    data = r.json()
    assert data["voted"] is False and data["total"] == 3
    assert data["counts"] == {"satisfied": 1, "basic": 1, "dissatisfied": 1}
    assert data["satisfaction_rate"] == pytest.approx(0.6667)
    assert as_user(cast, "leader").post(f"/polls/{poll['id']}/close").status_code == 403
    r = staff.post(f"/polls/{poll['id']}/close")
    assert r.status_code == 200 and r.json()["closed_at"]
    assert staff.post(f"/polls/{poll['id']}/close").status_code == 409


def test_poll_refusals(cast, org, submit, key_suggestion):
    staff = as_user(cast, "staff")
    plain = assigned_suggestion(cast, org, submit)
    assert staff.post(f"/suggestions/{plain.pk}/poll", {"title": "测评"}).status_code == 409
    assert (
        as_user(cast, "deputy")
        .post(f"/suggestions/{key_suggestion.pk}/poll", {"title": "测评"})
        .status_code
        == 403
    )
    assert staff.post(f"/suggestions/{key_suggestion.pk}/poll", {"title": ""}).status_code == 422
    poll = staff.post(f"/suggestions/{key_suggestion.pk}/poll", {"title": "测评"}).json()
    assert (
        staff.post(f"/suggestions/{key_suggestion.pk}/poll", {"title": "再测"}).status_code == 409
    )
    assert staff.post(f"/polls/{poll['id']}/vote", {"result": "satisfied"}).status_code == 403
    assert (
        as_user(cast, "leader").post(f"/polls/{poll['id']}/vote", {"result": "great"}).status_code
        == 422
    )
    assert as_user(cast, "stranger").get(f"/polls/{poll['id']}").status_code == 404
    assert as_user(cast, "other_handler").get(f"/polls/{poll['id']}").status_code == 404
    assert as_user(cast, "staff").get(f"/polls/{2**40}").status_code == 404
    assert as_user(cast, "staff").get(f"/polls/{2**70}").status_code == 422


def test_huge_and_garbage_ids_on_motions_answer_4xx(cast):
    staff = as_user(cast, "staff")
    assert staff.get(f"/motions/{2**70}").status_code == 422
    assert staff.get("/motions/abc").status_code == 422
    assert staff.post(f"/motions/{2**40}/actions/list", {}).status_code == 404
    assert staff.get("/motions", state="nope").status_code == 422


def test_motion_list_costs_the_same_queries_for_one_or_many(
    cast, org, session, motion, django_assert_max_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            r = as_user(cast, "staff").get("/motions")
        assert r.status_code == 200
        return len(ctx.captured_queries)

    one = count_queries()
    for i in range(6):
        as_user(cast, "deputy").post(
            "/motions",
            {
                "session": session.pk,
                "title": f"议案{i}",
                "body": "正文。",
                "category": "health",
                "delegation": org["delegation"].pk,
            },
        )
    assert Motion.objects.count() == 7
    assert count_queries() == one
    with django_assert_max_num_queries(12):
        as_user(cast, "staff").get("/motions")


def test_a_motion_is_proposed_only_while_its_session_sits(cast, org, session, congress):
    """A motion dated after the session would be counted in a year that has ended."""
    import time_machine

    from renda.suggestions.tests.conftest import at

    payload = {
        "session": session.pk,
        "title": "议案",
        "body": "正文",
        "category": "health",
        "delegation": org["delegation"].pk,
    }
    deputy = as_user(cast, "deputy")
    with time_machine.travel(at(2024, 3, 1), tick=False):
        r = deputy.post("/motions", payload)
        assert r.status_code == 422 and r.json()["field"] == "session"
        assert not Motion.objects.exists()
        congress.settings = {"motions_after_session": True}  # a congress that accepts them
        congress.save()
        assert deputy.post("/motions", payload).status_code == 201
    with time_machine.travel(at(2024, 1, 10), tick=False):  # before it opens: never
        assert deputy.post("/motions", payload).status_code == 422
