"""The notifications page: one's own, newest first, unread bold, marked read on request."""

from __future__ import annotations

from django.urls import reverse

from renda.core.models import Notification
from renda.core.notifications import notify


def test_notifications_require_login(client, db):
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_user_sees_only_their_own_notifications_unread_in_bold(client, cast):
    notify([cast["deputy"]], title="For the deputy")
    notify([cast["deputy2"]], title="For someone else")
    client.force_login(cast["deputy"])
    html = client.get(reverse("core:notifications")).content.decode()
    assert "For the deputy" in html
    assert "For someone else" not in html
    assert '<tr class="unread">' in html


def test_mark_all_read_marks_only_ones_own(client, cast):
    notify([cast["deputy"], cast["deputy2"]], title="Session opens")
    client.force_login(cast["deputy"])
    response = client.post(reverse("core:notifications"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=cast["deputy"], read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=cast["deputy2"], read_at__isnull=True).exists()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, cast):
    [n] = notify([cast["handler"]], title="Assigned", url="/directory/units/")
    client.force_login(cast["handler"])
    response = client.post(reverse("core:notification_open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/directory/units/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_nobody_opens_another_users_notification(client, cast):
    [n] = notify([cast["handler"]], title="Assigned")
    client.force_login(cast["other_handler"])
    assert client.post(reverse("core:notification_open", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_a_bad_id_is_an_error_message_not_a_crash(client, cast):
    client.force_login(cast["deputy"])
    response = client.post(reverse("core:notifications"), {"id": "x"}, follow=True)
    assert response.status_code == 200


def test_notifications_are_paginated_and_a_bad_page_is_the_last(client, cast):
    notify([cast["deputy"]], title="one")
    for i in range(30):
        Notification.objects.create(recipient=cast["deputy"], title=f"n{i}")
    client.force_login(cast["deputy"])
    response = client.get(reverse("core:notifications"), {"page": "999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2


def test_the_page_query_count_does_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    client.force_login(cast["deputy"])
    for count in (1, 40):
        Notification.objects.bulk_create(
            [Notification(recipient=cast["deputy"], title=f"n{i}") for i in range(count)]
        )
        with django_assert_max_num_queries(10):
            assert client.get(reverse("core:notifications")).status_code == 200
