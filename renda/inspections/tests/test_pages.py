"""The inspection pages: who reaches which (role by role), forms that record a site and a
problem (refused beside the field when the site or unit is missing), actions posted from the
problem's page, the county's part, exports, and lists whose query count does not grow with
their rows."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from renda.inspections import actions as A
from renda.inspections.models import Problem

from .conftest import D, on, photo

pytestmark = pytest.mark.django_db


def _many(item, site, cast, org, n: int) -> None:
    """n problems at the site, referred to the handler's unit, half reported."""
    for k in range(n):
        p = A.problem_record(
            actor=cast["staff"], inspection=item, site=site, unit=org["unit"], description="问题"
        )
        A.problem_refer(problem=p, actor=cast["staff"], due_on=D(2099, 1, 1))
        if k % 2:
            A.problem_report(problem=p, actor=cast["handler"], text="已整改。")


def _more_items(cast, n: int) -> None:
    for k in range(n):
        A.inspection_create(
            actor=cast["staff"],
            kind="visit",
            title=f"视察{k}",
            subject="主题",
            starts_on=D(2024, 5, 1),
        )


PAGES = [
    ("staff", "inspections:list", False),
    ("leader", "inspections:list", False),
    ("staff", "inspections:board", False),
    ("leader", "inspections:board", False),
    ("handler", "inspections:unit", False),
    ("deputy", "inspections:mine", False),
    ("staff", "inspections:problems", True),
    ("staff", "inspections:sites", True),
]


@pytest.mark.parametrize("who, name, of_item", PAGES)
def test_list_pages_cost_the_same_queries_for_few_and_many_rows(
    client, cast, org, item, site, who, name, of_item
):
    client.force_login(cast[who])
    url = reverse(name, args=[item.pk] if of_item else [])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url + "?show=all").status_code == 200
        return len(ctx.captured_queries)

    _many(item, site, cast, org, 2)
    client.get(url)  # warm up
    few = queries()
    _many(item, site, cast, org, 10)
    _more_items(cast, 5)
    assert queries() == few <= 20


def test_the_item_page_costs_the_same_for_few_and_many_rows(client, cast, org, joint, item, site):
    client.force_login(cast["staff"])

    def queries(pk: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("inspections:inspection", args=[pk])).status_code == 200
        return len(ctx.captured_queries)

    _many(item, site, cast, org, 2)
    A.aspect_add(inspection=item, actor=cast["staff"], title="方面", recommendations=["一"])
    few = queries(item.pk), queries(joint.pk)
    _many(item, site, cast, org, 10)
    A.aspect_add(inspection=item, actor=cast["staff"], title="方面", recommendations=["一", "二"])
    assert (queries(item.pk), queries(joint.pk)) == few
    assert max(few) <= 25


@pytest.mark.parametrize(
    "who, name",
    [("handler", "inspections:list"), ("deputy", "inspections:board"),
     ("station", "inspections:list"), ("staff", "inspections:unit"),
     ("leader", "inspections:new"), ("handler", "inspections:mine"),
     ("deputy", "inspections:new")],
)  # fmt: skip
def test_pages_refuse_who_has_no_business_there(client, cast, who, name):
    client.force_login(cast[who])
    assert client.get(reverse(name)).status_code == 403


