"""Each kind of event leaves its record: logins, failed logins and logouts on the page and the
API, tokens issued and revoked, personal data unmasked, downloads, admin, role, permission and
settings changes."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from renda.accounts.models import ApiToken
from renda.accounts.tests.test_api_token import ask_token, bearer
from renda.audit.models import Kind, Record

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


_FIRST = {"id": 0}


@pytest.fixture(autouse=True)
def _only_this_tests_records(db):
    """The demo's builds leave their records in a reused database: look past them."""
    _FIRST["id"] = Record.objects.order_by("-id").values_list("id", flat=True).first() or 0


def new():
    """The records this test wrote."""
    return Record.objects.filter(id__gt=_FIRST["id"])


def kinds(since: int) -> list[str]:
    return list(new().filter(id__gt=since).order_by("id").values_list("kind", flat=True))


def test_login_logout_and_failed_login_on_the_page(client, cast):
    since = new().order_by("-id").values_list("id", flat=True).first() or 0
    client.post(reverse("accounts:login"), {"username": "staff", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "nobody-" + "x" * 20, "password": "x"})
    client.post(reverse("accounts:login"), {"username": "staff", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    assert kinds(since) == [Kind.LOGIN_FAILED, Kind.LOGIN_FAILED, Kind.LOGIN, Kind.LOGOUT]
    failed = new().filter(kind=Kind.LOGIN_FAILED).order_by("id")
    assert [r.username for r in failed] == ["staff", "nobody-" + "x" * 20]
    assert failed[0].actor is None and failed[0].ip == "127.0.0.1"
    login = new().get(kind=Kind.LOGIN)
    assert login.actor == cast["staff"] and login.congress_id == cast["staff"].congress_id


def test_token_issued_refused_and_revoked_through_the_api(client, cast):
    ask_token(client, "staff", "wrong")
    assert new().filter(kind=Kind.LOGIN_FAILED, username="staff").count() == 1
    response = ask_token(client, "staff", PASSWORD)
    assert response.status_code == 200
    issued = new().get(kind=Kind.TOKEN_ISSUED)
    assert issued.actor == cast["staff"] and issued.path == "/api/v1/auth/token"
    token = ApiToken.objects.get(user=cast["staff"])
    pk = token.pk
    assert issued.data["token"] == pk
    token.delete()
    revoked = new().get(kind=Kind.TOKEN_REVOKED)
    assert revoked.data["token"] == pk and revoked.target == f"user:{cast['staff'].pk}"


def test_staff_opening_a_deputys_phone_and_id_number_is_recorded(client, cast, org):
    client.force_login(cast["staff"])
    deputy = org["deputy"]
    response = client.get(reverse("org:deputy", args=[deputy.pk]))
    assert response.status_code == 200
    r = new().get(kind=Kind.PERSONAL_DATA)
    assert r.actor == cast["staff"]
    assert r.target == f"org.deputy:{deputy.pk} {deputy}"
    assert set(r.data["fields"]) >= {"phone"}


def test_a_deputy_reading_their_own_page_or_masked_data_leaves_no_record(client, cast, org):
    client.force_login(cast["deputy"])
    client.get(reverse("org:deputy", args=[org["deputy"].pk]))
    client.get(reverse("org:deputy", args=[org["deputy2"].pk]))  # masked for a deputy
    assert not new().filter(kind=Kind.PERSONAL_DATA).exists()


def test_a_list_of_phones_is_one_record_naming_each_deputy(client, cast, org):
    client.force_login(cast["staff"])
    client.get(reverse("org:deputies"))
    (r,) = new().filter(kind=Kind.PERSONAL_DATA)
    assert r.data["count"] == len(r.data["shown"]) >= 2
    assert f"org.deputy:{org['deputy'].pk} {org['deputy']}" in r.data["shown"]


def test_the_api_unmasking_a_deputy_is_recorded(client, cast, org):
    deputy = org["deputy"]
    response = client.get(f"/api/v1/deputies/{deputy.pk}", headers=bearer(cast["staff"]))
    assert response.status_code == 200
    r = new().get(kind=Kind.PERSONAL_DATA)
    assert r.actor == cast["staff"] and r.path == f"/api/v1/deputies/{deputy.pk}"


def test_an_export_is_recorded_with_its_file_name(client, cast):
    client.force_login(cast["staff"])
    response = client.get(reverse("meetings:decisions_xlsx"))
    assert response.status_code == 200
    r = new().get(kind=Kind.DOWNLOAD)
    assert r.actor == cast["staff"] and r.target.endswith(".xlsx")


def test_an_anonymous_download_of_a_public_document_is_not_recorded(client, db):
    client.get(reverse("meetings:decisions_xlsx"))
    assert not new().filter(kind=Kind.DOWNLOAD).exists()


def test_role_permission_and_group_changes_are_recorded(cast, org):
    handler = cast["handler"]
    handler.role = "staff"
    handler.unit = None
    handler.save()
    r = new().filter(kind=Kind.PERMISSION_CHANGE, target__startswith=f"user:{handler.pk}")
    assert r.order_by("id").last().data["changed"]["role"] == ["handler", "staff"]
    group = Group.objects.create(name="admins")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    handler.groups.add(group)
    handler.user_permissions.add(Permission.objects.get(codename="view_user"))
    fields = [x.data.get("field") for x in new().filter(kind=Kind.PERMISSION_CHANGE)]
    assert {"permissions", "groups", "user_permissions"} <= set(fields)


def test_a_login_time_update_is_not_a_role_change(cast):
    before = new().filter(kind=Kind.PERMISSION_CHANGE).count()
    cast["staff"].save(update_fields=["last_login"])
    assert new().filter(kind=Kind.PERMISSION_CHANGE).count() == before


def test_a_congress_setting_change_is_recorded(congress):
    congress.settings = {**(congress.settings or {}), "reply_months": 2}
    congress.save()
    r = new().get(kind=Kind.SETTINGS_CHANGE)
    assert r.data["changed"]["reply_months"] == [None, 2]
    assert r.congress_id == congress.pk


def test_a_change_in_the_admin_is_recorded_with_who_made_it(client, cast, congress):
    from renda.accounts.models import User

    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    handler = cast["handler"]
    url = reverse("admin:accounts_user_change", args=[handler.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "congress": congress.pk,
            "role": "handler",
            "unit": handler.unit_id,
            "is_active": "on",
            "title": "科长",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
            "groups": [],
            "user_permissions": [],
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, (list, tuple)) or v}
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    r = new().get(kind=Kind.ADMIN_CHANGE)
    assert r.actor == root and r.target.startswith(f"user:{handler.pk}")
    assert r.path == url
