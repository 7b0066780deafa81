"""Who petitioned is the petitions office's only: role by role, on the page, in the API and
in the export; masked for leaders, units and deputies; other staff do not see petitions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.petitions import actions as A
from renda.suggestions.tests.test_api import Caller

pytestmark = pytest.mark.django_db

NAME, PHONE, ID_NUMBER = "王秀英", "13912340001", "140702198001011234"


@pytest.fixture
def seen_by_all(handling, cast, office, org):
    """A key case, forwarded to the handler's unit, passed to the deputy's station."""
    A.petition_mark_key(petition=handling, actor=office, leader=cast["leader"])
    A.petition_pass_to_deputies(petition=handling, actor=office, station=org["station"])
    return handling


@pytest.mark.parametrize(
    "who, status, identity",
    [
        ("staff", 200, True),
        ("leader", 200, False),
        ("handler", 200, False),
        ("deputy", 200, False),
        ("staff2", 404, False),  # staff, but not of the petitions office
        ("other_handler", 404, False),
        ("station", 404, False),
        ("stranger", 404, False),
    ],
)
def test_the_petition_page_shows_who_petitioned_to_the_office_only(
    client, cast, seen_by_all, who, status, identity
):
    client.force_login(cast[who])
    response = client.get(reverse("petitions:petition", args=[seen_by_all.pk]))
    assert response.status_code == status
    html = response.content.decode()
    assert (NAME in html) is identity and (PHONE in html) is identity
    assert (ID_NUMBER in html) is identity
    if status == 200 and not identity:
        assert "王**" in html and "139****0001" in html and "140702********1234" in html
        assert seen_by_all.receipt_code not in html


@pytest.mark.parametrize(
    "who, masked", [("staff", False), ("leader", True), ("handler", True), ("deputy", True)]
)
def test_the_api_masks_who_petitioned_for_all_but_the_office(cast, seen_by_all, who, masked):
    body = Caller(cast[who]).get(f"/petitions/{seen_by_all.pk}").json()
    person = body["petitioners"][0]
    assert body["petitioners_masked"] is masked
    assert (person["name"] == NAME) is not masked and (person["phone"] == PHONE) is not masked
    assert person["address"] == "" or not masked


@pytest.mark.parametrize("who", ["staff2", "other_handler", "station", "stranger"])
def test_others_find_nothing_in_the_api(cast, seen_by_all, who):
    caller = Caller(cast[who])
    assert caller.get(f"/petitions/{seen_by_all.pk}").status_code == 404
    assert caller.get("/petitions").json()["count"] == 0


@pytest.mark.parametrize(
    "who, status", [("staff", 200), ("staff2", 403), ("leader", 403), ("handler", 403)]
)
def test_only_the_office_reads_the_register_and_exports_it(client, cast, seen_by_all, who, status):
    client.force_login(cast[who])
    assert client.get(reverse("petitions:register")).status_code == status
    export = client.get(reverse("petitions:export"))
    assert export.status_code == status
    if status == 200:
        from io import BytesIO

        from openpyxl import load_workbook

        rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
        assert rows[3][3] == NAME and rows[3][4] == PHONE


def test_the_unit_list_and_the_key_list_name_nobody(client, cast, seen_by_all):
    for who, name in (("handler", "petitions:unit"), ("leader", "petitions:key"),
                      ("deputy", "petitions:station")):  # fmt: skip
        client.force_login(cast[who])
        html = client.get(reverse(name)).content.decode()
        assert seen_by_all.title in html and NAME not in html and "王**" not in html


def test_the_admin_lists_petitions_without_who_petitioned_and_keeps_the_officers(
    client, seen_by_all
):
    from renda.accounts.models import User

    root = User.objects.create_superuser("root", password="root-password-long", email="")
    client.force_login(root)
    for model in ("petition", "petitionofficer"):
        assert client.get(f"/admin/petitions/{model}/").status_code == 200
    change = client.get(f"/admin/petitions/petition/{seen_by_all.pk}/change/").content.decode()
    assert NAME not in change and seen_by_all.receipt_code not in change
    assert client.get("/admin/petitions/petitionofficer/add/").status_code == 200


def test_reading_who_petitioned_leaves_an_audit_record_and_masked_reading_none(
    client, cast, seen_by_all
):
    from renda.audit.models import Kind, Record

    client.force_login(cast["leader"])
    client.get(reverse("petitions:petition", args=[seen_by_all.pk]))
    assert not Record.objects.filter(kind=Kind.PERSONAL_DATA, actor=cast["leader"]).exists()
    client.force_login(cast["staff"])
    client.get(reverse("petitions:petition", args=[seen_by_all.pk]))
    (r,) = Record.objects.filter(kind=Kind.PERSONAL_DATA, actor=cast["staff"])
    assert r.target.startswith(f"petitions.petition:{seen_by_all.pk} ")
    assert r.data["fields"] == ["petitioners"]