def test_staff_open_an_item_on_the_page(client, cast):
    client.force_login(cast["staff"])
    data = {
        "kind": "law",
        "title": "执法检查",
        "subject": "《食品安全法》",
        "starts_on": "2024-04-10",
    }
    response = client.post(reverse("inspections:new"), data)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_problem_without_a_site_or_unit_is_refused_beside_the_field(client, cast, item, site):
    client.force_login(cast["staff"])
    url = reverse("inspections:problem_new", args=[item.pk])
    response = client.post(url, {"description": "问题", "unit": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    form = response.context["form"]
    assert "Name the site" in str(form.errors["site"])
    assert not Problem.objects.exists()


def test_staff_record_a_problem_with_a_photo_on_the_page(client, cast, org, item, site):
    client.force_login(cast["staff"])
    url = reverse("inspections:problem_new", args=[item.pk])
    with on(D(2024, 4, 13)):
        response = client.post(
            url,
            {
                "site": site.pk,
                "unit": org["unit"].pk,
                "description": "后厨生熟混放。",
                "photos": photo(),
            },
        )
    assert response.status_code == 302
    p = Problem.objects.get()
    assert p.photos.count() == 1 and response["Location"] == reverse(
        "inspections:problem", args=[p.pk]
    )
    client.force_login(cast["staff"])  # the session idled out while time travelled
    got = client.get(response["Location"])
    assert got.status_code == 200, got
    page = got.content.decode()
    assert 'id="action-refer"' in page and "后厨生熟混放" in page
    photo_url = reverse("inspections:photo", args=[p.pk, p.photos.get().pk])
    assert client.get(photo_url).status_code == 200
    client.force_login(cast["other_handler"])
    assert client.get(photo_url).status_code == 404


def test_the_unit_reports_on_the_page_and_a_stray_unit_cannot(client, cast, referred):
    url = reverse("inspections:act", args=[referred.pk, "report"])
    client.force_login(cast["other_handler"])
    assert client.post(url, {"report-text": "x"}).status_code == 404
    client.force_login(cast["handler"])
    page = client.get(reverse("inspections:problem", args=[referred.pk])).content.decode()
    assert 'id="action-report"' in page and 'enctype="multipart/form-data"' in page
    assert client.post(url, {"report-text": ""}).status_code == 422
    response = client.post(url, {"report-text": "已整改到位。", "report-photos": photo()})
    assert response.status_code == 302
    referred.refresh_from_db()
    assert referred.state == "reported" and referred.photos.count() == 1


def test_a_deadline_in_the_past_is_refused_beside_the_field(client, cast, record):
    p = record()
    client.force_login(cast["staff"])
    url = reverse("inspections:act", args=[p.pk, "refer"])
    with on(D(2024, 4, 15)):
        response = client.post(url, {"refer-due_on": "2024-04-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "cannot be in the past" in response.content.decode()
    p.refresh_from_db()
    assert p.state == "found"


def test_the_board_counts_overdue_and_reported(client, cast, referred, record):
    other = record()
    with on(D(2024, 4, 20)):
        A.problem_refer(problem=other, actor=cast["staff"], due_on=D(2024, 7, 1))
    client.force_login(cast["staff"])
    with on(D(2024, 6, 20)):
        response = client.get(reverse("inspections:board") + "?show=overdue")
    totals = response.context["totals"]
    assert (totals["open"], totals["overdue"]) == (2, 1)
    html = response.content.decode()
    assert f'data-problem="{referred.pk}"' in html and f'data-problem="{other.pk}"' not in html


def test_the_handler_sees_only_the_unit_s_problems(client, cast, org, referred, record):
    found_only = record()  # not referred: not the unit's business yet
    mine = record()
    with on(D(2024, 4, 20)):
        A.problem_refer(problem=mine, actor=cast["staff"], due_on=D(2024, 7, 1))
    stray = record(unit=org["other_unit"])
    with on(D(2024, 4, 20)):
        A.problem_refer(problem=stray, actor=cast["staff"], due_on=D(2024, 7, 1))
    client.force_login(cast["handler"])
    html = client.get(reverse("inspections:unit")).content.decode()
    assert f'data-problem="{referred.pk}"' in html and f'data-problem="{mine.pk}"' in html
    assert (
        f'data-problem="{stray.pk}"' not in html and f'data-problem="{found_only.pk}"' not in html
    )
    assert client.get(reverse("inspections:problem", args=[stray.pk])).status_code == 404


def test_the_problems_export_and_the_report_docx(client, cast, item, reported):
    with on(D(2024, 6, 5)):
        A.problem_verify(problem=reported, actor=cast["staff"], verdict="rectified")
    A.aspect_add(
        inspection=item,
        actor=cast["staff"],
        title="压实监管责任",
        recommendations=["建立问题清单", "强化考核"],
    )
    A.inspection_report(
        inspection=item, actor=cast["staff"], title="关于食品安全法执法检查情况的报告",
        text="检查组采取明查暗访方式开展工作。", dated=D(2024, 7, 1),
    )  # fmt: skip
    client.force_login(cast["staff"])
    xlsx = client.get(reverse("inspections:problems_export", args=[item.pk]))
    assert xlsx.status_code == 200
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(xlsx.content)).active.rows]
    assert any("榆次区某农贸市场" in str(r) for r in rows)
    docx = client.get(reverse("inspections:report_export", args=[item.pk]))
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "关于食品安全法执法检查情况的报告" in text
    assert "实地检查点位1个，发现并反馈问题1个，已整改到位1个；提出一方面2条建议" in text
    assert "一、压实监管责任" in text and "1. 建立问题清单" in text and "2024年7月1日" in text
    client.force_login(cast["handler"])
    assert client.get(reverse("inspections:report_export", args=[item.pk])).status_code == 403


def test_the_deputy_sees_the_items_they_joined(client, cast, item, joint):
    client.force_login(cast["deputy"])
    html = client.get(reverse("inspections:mine")).content.decode()
    assert f'data-inspection="{item.pk}"' in html and f'data-inspection="{joint.pk}"' not in html
    assert client.get(reverse("inspections:inspection", args=[item.pk])).status_code == 200
    client.force_login(cast["deputy2"])
    assert client.get(reverse("inspections:inspection", args=[item.pk])).status_code == 404


def test_the_admin_lists_open_read_only(client, cast, referred) -> None:
    from renda.accounts.models import User

    root = User.objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(root)
    for name in ("inspection", "problem"):
        assert client.get(reverse(f"admin:inspections_{name}_changelist")).status_code == 200
