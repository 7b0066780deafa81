"""The outbox in the Django admin: the log of what was sent, read-only, phones masked for whoever
does not run the gateway, the whole number audited, and a list that stays cheap."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse

from renda.accounts.models import User
from renda.audit.models import Kind, Record
from renda.core.models import OutgoingMessage
from renda.core.outbox import new_message

pytestmark = pytest.mark.django_db
LIST = reverse("admin:core_outgoingmessage_changelist")


def _admin(user: User) -> User:
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename="view_outgoingmessage"))
    return User.objects.get(pk=user.pk)


def _messages(cast, n: int) -> None:
    rows = []
    for i in range(n):
        rows.append(
            new_message(
                key=f"notification:{i}:sms",
                channel="sms",
                to="13812345678",
                text=f"短信{i}",
                recipient_id=cast["handler"].pk,
            )
        )
        rows.append(
            new_message(key=f"opinion:{i}:receipt", channel="sms", to="13900001111", text="编号")
        )
    rows.append(
        new_message(
            key="notification:x:sms",
            channel="sms",
            to="13700009999",
            text="外地",
            recipient_id=cast["stranger"].pk,
        )
    )
    OutgoingMessage.objects.bulk_create(rows)


def test_staff_see_their_congress_users_messages_masked_and_not_the_publics(client, cast):
    _messages(cast, 2)
    client.force_login(_admin(cast["staff"]))
    html = client.get(LIST).content.decode()
    assert html.count("138****5678") == 2
    assert "13812345678" not in html
    assert "139****1111" not in html  # the public's: not for staff
    assert "137****9999" not in html  # another congress's
    row = OutgoingMessage.objects.get(key="notification:0:sms")
    detail = client.get(reverse("admin:core_outgoingmessage_change", args=[row.pk]))
    assert detail.status_code == 200
    assert "138****5678" in detail.content.decode()
    assert "13812345678" not in detail.content.decode()
    assert not Record.objects.filter(kind=Kind.PERSONAL_DATA).exists()


def test_the_system_administrator_reads_the_whole_number_and_it_is_audited(client, cast):
    _messages(cast, 1)
    sysadmin = User.objects.create_user(
        "sysadmin", password="x-long-password", congress=cast["staff"].congress, role="sysadmin"
    )
    client.force_login(_admin(sysadmin))
    html = client.get(LIST).content.decode()
    assert "139****1111" in html and "13900001111" not in html  # the list stays masked
    row = OutgoingMessage.objects.get(key="opinion:0:receipt")
    detail = client.get(reverse("admin:core_outgoingmessage_change", args=[row.pk]))
    assert "13900001111" in detail.content.decode()
    record = Record.objects.get(kind=Kind.PERSONAL_DATA)
    assert record.actor == sysadmin and record.data["fields"] == ["to"]


def test_nobody_changes_the_log(client, cast):
    _messages(cast, 1)
    root = User.objects.create_superuser("root", password="root-password-long", email="")
    client.force_login(root)
    row = OutgoingMessage.objects.first()
    assert client.get(reverse("admin:core_outgoingmessage_add")).status_code == 403
    assert (
        client.post(reverse("admin:core_outgoingmessage_delete", args=[row.pk])).status_code == 403
    )


def test_the_outbox_list_costs_the_same_for_5_or_50_rows(
    client, cast, django_assert_max_num_queries
):
    client.force_login(_admin(cast["staff"]))
    _messages(cast, 5)
    with django_assert_max_num_queries(8) as few:
        assert client.get(LIST).status_code == 200
    cache.clear()
    OutgoingMessage.objects.all().delete()
    _messages(cast, 50)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200
