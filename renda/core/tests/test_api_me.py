"""GET /api/v1/me and /api/v1/notifications: the caller's own account and messages."""

import pytest

from renda.accounts.tests.test_api_token import bearer
from renda.core.models import Notification
from renda.core.notifications import mark_read

pytestmark = pytest.mark.django_db


def get(client, user, url: str):
    return client.get(url, headers={**bearer(user), "Accept-Language": "en"})


def test_me_tells_role_congress_and_unit(client, cast, org, congress):
    body = get(client, cast["handler"], "/api/v1/me").json()

    assert body["username"] == "handler"
    assert body["role"] == "handler"
    assert body["role_label"] == "Handler"
    assert body["congress"] == {"id": congress.pk, "name": "晋中市人民代表大会"}
    assert body["unit"] == {"id": org["unit"].pk, "name": "晋中市交通运输局"}
    assert body["station"] is None
    assert body["deputy"] is None


def test_me_names_a_deputys_deputyship(client, cast, org):
    body = get(client, cast["deputy"], "/api/v1/me").json()

    assert body["deputy"] == {"id": org["deputy"].pk, "name": "李秀兰"}


def test_me_counts_unread_notifications(client, cast):
    Notification.objects.create(recipient=cast["staff"], title="a")
    Notification.objects.create(recipient=cast["staff"], title="b")
    Notification.objects.create(recipient=cast["leader"], title="not mine")
    mark_read(cast["staff"], [Notification.objects.get(title="a").pk])

    assert get(client, cast["staff"], "/api/v1/me").json()["unread_notifications"] == 1


def test_me_needs_a_token(client):
    assert client.get("/api/v1/me").status_code == 401


def test_notifications_are_the_callers_own_newest_first(client, cast):
    for title in ("first", "second"):
        Notification.objects.create(recipient=cast["deputy"], title=title, url="/x/")
    Notification.objects.create(recipient=cast["deputy2"], title="someone else's")

    body = get(client, cast["deputy"], "/api/v1/notifications").json()

    assert body["count"] == 2
    assert [n["title"] for n in body["items"]] == ["second", "first"]


def test_notifications_filter_unread(client, cast):
    read, unread = (
        Notification.objects.create(recipient=cast["staff"], title=t) for t in ("read", "unread")
    )
    mark_read(cast["staff"], [read.pk])

    unread_only = get(client, cast["staff"], "/api/v1/notifications?unread=true").json()
    read_only = get(client, cast["staff"], "/api/v1/notifications?unread=false").json()

    assert [n["id"] for n in unread_only["items"]] == [unread.pk]
    assert [n["id"] for n in read_only["items"]] == [read.pk]
    assert read_only["items"][0]["read_at"] is not None


def test_notifications_need_a_token(client):
    assert client.get("/api/v1/notifications").status_code == 401


def test_notifications_query_count_does_not_grow_with_rows(
    client, cast, django_assert_max_num_queries
):
    headers = bearer(cast["staff"])
    with django_assert_max_num_queries(5):
        client.get("/api/v1/notifications", headers=headers)
    Notification.objects.bulk_create(
        Notification(recipient=cast["staff"], title=f"n{n}") for n in range(150)
    )
    with django_assert_max_num_queries(5):
        many = client.get("/api/v1/notifications?page_size=200", headers=headers)

    assert len(many.json()["items"]) == 150
