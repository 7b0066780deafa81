"""The filing-review API: filing with files (multipart), the action routes built from the
declarations, reading scoped by role, the public register, and lists whose query count does
not grow with their rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.filings import actions as A
from renda.filings.models import Filing, Review
from renda.suggestions.tests.test_api import API, Caller

from .conftest import D, check_all, files, on

pytestmark = pytest.mark.django_db


def test_an_issuing_body_files_through_the_api_with_its_files(cast, issuer):
    caller = Caller(cast["handler"])
    data = {
        "issuer": issuer.pk,
        "number": "晋中交发〔2024〕7号",
        "title": "晋中市公共汽车客运管理办法",
        "issued_on": "2024-05-06",
        "published_on": "2024-05-08",
        **files(),
    }
    with on(D(2024, 5, 20)):
        response = caller.client.post(f"{API}/filings", data, headers=caller.headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "filed" and body["late"] is False
    assert sorted(f["purpose"] for f in body["files"]) == [
        "electronic",
        "explanation",
        "official",
        "report",
    ]
    assert body["available_actions"] == []  # the staff's turn
    assert [e["action"] for e in body["events"]] == ["file"]


def test_filing_for_a_body_one_does_not_file_for_names_the_field(cast, other_issuer):
    caller = Caller(cast["handler"])
    data = {
        "issuer": other_issuer.pk,
        "number": "x",
        "title": "y",
        "issued_on": "2024-05-06",
        "published_on": "2024-05-08",
        **files(),
    }
    response = caller.client.post(f"{API}/filings", data, headers=caller.headers)
    assert response.status_code == 422 and response.json()["field"] == "issuer"
    assert not Filing.objects.exists()


def test_staff_register_and_review_through_the_action_routes(cast, file):
    filing = file()
    staff = Caller(cast["staff"])
    assert staff.post(f"/filings/{filing.pk}/actions/register", {}).status_code == 200
    review = Review.objects.get(filing=filing)
    for aspect in ("legality", "consistency", "appropriateness"):
        r = staff.post(
            f"/reviews/{review.pk}/actions/record_check", {"aspect": aspect, "result": "ok"}
        )
        assert r.status_code == 200, r.content
    r = staff.post(f"/reviews/{review.pk}/actions/conclude", {"summary": "未发现问题。"})
    assert r.status_code == 200 and r.json()["state"] == "no_problem"
    assert r.json()["checks"] is not None and len(r.json()["checks"]) == 3
    again = staff.post(f"/reviews/{review.pk}/actions/conclude", {"summary": "x"})
    assert again.status_code == 409


def test_action_routes_refuse_by_role_state_and_input(cast, registered):
    handler = Caller(cast["handler"])
    pk = registered.pk
    forbidden = handler.post(f"/reviews/{pk}/actions/conclude", {"summary": "x"})
    assert forbidden.status_code == 403
    staff = Caller(cast["staff"])
    r = staff.post(f"/reviews/{pk}/actions/conclude", {"summary": "未发现问题。"})
    assert r.status_code == 422 and "请先登记" in r.json()["detail"]
    check_all(registered, cast["staff"], problem="legality")
    staff.post(f"/reviews/{pk}/actions/conclude", {"summary": "有问题。"})
    past = staff.post(
        f"/reviews/{pk}/actions/send_opinion", {"opinion": "请修改。", "due": "2020-01-01"}
    )
    assert past.status_code == 422 and past.json()["field"] == "due"
    unknown = staff.post(f"/reviews/{pk}/actions/dance", {})
    assert unknown.status_code == 422


def test_the_issuing_body_reads_its_reviews_without_the_checks(cast, registered):
    check_all(registered, cast["staff"], problem="legality")
    body = Caller(cast["handler"]).get(f"/reviews/{registered.pk}").json()
    assert body["checks"] is None and body["document"]["title"]
    assert Caller(cast["other_handler"]).get(f"/reviews/{registered.pk}").status_code == 404
    assert Caller(cast["stranger"]).get(f"/reviews/{registered.pk}").status_code == 404


def test_the_public_reads_the_register_in_force_with_the_text(document):
    public = Caller()
    listed = public.get("/normative-documents", q="校外培训").json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == document.number
    detail = public.get(f"/normative-documents/{document.pk}").json()
    assert "为规范校外培训机构管理" in detail["text"]


def test_the_public_proposes_through_the_api_and_gets_its_receipt(document):
    from django.core.cache import cache

    cache.clear()
    r = Caller().post(
        "/public/review-proposals",
        {"document": document.pk, "reasons": "缺乏依据。", "proposer_name": "赵明"},
    )
    assert r.status_code == 201 and len(r.json()["receipt_code"]) == 16
    assert "proposer_name" not in r.json()


def test_proposals_come_with_the_contact_for_staff_and_masked_for_leaders(cast, document):
    from django.core.cache import cache

    cache.clear()
    A.proposal_submit_online(
        congress=document.congress,
        proposer_name="赵明",
        phone="13912345678",
        reasons="缺乏依据。",
        client_ip="10.1.1.1",
        document=document,
    )
    staff = Caller(cast["staff"]).get("/review-proposals").json()["items"][0]
    assert staff["proposer_name"] == "赵明" and staff["contact_masked"] is False
    leader = Caller(cast["leader"]).get("/review-proposals").json()["items"][0]
    assert leader["proposer_name"] is None and leader["phone"] is None
    assert leader["contact_masked"] is True
    assert Caller(cast["handler"]).get("/review-proposals").json()["count"] == 0


@pytest.mark.parametrize(
    "who, path", [("staff", "/filings"), ("handler", "/filings"), ("staff", "/reviews")]
)
def test_list_query_count_does_not_grow_with_rows(cast, file, who, path):
    caller = Caller(cast[who])

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            r = caller.get(path, page_size=100)
        assert r.status_code == 200 and r.json()["count"] == n
        return len(ctx.captured_queries)

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            filing = file(number=f"号{i}", files=files())
            A.filing_register(filing=filing, actor=cast["staff"])

    add(0, 2)
    caller.get(path)  # warm up
    few = queries(2)
    add(2, 10)
    assert queries(12) == few <= 8


def test_the_public_register_list_costs_the_same_for_many_documents(cast, other_issuer):
    public = Caller()

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert public.get("/normative-documents", page_size=100).status_code == 200
        return len(ctx.captured_queries)

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            A.document_register(
                actor=cast["staff"],
                issuer=other_issuer,
                number=f"教{i}",
                title=f"文件{i}",
                issued_on=D(2023, 1, 1),
                published_on=D(2023, 1, 2),
                text="正文",
            )

    add(0, 2)
    few = queries()
    add(2, 10)
    assert queries() == few <= 3


def test_staff_draft_the_report_and_record_its_hearing(cast):
    staff = Caller(cast["staff"])
    r = staff.post("/filing-reports", {"year": 2024})
    assert r.status_code == 201 and r.json()["state"] == "draft"
    pk = r.json()["id"]
    assert staff.post(f"/filing-reports/{pk}/actions/submit", {}).json()["state"] == "submitted"
    heard = staff.post(
        f"/filing-reports/{pk}/actions/record_hearing",
        {"heard_on": "2025-02-20", "meeting": "第五届常委会第二十三次会议"},
    )
    assert heard.status_code == 200 and heard.json()["state"] == "heard"
    assert staff.post("/filing-reports", {"year": 2024}).status_code == 422
    assert Caller(cast["leader"]).post("/filing-reports", {"year": 2023}).status_code == 403
