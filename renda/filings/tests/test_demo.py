"""The demo year's filing review: the work report's eight documents filed and reviewed in
2024 (one corrected), the register, the citizens' proposals, the annual report drafted from
those rows, and the current year's open work for the demo accounts."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.workflow import history
from renda.filings.models import AnnualReport, Filing, NormativeDocument, Review, ReviewProposal


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    from django.conf import settings

    old, settings.MEDIA_ROOT = settings.MEDIA_ROOT, tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        call_command("demo", only=["org", "meetings", "filings"], stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()
    settings.MEDIA_ROOT = old


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def _stats(year: int) -> dict[str, Any]:
    out = io.StringIO()
    call_command("stats", year=year, json=True, stdout=out)
    return json.loads(out.getvalue())


def test_renda_stats_gives_the_work_reports_filing_review_figures_for_2024():
    figures = _stats(2024)
    assert figures["filings_reviewed"] == 8  # 备案审查规范性文件8件
    assert figures["filings_with_problems"] == 1
    assert figures["filings_corrected"] == 1
    assert figures["review_proposals"] == 2
    assert figures["filings_received"] == 8
    assert figures["filings_late"] == 1


def test_the_2024_filings_come_from_the_city_its_court_and_procuratorate_and_the_counties():
    filings = Filing.objects.filter(filed_at__year=2024).select_related("issuer")
    kinds = {f.issuer.kind for f in filings}
    assert {"government", "department", "court", "procuratorate", "county_committee"} <= kinds
    late = filings.get(late=True)
    assert late.issuer.kind == "procuratorate"
    returned = [f for f in filings if "return" in {e.action for e in history(f)}]
    assert len(returned) == 1 and returned[0].state == "registered"


def test_the_problem_found_was_corrected_by_the_demo_handlers_unit():
    review = Review.objects.get(state="corrected")
    handler = User.objects.get(username="handler")
    assert review.document.issuer.unit_id == handler.unit_id
    assert review.document.status == "amended"
    steps = [e.action for e in history(review)]
    assert steps == [
        "open",
        "record_check",
        "record_check",
        "record_check",
        "conclude",
        "send_opinion",
        "report_correction",
        "verify",
    ]


def test_the_register_holds_the_earlier_years_and_the_public_searches_it(client):
    register = NormativeDocument.objects.all()
    assert register.filter(published_on__year__lt=2024).count() >= 40
    assert register.filter(issuer__kind="county_committee").count() >= 33
    page = client.get(reverse("filings:public"), {"q": "物业服务收费"}).content.decode()
    assert "晋中市物业服务收费管理办法" in page


def test_one_proposal_was_reviewed_and_answered_the_other_declined():
    answered = ReviewProposal.objects.get(state="answered")
    assert answered.review is not None and answered.review.kind == "request"
    assert answered.review.state == "no_problem"
    assert ReviewProposal.objects.filter(state="declined").count() == 1


def test_the_2024_report_was_heard_and_its_document_tells_the_eight(client):
    from renda.meetings.models import AgendaItem

    report = AnnualReport.objects.get(year=2024)
    assert report.state == "heard" and report.heard_on.isoformat() == "2024-12-26"
    item = AgendaItem.objects.get(kind="filing_report", case_id=report.pk)  # the meeting's item
    assert item.meeting.start_date == report.heard_on and item.meeting.title == report.meeting_note
    client.force_login(User.objects.get(username="staff"))
    data = client.get(reverse("filings:report_docx", args=[report.pk])).content
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "全年审查规范性文件9件" in text  # the eight filings and the proposal's review
    assert "主动审查8件" in text and "依申请审查1件" in text
    assert "《晋中市网络预约出租汽车经营服务管理实施细则》" in text


@pytest.mark.parametrize(
    "username, kinds",
    [
        ("staff", {"register", "review", "decide"}),
        ("handler", {"refile"}),
        ("leader", {"council"}),
    ],
)
def test_the_current_year_has_open_work_for_the_demo_accounts(username, kinds):
    user = User.objects.get(username=username)
    found = {d.kind for d in waiting_for(user) if d.content_type.app_label == "filings"}
    assert kinds <= found


def test_an_overdue_correction_waits_for_its_county(client):
    review = Review.objects.get(state="correcting")
    assert review.document.issuer.kind == "county_committee"
    from django.utils import timezone

    assert review.correction_due < timezone.localdate()
    client.force_login(User.objects.get(username="staff"))
    home = client.get(reverse("filings:home")).content.decode()
    assert "data-overdue" in home
