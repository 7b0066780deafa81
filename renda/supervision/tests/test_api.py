"""The supervision API: lists scoped by role, the action routes, points, polls through core's
/polls routes, query caps."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.suggestions.tests.test_api import as_user
from renda.supervision import actions as A

from .conftest import D, on
from .test_pages import _make


def test_a_unit_sees_and_answers_only_its_opinions(cast, sent):
    mine = as_user(cast, "handler").get("/supervision/opinions").json()
    assert [o["id"] for o in mine["items"]] == [sent.pk]
    assert as_user(cast, "other_handler").get("/supervision/opinions").json()["count"] == 0
    assert as_user(cast, "other_handler").get(f"/supervision/opinions/{sent.pk}").status_code == 404
    handler = as_user(cast, "handler")
    detail = handler.get(f"/supervision/opinions/{sent.pk}").json()
    assert detail["available_actions"] == ["answer"] and len(detail["point_list"]) == 3
    point = detail["point_list"][0]["id"]
    r = handler.post(f"/supervision/opinions/{sent.pk}/points/{point}/done", {"note": "已完成"})
    assert r.status_code == 200 and r.json()["points_done"] == 1
    r = handler.post(f"/supervision/opinions/{sent.pk}/actions/answer", {"answer": ""})
    assert r.status_code == 422
    r = handler.post(f"/supervision/opinions/{sent.pk}/actions/answer", {"answer": "研究处理情况"})
    assert r.status_code == 200 and r.json()["state"] == "answered"
    assert as_user(cast, "deputy").get("/supervision/reports").json()["count"] == 0


def test_an_inquiry_poll_through_the_api(cast, inquiry, leaders):
    staff = as_user(cast, "staff")
    with on(D(2024, 10, 25)):
        r = staff.post(
            f"/supervision/inquiries/{inquiry.pk}/actions/hold",
            {"held_on": "2024-10-25", "meeting": "第二十次会议"},
        )
        assert r.status_code == 200, r.content
        dept = r.json()["departments"][0]["id"]
        r = staff.post(f"/supervision/inquiries/{inquiry.pk}/departments/{dept}/poll", {})
        assert r.status_code == 201
        poll = r.json()
        assert poll["case_type"] == "supervision | special inquiry" or poll["case_id"] == inquiry.pk
        leader = as_user(cast, "leader")
        assert [p["id"] for p in leader.get("/polls").json()["items"]] == [poll["id"]]
        r = leader.post(f"/polls/{poll['id']}/vote", {"result": "satisfied"})
        assert r.status_code == 200 and r.json()["voted"] and r.json()["total"] is None
        assert staff.get(f"/polls/{poll['id']}").json()["total"] == 1
        assert as_user(cast, "handler").get(f"/polls/{poll['id']}").status_code == 404


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("staff", "/supervision/reports"),
        ("staff", "/supervision/opinions"),
        ("handler", "/supervision/opinions"),
        ("staff", "/supervision/inquiries"),
    ],
)
def test_api_lists_cost_the_same_with_few_and_many_rows(cast, congress, org, who, path):
    caller = as_user(cast, who)

    def cost() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert caller.get(path).status_code == 200
        return len(ctx.captured_queries)

    _make(cast, congress, org, 2)
    few = cost()
    _make(cast, congress, org, 10)
    assert cost() == few


def test_report_detail_has_its_state_assets_figures(cast, congress):
    from decimal import Decimal

    with on(D(2024, 6, 1)):
        r = A.report_create(
            congress=congress, kind="state_assets", title="国资", actor=cast["staff"]
        )
        A.report_set_figures(
            report=r, actor=cast["staff"], figures={"financial": (Decimal(80), Decimal(60), "")}
        )
    data = as_user(cast, "leader").get(f"/supervision/reports/{r.pk}").json()
    assert data["figures"] == [
        {"category": "financial", "assets": 80.0, "liabilities": 60.0, "note": ""}
    ]


def test_staff_record_the_figures_by_category_through_the_api(cast, congress):
    with on(D(2024, 6, 1)):
        r = A.report_create(
            congress=congress, kind="state_assets", title="国资", actor=cast["staff"]
        )
    staff = as_user(cast, "staff")
    path = f"/supervision/reports/{r.pk}/figures"
    body = {"figures": [{"category": "enterprise", "assets": "1862.35", "liabilities": "1204.17"}]}
    assert as_user(cast, "leader").post(path, body).status_code == 403
    assert staff.post(path, {"figures": [{"category": "gold", "assets": 1}]}).status_code == 422
    assert staff.post(path, {"figures": [{"category": "natural", "assets": -1}]}).status_code == 422
    r2 = staff.post(path, body)
    assert r2.status_code == 200 and r2.json()["figures"][0]["assets"] == 1862.35


def test_api_lists_filter_by_their_query_parameters(cast, sent, inquiry):
    """Each list takes its filters as one schema, passed whole to the query the pages use."""
    staff = as_user(cast, "staff")

    def ids(path: str) -> list[int]:
        r = staff.get(path)
        assert r.status_code == 200, r.content
        return [row["id"] for row in r.json()["items"]]

    report = sent.report_id
    assert ids("/supervision/reports?year=2024&kind=debt&state=heard") == [report]
    assert ids("/supervision/reports?q=债务") == [report]
    assert ids("/supervision/reports?year=2023") == ids("/supervision/reports?kind=special") == []
    assert ids("/supervision/opinions?year=2024&state=sent") == [sent.pk]
    assert ids("/supervision/opinions?state=answered") == []
    with on(D(2024, 12, 1)):
        assert ids("/supervision/opinions?overdue=true") == [sent.pk]
    with on(D(2024, 5, 7)):
        assert ids("/supervision/opinions?overdue=true") == []
        assert ids("/supervision/opinions?overdue=false") == [sent.pk]
    assert ids("/supervision/inquiries?year=2024") == [inquiry.pk]
    assert ids("/supervision/inquiries?year=2023") == []
    bad_filters = ("reports?year=1999", "reports?kind=no", "opinions?state=no", "inquiries?year=x")
    for bad in bad_filters:
        assert staff.get(f"/supervision/{bad}").status_code == 422, bad


def test_api_details_and_their_parts_out_of_reach_are_404(cast, sent, inquiry):
    other = as_user(cast, "other_handler")
    assert other.get(f"/supervision/opinions/{sent.pk}").status_code == 404
    r = other.post(f"/supervision/opinions/{sent.pk}/points/1/done", {"note": "x"})
    assert r.status_code == 404
    staff = as_user(cast, "staff")
    assert staff.get("/supervision/reports/999999").status_code == 404
    assert staff.get("/supervision/inquiries/999999").status_code == 404
    r = staff.post(f"/supervision/opinions/{sent.pk}/points/999999/done", {"note": "x"})
    assert r.status_code == 404
    r = staff.post(f"/supervision/inquiries/{inquiry.pk}/departments/999999/poll", {})
    assert r.status_code == 404
    detail = staff.get(f"/supervision/opinions/{sent.pk}").json()
    assert detail["unit"]["name"] and detail["available_actions"]
    assert staff.get(f"/supervision/reports/{sent.report_id}").json()["unit"]["id"] == sent.unit_id
