"""The security auditor reads the trail, filters it and exports it; nobody else does, and
nobody changes it through the page."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.audit.models import Kind, Record
from renda.audit.records import record

pytestmark = pytest.mark.django_db

URL = reverse("audit:trail")


def test_only_the_auditor_reads_the_trail(client, cast, admins):
    for name in ("staff", "leader", "deputy", "handler", "station"):
        client.force_login(cast[name])
        assert client.get(URL).status_code == 403, name
    for name in ("sysadmin", "secadmin"):
        client.force_login(admins[name])
        assert client.get(URL).status_code == 403, name
    client.force_login(admins["auditor"])
    assert client.get(URL).status_code == 200


def test_the_logged_out_visitor_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_page_changes_nothing(client, admins):
    client.force_login(admins["auditor"])
    count = Record.objects.count()
    assert client.post(URL, {"kind": "login"}).status_code == 405
    assert client.delete(URL).status_code == 405
    assert Record.objects.count() == count


def test_filters_by_kind_words_and_address(client, admins):
    record(Kind.LOGIN_FAILED, username="mallory")
    record(Kind.LOGIN, actor=admins["sysadmin"])
    client.force_login(admins["auditor"])
    page = client.get(URL, {"kind": "login_failed", "q": "mallory"}).context["page_obj"]
    assert [r.username for r in page.object_list] == ["mallory"]
    page = client.get(URL, {"kind": "login_failed"}).context["page_obj"]
    assert {r.kind for r in page.object_list} == {"login_failed"}
    page = client.get(URL, {"q": "sysad"}).context["page_obj"]
    assert {r.kind for r in page.object_list} >= {"login"}
    assert all("sysad" in r.username + r.target for r in page.object_list)
    response = client.get(URL, {"ip": "not an address"})
    assert response.status_code == 200  # a bad filter is shown beside the field, not a 500


def test_the_trail_of_another_congress_is_not_shown(client, admins, other_congress):
    record(Kind.LOGIN, username="far", congress_id=other_congress.pk)
    client.force_login(admins["auditor"])
    listed = client.get(URL).context["page_obj"].object_list
    assert "far" not in {r.username for r in listed}


@pytest.mark.parametrize("rows", [3, 120])
def test_the_page_costs_the_same_few_queries_for_few_and_many_records(client, admins, rows):
    for i in range(rows):
        record(Kind.LOGIN_FAILED, username=f"guess-{i}")
    client.force_login(admins["auditor"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    assert len(ctx.captured_queries) <= 10, [q["sql"] for q in ctx.captured_queries]


def test_the_export_lists_the_filtered_records_up_to_the_cap(client, admins, settings):
    settings.AUDIT_EXPORT_LIMIT = 100
    for i in range(105):
        record(Kind.LOGIN_FAILED, username=f"guess-{i}")
    client.force_login(admins["auditor"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("audit:trail_xlsx"), {"kind": "login_failed"})
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 8
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 3 + 100
    assert ws.cell(row=4, column=3).value == "guess-104"  # newest first
    # The auditor's export is itself in the trail.
    assert Record.objects.filter(kind=Kind.DOWNLOAD, actor=admins["auditor"]).exists()


def test_the_menu_shows_the_trail_to_the_auditor(client, admins):
    client.force_login(admins["auditor"])
    html = client.get(reverse("core:home")).content.decode()
    assert URL in html
