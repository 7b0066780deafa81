"""Supervision's pages role by role: staff and leaders see everything of their congress, a
handling unit its own opinions, deputies nothing, the public what was published; query caps
on every list; the exports and the opinions letter."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from renda.supervision import actions as A
from renda.supervision.models import OpinionPoint

from .conftest import D, on


def get(client, user, name, *args, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"supervision:{name}", args=args), params, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def plan(cast, congress, report):
    with on(D(2024, 1, 10)):
        p = A.plan_create(congress=congress, year=2024, actor=cast["staff"])
        A.plan_item_add(plan=p, actor=cast["staff"], kind="hear", title="政府债务", month=4)
    return p


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_see_every_page(client, cast, sent, inquiry, plan, who):
    user = cast[who]
    assert get(client, user, "home", year=2024).status_code == 200
    assert get(client, user, "plan", plan.pk).status_code == 200
    assert get(client, user, "reports").status_code == 200
    assert get(client, user, "report", sent.report_id).status_code == 200
    assert get(client, user, "opinions").status_code == 200
    assert get(client, user, "opinion", sent.pk).status_code == 200
    assert get(client, user, "inquiries").status_code == 200
    assert get(client, user, "inquiry", inquiry.pk).status_code == 200


def test_a_handler_sees_only_the_opinions_sent_to_its_unit(client, cast, sent, opinion):
    response = get(client, cast["handler"], "opinions")
    assert response.status_code == 200 and sent.title in response.content.decode()
    assert get(client, cast["handler"], "opinion", sent.pk).status_code == 200
    assert get(client, cast["handler"], "reports").status_code == 403
    assert get(client, cast["handler"], "home").status_code == 403
    other = get(client, cast["other_handler"], "opinions")
    assert sent.title not in other.content.decode()
    assert get(client, cast["other_handler"], "opinion", sent.pk).status_code == 404


def test_a_drafted_opinion_is_not_shown_to_its_unit_yet(client, cast, opinion):
    assert get(client, cast["handler"], "opinion", opinion.pk).status_code == 404


@pytest.mark.parametrize("who", ["deputy", "station"])
def test_deputies_and_stations_are_refused(client, cast, sent, who):
    for name in ("home", "reports", "opinions"):
        assert get(client, cast[who], name).status_code == 403


def test_another_congress_sees_nothing_of_ours(client, cast, sent):
    assert get(client, cast["stranger"], "opinion", sent.pk).status_code == 404
    assert get(client, cast["stranger"], "report", sent.report_id).status_code == 404


def test_the_handler_answers_and_marks_points_on_the_page(client, cast, sent):
    client.force_login(cast["handler"])
    point = sent.points.first()
    url = reverse("supervision:opinion_point_done", args=[sent.pk])
    refused = client.post(url, {"point": point.pk, "note": " "}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert client.post(url, {"point": point.pk, "note": "已完成"}).status_code == 302
    assert OpinionPoint.objects.get(pk=point.pk).done_on is not None
    act = reverse("supervision:opinion_act", args=[sent.pk, "answer"])
    assert client.post(act, {"answer-answer": "研究处理情况"}).status_code == 302
    sent.refresh_from_db()
    assert sent.state == "answered"
    client.force_login(cast["other_handler"])
    assert client.post(url, {"point": point.pk, "note": "x"}).status_code == 404


def test_staff_draft_opinions_on_the_report_page(client, cast, heard, org):
    client.force_login(cast["staff"])
    url = reverse("supervision:report_draft_opinion", args=[heard.pk])
    bad = client.post(url, {"unit": org["unit"].pk, "text": "意见", "points": " "})
    assert bad.status_code == 422 and not heard.opinions.exists()
    ok = client.post(url, {"unit": org["unit"].pk, "text": "意见", "points": "一\n二"})
    assert ok.status_code == 302 and heard.opinions.get().points.count() == 2


def test_public_pages_show_only_what_is_published(client, cast, sent):
    report = sent.report
    assert get(client, None, "public_report", report.pk).status_code == 404
    A.report_publish(report=report, actor=cast["staff"])
    A.opinion_publish(opinion=sent, actor=cast["staff"])
    client.logout()
    listing = get(client, None, "public")
    assert listing.status_code == 200 and report.title in listing.content.decode()
    page = get(client, None, "public_report", report.pk).content.decode()
    assert "严控债务规模" in page


def test_the_opinions_letter_says_what_the_body_must_do(client, cast, sent):
    response = get(client, cast["staff"], "opinion_docx", sent.pk)
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert sent.title in text and sent.unit.name in text
    assert "一、严控债务规模" in text.replace("\n", "") or "一、" in text
    assert "2024年7月8日前将研究处理情况书面报告" in text
    assert get(client, cast["other_handler"], "opinion_docx", sent.pk).status_code == 404


def test_the_exports_list_what_the_page_lists(client, cast, sent):
    response = get(client, cast["staff"], "opinions_export")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=4, column=2).value == sent.title and ws.cell(row=4, column=8).value == 3
    response = get(client, cast["leader"], "reports_export", year=2024)
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=4, column=2).value == sent.report.title
    assert get(client, cast["handler"], "opinions_export").status_code == 403


def _make(cast, congress, org, n):
    with on(D(2024, 3, 1)):
        for i in range(n):
            r = A.report_create(
                congress=congress,
                kind="special",
                title=f"报告{i}",
                actor=cast["staff"],
                unit=org["unit"],
            )
            A.report_record_hearing(
                report=r, actor=cast["staff"], heard_on=D(2024, 2, 1), meeting="会"
            )
            o = A.opinion_draft(
                report=r, actor=cast["staff"], unit=org["unit"], text="x", points=["a", "b"]
            )
            A.opinion_approve(opinion=o, actor=cast["staff"], approved_on=D(2024, 3, 1))
            A.opinion_send(opinion=o, actor=cast["staff"])
            A.opinion_publish(opinion=o, actor=cast["staff"])
            A.report_publish(report=r, actor=cast["staff"])
            i_ = A.inquiry_create(
                congress=congress, actor=cast["staff"], title=f"询问{i}", year=2024
            )
            A.inquiry_add_unit(inquiry=i_, actor=cast["staff"], unit=org["unit"], mode="on_site")


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("staff", "reports"),
        ("staff", "opinions"),
        ("handler", "opinions"),
        ("staff", "inquiries"),
        ("handler", "inquiries"),
        ("leader", "home"),
        (None, "public"),
    ],
)
def test_lists_cost_the_same_with_few_and_many_rows(client, cast, congress, org, who, name):
    def cost() -> int:
        if who:
            client.force_login(cast[who])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(f"supervision:{name}"), {"year": 2024}).status_code == 200
        return len(ctx.captured_queries)

    _make(cast, congress, org, 2)
    few = cost()
    _make(cast, congress, org, 12)
    assert cost() == few
    assert few <= 20


def test_staff_plan_a_report_an_inquiry_and_a_years_plan_on_the_pages(client, cast, org):
    from renda.supervision.models import Inquiry, Report, SupervisionPlan

    client.force_login(cast["staff"])
    url = reverse("supervision:reports")
    bad = client.post(url, {"kind": "special", "title": " "}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422 and not Report.objects.exists()
    ok = client.post(url, {"kind": "debt", "title": "政府债务报告", "unit": org["unit"].pk})
    report = Report.objects.get()
    assert ok.status_code == 302 and ok["Location"] == reverse(
        "supervision:report", args=[report.pk]
    )
    ok = client.post(reverse("supervision:inquiries"), {"title": "专题询问", "topic": ""})
    assert ok.status_code == 302 and Inquiry.objects.count() == 1
    page = client.get(reverse("supervision:plan_current"), {"year": 2031})
    assert page.status_code == 200
    ok = client.post(reverse("supervision:plan_current"), {"year": 2025})
    assert ok.status_code == 302 and SupervisionPlan.objects.get().year == 2025
    again = client.post(reverse("supervision:plan_current"), {"year": 2025})
    assert again.status_code == 422 and SupervisionPlan.objects.count() == 1
    client.force_login(cast["leader"])
    assert client.post(url, {"kind": "debt", "title": "x"}).status_code == 403
    assert Report.objects.count() == 1


def test_a_department_answers_its_written_question_on_the_inquiry_page(client, cast, inquiry):
    from renda.supervision.models import InquiryQuestion

    _on_site, written = inquiry.units.order_by("id")
    with on(D(2024, 10, 25)):
        A.inquiry_hold(inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 25), meeting="会")
        q = A.question_ask(inquiry_unit=written, actor=cast["staff"], asker="李委员", question="?")
    mine = get(client, cast["other_handler"], "inquiries")
    assert mine.status_code == 200 and inquiry.title in mine.content.decode()
    assert get(client, cast["deputy"], "inquiries").status_code == 403
    url = reverse("supervision:inquiry_answer", args=[inquiry.pk, q.pk])
    client.force_login(cast["handler"])  # the on-site department: not its question
    assert client.post(url, {"answer": "答复"}).status_code == 403
    client.force_login(cast["other_handler"])
    assert client.post(url, {"answer": " "}).status_code == 422
    assert client.post(url, {"answer": "书面答复"}).status_code == 302
    assert InquiryQuestion.objects.get(pk=q.pk).answer == "书面答复"


def test_a_unit_does_not_see_other_units_published_opinions_in_its_ledger(client, cast, sent):
    A.opinion_publish(opinion=sent, actor=cast["staff"])
    A.report_publish(report=sent.report, actor=cast["staff"])
    assert sent.title not in get(client, cast["other_handler"], "opinions").content.decode()
    assert get(client, cast["other_handler"], "opinion", sent.pk).status_code == 404
    client.logout()
    assert get(client, None, "public_report", sent.report_id).status_code == 200
