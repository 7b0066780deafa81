"""The admin shows manual entries and scoring rules read-only, each congress its own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from renda.accounts.models import User
from renda.core.tests.test_admin import foreign_deputy  # noqa: F401  (fixture)
from renda.performance.actions import RuleInput, manual_entry_create, scoring_rules_set

D = datetime.date


def admin_user(user: User) -> User:
    user.is_staff = True
    user.save()
    codenames = ["view_manualentry", "change_manualentry", "delete_manualentry", "view_scoringrule"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def rows(in_2024, cast, org, congress, other_congress, foreign_deputy):  # noqa: F811
    manual_entry_create(
        actor=cast["staff"],
        deputy=org["deputy"],
        kind="session",
        date=D(2024, 1, 5),
        title="本市大会",
    )
    scoring_rules_set(actor=cast["staff"], congress=congress, rules=[RuleInput("training", 4)])
    manual_entry_create(
        actor=cast["stranger"],
        deputy=foreign_deputy,
        kind="other",
        date=D(2024, 2, 1),
        title="外市登记",
    )
    scoring_rules_set(
        actor=cast["stranger"], congress=other_congress, rules=[RuleInput("suggestion", 9)]
    )


def test_staff_see_their_congress_entries_and_rules_only(client, cast, rows):
    client.force_login(admin_user(cast["staff"]))
    page = client.get(reverse("admin:performance_manualentry_changelist"))
    assert page.status_code == 200
    assert {str(e) for e in page.context["cl"].result_list} == {"本市大会"}
    page = client.get(reverse("admin:performance_scoringrule_changelist"))
    assert [r.kind for r in page.context["cl"].result_list] == ["training"]


def test_entries_and_rules_are_read_only_in_the_admin(client, cast, rows):
    from renda.performance.models import ManualEntry

    client.force_login(admin_user(cast["staff"]))
    entry = ManualEntry.objects.get(title="本市大会")
    assert client.get(reverse("admin:performance_manualentry_add")).status_code == 403
    url = reverse("admin:performance_manualentry_change", args=[entry.pk])
    response = client.post(url, {"title": "改过"})
    assert response.status_code == 403 or "改过" not in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "本市大会"
    delete = reverse("admin:performance_manualentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ManualEntry.objects.filter(pk=entry.pk).exists()
    other = ManualEntry.objects.get(title="外市登记")
    url = reverse("admin:performance_manualentry_change", args=[other.pk])
    assert client.get(url).status_code in (302, 404)  # another congress's: not found
