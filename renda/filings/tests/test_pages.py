"""The filing-review pages: who reaches which, what each shows, actions posted from a case page
(422 beside the field, 409 when the state moved), and list pages whose query count does not
grow with their rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.filings import actions as A
from renda.filings.models import Filing, Review

from .conftest import D, check_all, files, on

pytestmark = pytest.mark.django_db


def _many_filings(file, cast, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        filing = file(number=f"晋中交发〔2024〕{100 + i}号", title=f"第{i}号文件", files=files())
        A.filing_register(filing=filing, actor=cast["staff"])


LISTS = [
    ("staff", "filings:home"),
    ("staff", "filings:filings"),
    ("handler", "filings:filings"),
    ("staff", "filings:reviews"),
    ("handler", "filings:reviews"),
    ("leader", "filings:documents"),
    ("staff", "filings:proposals"),
    ("", "filings:public"),
]


@pytest.mark.parametrize("who, name", LISTS)
def test_list_pages_cost_the_same_queries_for_few_and_many_rows(client, cast, file, who, name):
    if who:
        client.force_login(cast[who])
    url = reverse(name)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _many_filings(file, cast, 2)
    client.get(url)  # warm up
    few = queries()
    _many_filings(file, cast, 12, start=2)
    assert queries() == few <= 20


@pytest.mark.parametrize(
    "who, name, status",
    [
        ("deputy", "filings:home", 403),
        ("handler", "filings:home", 403),
        ("deputy", "filings:filings", 403),
        ("station", "filings:reviews", 403),
        ("handler", "filings:documents", 403),
        ("handler", "filings:proposals", 403),
        ("leader", "filings:filing_new", 403),
        ("handler", "filings:review_new", 403),
        ("leader", "filings:document_new", 403),
        ("handler", "filings:reports", 403),
    ],
)
def test_pages_refuse_who_has_no_business_there(client, cast, issuer, who, name, status):
    client.force_login(cast[who])
    assert client.get(reverse(name)).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("filings:filings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_handler_files_on_the_page_and_lands_on_the_filing(client, cast, issuer):
    client.force_login(cast["handler"])
    form = client.get(reverse("filings:filing_new"))
    assert form.status_code == 200 and issuer.name in form.content.decode()
    data = {
        "issuer": issuer.pk,
        "number": "晋中交发〔2024〕5号",
        "title": "晋中市网络预约出租汽车经营服务管理实施细则",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-02",
        **files(),
    }
    with on(D(2024, 4, 20)):
        response = client.post(reverse("filings:filing_new"), data)
        page = client.get(response["Location"]).content.decode()
    filing = Filing.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "filings:filing", args=[filing.pk]
    )
    assert filing.late  # published 03-02: due 04-01
    assert "晋中交发〔2024〕5号" in page and 'data-purpose="electronic"' in page


def test_a_bad_file_shows_beside_its_field_and_nothing_is_stored(client, cast, issuer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast["handler"])
    data = {
        "issuer": issuer.pk,
        "number": "晋中交发〔2024〕5号",
        "title": "实施细则",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-02",
        **files(electronic=SimpleUploadedFile("电子文本.pdf", b"%PDF-1.4 broken")),
    }
    response = client.post(reverse("filings:filing_new"), data)
    assert response.status_code == 422
    assert 'id="id_electronic_errors"' in response.content.decode()
    assert not Filing.objects.exists()


def test_staff_register_from_the_filing_page_and_a_second_click_is_a_conflict(client, cast, file):
    filing = file()
    client.force_login(cast["staff"])
    page = client.get(reverse("filings:filing", args=[filing.pk])).content.decode()
    assert 'id="action-register"' in page and 'id="action-return"' in page
    url = reverse("filings:filing_act", args=[filing.pk, "register"])
    assert client.post(url, {"register-comment": ""}).status_code == 302
    again = client.post(url, {"register-comment": ""})
    assert again.status_code == 409 and "data-conflict" in again.content.decode()
    assert Review.objects.filter(filing=filing).count() == 1


def test_a_review_page_shows_the_checks_to_staff_and_not_to_the_issuing_body(
    client, cast, registered
):
    check_all(registered, cast["staff"], problem="legality")
    url = reverse("filings:review", args=[registered.pk])
    client.force_login(cast["staff"])
    staff_page = client.get(url).content.decode()
    assert 'data-aspect="legality"' in staff_page and 'id="action-conclude"' in staff_page
    client.force_login(cast["handler"])
    unit_page = client.get(url).content.decode()
    assert 'data-aspect="legality"' not in unit_page and "超出上位法" not in unit_page
    assert 'id="action-conclude"' not in unit_page
    client.force_login(cast["other_handler"])
    assert client.get(url).status_code == 404


def test_concluding_without_checks_on_the_page_says_why_and_changes_nothing(
    client, cast, registered
):
    client.force_login(cast["staff"])
    url = reverse("filings:review_act", args=[registered.pk, "conclude"])
    response = client.post(url, {"conclude-summary": "未发现问题。"})
    assert response.status_code == 422
    assert "请先登记以下方面的审查情况" in response.content.decode()
    registered.refresh_from_db()
    assert registered.state == "reviewing"


def test_the_register_exports_what_the_filter_shows(client, cast, document, registered):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(cast["staff"])
    response = client.get(reverse("filings:documents_export"), {"q": "培训"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[3:]] == [document.title]


def test_the_public_reads_documents_in_force_and_searches_their_text(client, document, cast):
    listed = client.get(reverse("filings:public"), {"q": "校外培训机构管理"}).content.decode()
    assert document.title in listed
    page = client.get(reverse("filings:public_document", args=[document.pk])).content.decode()
    assert "为规范校外培训机构管理" in page
    A.review_open(document=document, kind="special", topic="x", actor=cast["staff"])
    from renda.filings.actions._common import change_status

    change_status(document, "repealed", actor=cast["staff"])
    assert client.get(reverse("filings:public_document", args=[document.pk])).status_code == 404
    assert document.title not in client.get(reverse("filings:public")).content.decode()


def test_the_menus_lead_each_role_to_its_pages(client, cast):
    client.force_login(cast["staff"])
    assert reverse("filings:home") in client.get("/").content.decode()
    client.force_login(cast["handler"])
    assert reverse("filings:filings") in client.get("/").content.decode()
    client.logout()
    public = client.get("/").content.decode()
    assert reverse("filings:public") in public and reverse("filings:propose") in public


def test_the_admin_lists_every_filing_review_table_and_keeps_the_issuing_bodies(
    client, cast, registered
):
    from renda.accounts.models import User

    root = User.objects.create_superuser("root", password="root-password-long", email="")
    client.force_login(root)
    for model in ("issuer", "normativedocument", "filing", "review", "reviewproposal",
                  "annualreport"):  # fmt: skip
        assert client.get(f"/admin/filings/{model}/").status_code == 200, model
    assert client.get(f"/admin/filings/review/{registered.pk}/change/").status_code == 200
    assert client.get("/admin/filings/issuer/add/").status_code == 200
    assert client.get("/admin/filings/filing/add/").status_code == 403
