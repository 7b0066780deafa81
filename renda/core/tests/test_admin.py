"""The Django admin: staff stay inside their congress, history stays read-only, lists stay cheap."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.accounts.models import ApiToken, User
from renda.core.models import Event
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET
from renda.core.workflow import perform
from renda.org.models import Deputy, ElectoralUnit, Person, Term

pytestmark = pytest.mark.django_db


def _grant(user: User, *codenames: str) -> User:
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)  # a fresh object: no stale permission cache


@pytest.fixture
def admin_staff(cast) -> User:
    """A staff officer given the admin and the model permissions for the directory."""
    return _grant(
        cast["staff"],
        *[f"{verb}_deputy" for verb in ("view", "change", "add")],
        *[f"{verb}_user" for verb in ("view", "change")],
        *[f"{verb}_event" for verb in ("view", "add", "change", "delete")],
    )


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", password="root-password-long", email="")


def _deputy_of(congress, name: str, card: str) -> Deputy:
    term, _ = Term.objects.get_or_create(
        congress=congress, number=16, defaults={"start_date": datetime.date(2021, 9, 1)}
    )
    eu, _ = ElectoralUnit.objects.get_or_create(congress=congress, name="小店区")
    person = Person.objects.create(congress=congress, name=name, gender="M")
    return Deputy.objects.create(
        congress=congress,
        term=term,
        person=person,
        card_number=card,
        electoral_unit=eu,
        elected_on=datetime.date(2021, 9, 1),
    )


@pytest.fixture
def foreign_deputy(other_congress) -> Deputy:
    return _deputy_of(other_congress, "赵太原", "ty-001")


def _listed(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def test_staff_see_only_their_congress_deputies(client, admin_staff, org, foreign_deputy):
    client.force_login(admin_staff)
    response = client.get(reverse("admin:org_deputy_changelist"))
    assert response.status_code == 200
    assert _listed(response) == {"李秀兰", "王建国"}
    assert "赵太原" not in response.content.decode()


def test_superuser_sees_every_congress(client, superuser, org, foreign_deputy):
    client.force_login(superuser)
    response = client.get(reverse("admin:org_deputy_changelist"))
    assert _listed(response) == {"李秀兰", "王建国", "赵太原"}


def test_staff_cannot_open_another_congress_deputy(client, admin_staff, foreign_deputy):
    client.force_login(admin_staff)
    response = client.get(reverse("admin:org_deputy_change", args=[foreign_deputy.pk]))
    assert response.status_code in (302, 404)
    assert "赵太原" not in client.get(response.get("Location", "/admin/")).content.decode()
    response = client.post(
        reverse("admin:org_deputy_change", args=[foreign_deputy.pk]),
        {"card_number": "hijacked"},
    )
    assert response.status_code in (302, 404)
    foreign_deputy.refresh_from_db()
    assert foreign_deputy.card_number == "ty-001"


def test_staff_pick_only_their_congress_rows_in_forms(
    client, admin_staff, org, congress, foreign_deputy
):
    client.force_login(admin_staff)
    response = client.get(reverse("admin:org_deputy_change", args=[org["deputy"].pk]))
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert list(fields["congress"].queryset) == [congress]
    assert set(fields["term"].queryset) == {org["term"]}
    assert set(fields["electoral_unit"].queryset) == {org["electoral_unit"]}
    assert set(fields["station"].queryset) == {org["station"], org["other_station"]}
    assert foreign_deputy.person not in fields["person"].queryset


def test_staff_cannot_move_a_deputy_to_another_congress(
    client, admin_staff, org, other_congress, foreign_deputy
):
    client.force_login(admin_staff)
    deputy = org["deputy"]
    url = reverse("admin:org_deputy_change", args=[deputy.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None
    }
    data["congress"] = other_congress.pk
    data["term"] = foreign_deputy.term_id
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with errors
    errors = response.context["adminform"].form.errors
    assert "congress" in errors and "term" in errors
    deputy.refresh_from_db()
    assert deputy.congress_id == org["term"].congress_id


def test_staff_see_only_their_congress_users_and_cannot_make_superusers(client, admin_staff, cast):
    client.force_login(admin_staff)
    response = client.get(reverse("admin:accounts_user_changelist"))
    names = {u.username for u in response.context["cl"].result_list}
    assert "stranger" not in names
    assert {"staff", "handler", "deputy"} <= names
    assert client.get(
        reverse("admin:accounts_user_change", args=[cast["stranger"].pk])
    ).status_code in (302, 404)
    response = client.get(reverse("admin:accounts_user_change", args=[cast["handler"].pk]))
    form = response.context["adminform"].form
    for escalating in ("is_staff", "is_superuser", "groups", "user_permissions"):
        assert escalating not in form.fields
    # Separation of duties (三员分立): rights (role, links) are the security administrator's.
    assert "role" not in form.fields and "unit" not in form.fields
    assert "first_name" in form.fields and "phone" in form.fields


def test_staff_cannot_reach_a_superuser_of_their_congress(client, admin_staff, congress):
    boss = User.objects.create_superuser("boss", password="boss-password-long", email="")
    boss.congress = congress
    boss.save()
    client.force_login(admin_staff)
    for name in ("admin:accounts_user_change", "admin:auth_user_password_change"):
        assert client.get(reverse(name, args=[boss.pk])).status_code in (302, 404)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[boss.pk]),
        {"password1": "taken-over-password", "password2": "taken-over-password"},
    )
    assert response.status_code in (302, 404)
    boss.refresh_from_db()
    assert boss.check_password("boss-password-long")


@pytest.fixture
def event(congress, org, cast) -> Event:
    ticket = Ticket.objects.create(congress=congress, title="路灯不亮", unit=org["unit"])
    return perform(TICKET, case=ticket, action="assign", actor=cast["staff"], comment="交办")


@pytest.mark.parametrize("who", ["superuser", "admin_staff"])
def test_event_admin_refuses_add_change_and_delete(client, event, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("admin:core_event_changelist")).status_code == 200
    assert client.get(reverse("admin:core_event_add")).status_code == 403
    change = reverse("admin:core_event_change", args=[event.pk])
    view = client.get(change)
    assert view.status_code == 200  # shown, read-only
    assert view.context["has_change_permission"] is False
    assert client.post(change, {"comment": "rewritten"}).status_code == 403
    delete = reverse("admin:core_event_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:core_event_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    stored = Event.objects.get(pk=event.pk)
    assert stored.comment == "交办"


def test_stranger_staff_do_not_see_the_history_of_another_congress(client, event, cast):
    stranger = _grant(cast["stranger"], "view_event")
    client.force_login(stranger)
    response = client.get(reverse("admin:core_event_changelist"))
    assert list(response.context["cl"].result_list) == []
    change = client.get(reverse("admin:core_event_change", args=[event.pk]))
    assert change.status_code in (302, 404)


def test_api_token_digest_is_never_shown(client, superuser, cast):
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=cast["staff"],
        digest=ApiToken.digest_of(key),
        expires_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    client.force_login(superuser)
    pages = [
        client.get(reverse("admin:accounts_apitoken_changelist")),
        client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assert token.digest not in page.content.decode()
        assert key not in page.content.decode()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    # Revoking (deleting) a token is allowed.
    client.post(reverse("admin:accounts_apitoken_delete", args=[token.pk]), {"post": "yes"})
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def _changelist_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_deputy_changelist_query_count_does_not_grow_with_rows(client, admin_staff, congress, org):
    client.force_login(admin_staff)
    url = reverse("admin:org_deputy_changelist")
    few = _changelist_queries(client, url)
    for n in range(12):
        _deputy_of(congress, f"代表{n}", f"q{n:03}")
    many = _changelist_queries(client, url)
    assert many == few
    assert many <= 15


def test_event_and_user_changelists_query_counts_are_capped(client, superuser, congress, org, cast):
    client.force_login(superuser)
    ticket = Ticket.objects.create(congress=congress, title="t", unit=org["unit"])
    url = reverse("admin:core_event_changelist")
    perform(TICKET, case=ticket, action="note", actor=cast["staff"])
    few = _changelist_queries(client, url)
    for who in ("staff", "deputy", "handler", "station", "leader"):
        perform(TICKET, case=ticket, action="note", actor=cast[who])
    assert _changelist_queries(client, url) == few
    users = reverse("admin:accounts_user_changelist")
    assert _changelist_queries(client, users) <= 15


def test_every_foundation_admin_page_opens_for_a_superuser(client, superuser, cast, org):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"org", "accounts", "core"}:
            continue  # the domains test their own
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, prefix
        if model_admin.has_add_permission(type("R", (), {"user": superuser})()):
            assert client.get(reverse(f"{prefix}_add")).status_code == 200, prefix
