"""The opinions admin: every model shown read-only, only the admin user's congress, contact
details of constituents masked for whoever may not see them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from renda.accounts.models import User
from renda.opinions import actions as A
from renda.opinions import models as M
from renda.org.models import ContactStation
from renda.stations.tests import test_admin as stations_admin

from .conftest import MONDAY, on

MODELS = [M.ApiClientKey, M.ConstituentOpinion]


def admin_user(user: User) -> User:
    """Let a user of the cast into the admin with the opinions' view permissions."""
    return stations_admin.admin_user(user, "opinions")


@pytest.fixture
def ours(cast, congress, record):
    """An opinion and a client key in the cast's congress."""
    with on(MONDAY):
        A.client_key_issue(actor=cast["staff"], congress=congress, name="本市应用")
        opinion = record()
    return {"opinion": opinion}


@pytest.fixture
def theirs(cast, other_congress):
    """An opinion of another congress, made directly."""
    station = ContactStation.objects.create(
        congress=other_congress, name="外市联络站", established_on=datetime.date(2020, 1, 1)
    )
    opinion = M.ConstituentOpinion.objects.create(
        congress=other_congress,
        station=station,
        source="station",
        category="roads",
        content="外市意见",
        contact_phone="13900000000",
        receipt_code="TYTEST0001",
        received_at=datetime.datetime(2024, 3, 4, tzinfo=datetime.UTC),
    )
    return {"opinion": opinion}


def test_every_opinions_model_is_registered_read_only():
    stations_admin.assert_read_only(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_each_list_and_page_opens_with_only_the_congress_rows(client, cast, ours, theirs, model):
    client.force_login(admin_user(cast["staff"]))
    stations_admin.assert_opens_without(client, model, theirs["opinion"])


def test_another_congresss_rows_do_not_open(client, cast, ours, theirs):
    client.force_login(admin_user(cast["staff"]))
    url = reverse("admin:opinions_constituentopinion_change", args=[theirs["opinion"].pk])
    assert client.get(url).status_code in (302, 404)


def test_staff_see_constituents_contacts_and_a_leader_sees_them_masked(client, cast, ours):
    opinion = ours["opinion"]
    changelist = reverse("admin:opinions_constituentopinion_changelist")
    change = reverse("admin:opinions_constituentopinion_change", args=[opinion.pk])
    client.force_login(admin_user(cast["staff"]))
    assert "13812345678" in client.get(changelist).content.decode()
    html = client.get(change).content.decode()
    assert "13812345678" in html and "zhao@example.cn" in html and opinion.receipt_code in html
    client.force_login(admin_user(cast["leader"]))
    for page in (changelist, change):
        html = client.get(page).content.decode()
        assert "13812345678" not in html and "138****5678" in html
        assert "赵大妈" not in html and "zhao@example.cn" not in html
        assert opinion.receipt_code not in html


def test_a_superuser_without_a_role_sees_contacts_masked_too(client, ours, theirs):
    root = User.objects.create_superuser("root", password="root-password-long", email="")
    client.force_login(root)
    html = client.get(reverse("admin:opinions_constituentopinion_changelist")).content.decode()
    assert "外市意见" in html and "139****0000" in html  # every congress, masked
    assert "13812345678" not in html and "13900000000" not in html


def test_contacts_are_not_searchable(client, cast, ours):
    client.force_login(admin_user(cast["leader"]))
    url = reverse("admin:opinions_constituentopinion_changelist")
    assert client.get(url, {"q": "13812345678"}).context["cl"].result_count == 0


def test_client_keys_show_no_digest(client, cast, ours):
    client.force_login(admin_user(cast["staff"]))
    key = M.ApiClientKey.objects.get()
    html = client.get(reverse("admin:opinions_apiclientkey_change", args=[key.pk])).content.decode()
    assert key.digest not in html
