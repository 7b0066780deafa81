"""The annual filing-review report: drafted from the year's rows as a Word document, and the
steps that a meetings app will link (submitted for the agenda, heard)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.filings import actions as A
from renda.filings.documents import year_figures

from .conftest import D, check_all, files, on

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2024(file, cast, congress, document):
    """Three filings of 2024 (one late, one with a problem corrected) and a proposal."""
    staff, handler = cast["staff"], cast["handler"]
    reviews = []
    for i, day in enumerate((D(2024, 3, 20), D(2024, 4, 15), D(2024, 6, 3))):
        filing = file(
            day=day, number=f"晋中交发〔2024〕{i + 1}号", title=f"办法{i + 1}", files=files()
        )
        with on(day):
            A.filing_register(filing=filing, actor=staff)
        reviews.append(filing.reviews.get())
    for i, review in enumerate(reviews):
        check_all(review, staff, problem="consistency" if i == 1 else "", day=D(2024, 7, 1))
        with on(D(2024, 7, 2)):
            A.review_conclude(review=review, actor=staff, summary="审查结论。")
    problem = reviews[1]
    with on(D(2024, 7, 5)):
        A.review_send_opinion(review=problem, actor=staff, opinion="建议修改第五条。")
    with on(D(2024, 8, 20)):
        A.review_report_correction(
            review=problem,
            actor=handler,
            kind="amended",
            text="已修改。",
            number="晋中交发〔2024〕9号",
        )
    with on(D(2024, 8, 26)):
        A.review_verify(review=problem, actor=staff, decision="accept")
    with on(D(2024, 9, 1)):
        A.proposal_submit_online(
            congress=congress,
            proposer_name="赵明",
            reasons="缺乏依据。",
            client_ip="10.0.0.1",
            document=document,
        )
        return A.report_draft(actor=staff, congress=congress, year=2024)


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_the_years_figures_come_from_the_rows(year_2024, congress):
    f = year_figures(congress, 2024)
    assert (f.filed, f.late, f.registered) == (3, 2, 3)  # published 03-01: 04-15 and 06-03 late
    assert (f.reviewed, f.no_problem, f.with_problem, f.corrected) == (3, 2, 1, 1)
    assert f.proposals == 1 and f.proposals_accepted == 0
    assert dict(f.by_group)["市人民政府及其部门"] == 3


def test_the_docx_report_tells_the_year_from_its_rows(client, cast, year_2024):
    client.force_login(cast["staff"])
    response = client.get(reverse("filings:report_docx", args=[year_2024.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = _text(response.content)
    assert text.startswith(year_2024.title)
    assert "共接收报备规范性文件3件" in text and "逾期报备2件" in text
    assert "全年审查规范性文件3件" in text and "发现问题1件，已纠正1件" in text
    assert "《办法2》" in text and "予以修改（晋中交发〔2024〕9号）" in text
    assert "审查建议1件" in text


def test_the_report_page_shows_the_figures_and_the_hearing_step(client, cast, year_2024):
    client.force_login(cast["staff"])
    page = client.get(reverse("filings:report", args=[year_2024.pk])).content.decode()
    assert 'data-figure="reviewed">3<' in page and 'id="action-submit"' in page
    client.force_login(cast["leader"])
    leader_page = client.get(reverse("filings:report", args=[year_2024.pk])).content.decode()
    assert 'id="action-submit"' not in leader_page and "data-report-docx" in leader_page
    client.force_login(cast["handler"])
    assert client.get(reverse("filings:report", args=[year_2024.pk])).status_code == 403


def test_a_heard_report_names_its_meeting_in_the_document(client, cast, year_2024):
    A.report_submit(report=year_2024, actor=cast["staff"])
    with on(D(2025, 2, 20)):
        A.report_record_hearing(
            report=year_2024,
            actor=cast["staff"],
            heard_on=D(2025, 2, 20),
            meeting="市五届人大常委会第二十三次会议",
        )
    client.force_login(cast["staff"])
    text = _text(client.get(reverse("filings:report_docx", args=[year_2024.pk])).content)
    assert "2025年2月20日在市五届人大常委会第二十三次会议上" in text


def test_one_report_a_year_by_staff_only_and_not_heard_in_the_future(cast, congress, year_2024):
    with pytest.raises(ActionInvalid):
        A.report_draft(actor=cast["staff"], congress=congress, year=2024)
    with pytest.raises(ActionForbidden):
        A.report_draft(actor=cast["leader"], congress=congress, year=2023)
    A.report_submit(report=year_2024, actor=cast["staff"])
    with on(D(2025, 1, 10)), pytest.raises(ActionInvalid) as error:
        A.report_record_hearing(
            report=year_2024, actor=cast["staff"], heard_on=D(2025, 2, 20), meeting="x"
        )
    assert error.value.field == "heard_on"


def test_staff_draft_the_report_on_the_page(client, cast):
    client.force_login(cast["staff"])
    response = client.post(reverse("filings:reports"), {"year": 2024, "foreword": "一年来……"})
    assert response.status_code == 302
    assert "一年来" in client.get(response["Location"]).content.decode()
