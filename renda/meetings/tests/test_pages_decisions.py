"""The pages of decisions, appointment proposals and the register of offices: who opens them,
forms with their refusals beside the field, and their query counts as the rows grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.accounts.tests.test_api_token import bearer
from renda.meetings import actions_decisions as D
from renda.meetings.models import Appointee, AppointmentProposal, Decision, Office

pytestmark = pytest.mark.django_db

PAGES = ["meetings:decisions", "meetings:proposals", "meetings:offices"]
API_LISTS = ["/api/v1/decisions", "/api/v1/appointment-proposals"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who, status", [("staff", 200), ("leader", 200), ("deputy", 403)])
def test_the_registers_are_for_staff_and_leaders(client, cast, name, who, status):
    client.force_login(cast[who])
    assert client.get(reverse(name)).status_code == status


def test_staff_draft_a_decision_from_the_page_and_land_on_it(client, cast):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("meetings:decision_new"),
        {"kind": "resolution", "title": "关于…的决议", "text": "……"},
    )
    decision = Decision.objects.get()
    assert response["Location"] == reverse("meetings:decision", args=[decision.pk])
    refused = client.post(reverse("meetings:decision_new"), {"kind": "resolution", "title": ""})
    assert refused.status_code == 422 and "title" in refused.context["form"].errors


def test_a_leader_reads_a_decision_without_its_forms(client, cast):
    decision = D.decision_draft(actor=cast["staff"], kind="decision", title="决定", text="……")
    client.force_login(cast["leader"])
    page = client.get(reverse("meetings:decision", args=[decision.pk]))
    assert page.status_code == 200 and page.context["action_forms"] == []


def test_a_person_for_an_office_already_held_is_refused_beside_the_office(client, cast, congress):
    from renda.meetings.models import Tenure

    office = Office.objects.create(
        congress=congress, organization="government", organization_name="晋中市人民政府",
        title="副市长",
    )  # fmt: skip
    holder = Appointee.objects.create(congress=congress, name="王明", gender="M")
    Tenure.objects.create(appointee=holder, office=office, start_date="2023-01-01")
    proposal = AppointmentProposal.objects.create(
        congress=congress, proposer="mayor", title="提请", received_on="2024-06-01"
    )
    client.force_login(cast["staff"])
    url = reverse("meetings:nomination_add", args=[proposal.pk])
    response = client.post(
        url, {"person-action": "appoint", "person-office": office.pk, "person-name": "李强"}
    )
    assert response.status_code == 422
    assert "office" in response.context["nomination_form"].errors
    assert not proposal.nominations.exists()


def test_the_lists_cost_the_same_for_few_and_many_rows(client, cast, congress):
    client.force_login(cast["staff"])

    def queries(name: str) -> int:
        api = name.startswith("/api/")
        with CaptureQueriesContext(connection) as ctx:
            if api:
                response = client.get(name, headers=bearer(cast["staff"]))
            else:
                response = client.get(reverse(name))
            assert response.status_code == 200
        return len(ctx.captured_queries)

    def add(i: int) -> None:
        D.decision_draft(actor=cast["staff"], kind="decision", title=f"决定{i}", text="……")
        office = Office.objects.create(
            congress=congress, organization="court", organization_name="法院", title=f"审判员{i}"
        )
        p = AppointmentProposal.objects.create(
            congress=congress, proposer="court", title=f"提请{i}", received_on="2024-06-01"
        )
        D.nomination_add(
            proposal=p, actor=cast["staff"], action="appoint", office=office,
            appointee=Appointee.objects.create(congress=congress, name=f"人{i}", gender="F"),
        )  # fmt: skip

    lists = [*PAGES, *API_LISTS]
    add(0)
    few = {name: queries(name) for name in lists}
    for i in range(1, 7):
        add(i)
    assert {name: queries(name) for name in lists} == few


def test_the_public_pages_need_no_account(client):
    for name in ("meetings:public_decisions", "meetings:public_appointments", "meetings:public"):
        assert client.get(reverse(name)).status_code == 200


def test_the_register_of_offices_filters_by_organization_and_by_a_holders_name(
    client, cast, congress
):
    from renda.meetings.models import Tenure

    mayor = Office.objects.create(
        congress=congress, organization="government", organization_name="晋中市人民政府",
        title="市财政局局长",
    )  # fmt: skip
    court = Office.objects.create(
        congress=congress, organization="court", organization_name="晋中市中级人民法院",
        title="副院长", seats=4,
    )  # fmt: skip
    holder = Appointee.objects.create(congress=congress, name="王明", gender="M")
    Tenure.objects.create(appointee=holder, office=court, start_date="2023-01-01")
    client.force_login(cast["staff"])
    url = reverse("meetings:offices")

    def listed(**query):
        return [o.pk for o in client.get(url, query).context["page_obj"]]

    assert sorted(listed()) == sorted([mayor.pk, court.pk])
    assert listed(organization="court") == [court.pk]
    assert listed(q="王明") == [court.pk]  # by the holder's name
    assert listed(q="财政") == [mayor.pk]  # by the office
    assert (
        listed(q="没有") == [] and "没有符合筛选条件的职务" in client.get(url, {"q": "没有"}).text
    )
    assert client.get(url, {"organization": "nonsense"}).status_code == 200  # ignored


def test_the_register_of_decisions_filters_and_exports_what_it_lists(client, cast):
    import io

    from openpyxl import load_workbook

    staff = cast["staff"]
    water = D.decision_draft(actor=staff, kind="decision", title="关于节水的决定", text="节水")
    D.decision_draft(actor=staff, kind="resolution", title="关于普法的决议", text="普法")
    client.force_login(staff)
    url = reverse("meetings:decisions")
    assert len(client.get(url).context["page_obj"]) == 2
    assert list(client.get(url, {"q": "节水"}).context["page_obj"]) == [water]
    assert list(client.get(url, {"kind": "decision"}).context["page_obj"]) == [water]
    page = client.get(url, {"year": "1999", "state": "nonsense"})  # bad values: shown, ignored
    assert page.status_code == 200 and len(page.context["page_obj"]) == 2
    response = client.get(reverse("meetings:decisions_xlsx"), {"q": "节水"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "关于节水的决定" in titles and "关于普法的决议" not in titles
    client.force_login(cast["deputy"])
    assert client.get(reverse("meetings:decisions_xlsx")).status_code == 403


def test_staff_record_the_chairs_councils_review_on_the_proposals_page(client, cast, congress):
    """The proposal's actions are taken through the page (they named the case otherwise than
    the declaration, and every one answered 500)."""
    office = Office.objects.create(
        congress=congress, organization="court", organization_name="法院", title="审判员"
    )
    proposal = AppointmentProposal.objects.create(
        congress=congress, proposer="court", title="提请", received_on="2024-06-01"
    )
    D.nomination_add(
        proposal=proposal, actor=cast["staff"], action="appoint", office=office,
        appointee=Appointee.objects.create(congress=congress, name="赵敏", gender="F"),
    )  # fmt: skip
    client.force_login(cast["staff"])
    url = reverse("meetings:proposal_act", args=[proposal.pk, "review"])
    refused = client.post(url, {"review-note": ""})
    assert refused.status_code == 422
    response = client.post(url, {"review-note": "主任会议同意提请常委会审议。"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "reviewed"
