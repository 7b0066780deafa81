"""Revoking access (issue 15): a password change or a deactivation revokes the user's API
tokens; DELETE /api/v1/auth/token revokes the caller's; admins end a user's sessions and tokens."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from renda.accounts.models import ApiToken
from renda.accounts.tests.test_api_token import PASSWORD, TOKEN_URL, bearer
from renda.core.tests.test_admin import _grant

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-horse-battery-7"  # complex enough for the password policy


def works(client, headers) -> bool:
    return client.get("/api/v1/me", headers=headers).status_code == 200


def test_changing_ones_password_on_the_page_revokes_every_token(client, cast):
    staff = cast["staff"]
    headers, other = bearer(staff), bearer(staff)
    leader = bearer(cast["leader"])
    client.force_login(staff)
    r = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert r.status_code == 302
    assert not works(client, headers) and not works(client, other)
    assert not ApiToken.objects.filter(user=staff).exists()
    assert works(client, leader)  # someone else's stay


def test_a_password_set_anywhere_revokes_the_tokens(client, cast):
    staff = cast["staff"]
    headers = bearer(staff)
    staff.set_password(NEW_PASSWORD)
    staff.save()
    assert not works(client, headers)


def test_saving_a_user_without_changing_the_password_keeps_the_tokens(client, cast):
    staff = cast["staff"]
    headers = bearer(staff)
    staff.title = "处长"
    staff.save()
    staff.save(update_fields=["last_login"])
    assert works(client, headers)


def test_deactivation_revokes_tokens_and_ends_sessions(client, cast):
    staff = cast["staff"]
    headers = bearer(staff)
    client.force_login(staff)
    assert Session.objects.count() == 1
    staff.is_active = False
    staff.save()
    assert not ApiToken.objects.filter(user=staff).exists()
    assert Session.objects.count() == 0
    assert not works(client, headers)


def test_delete_revokes_the_callers_token_only(client, cast):
    staff = cast["staff"]
    headers, other = bearer(staff), bearer(staff)
    r = client.delete(TOKEN_URL, headers=headers)
    assert r.status_code == 204
    assert not works(client, headers) and works(client, other)
    assert client.delete(TOKEN_URL, headers=headers).status_code == 401


def test_delete_needs_a_token(client, cast):
    assert client.delete(TOKEN_URL).status_code == 401


def test_an_admin_signs_a_user_out_everywhere(client, cast):
    admin_user = _grant(cast["leader"], "view_user", "change_user")
    staff = cast["staff"]
    headers = bearer(staff)
    other = client_class_login(staff)
    client.force_login(admin_user)
    r = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_access", "_selected_action": [staff.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert r.status_code == 200
    assert "1 sessions ended and 1 API tokens revoked." in r.content.decode()
    assert not works(client, headers)
    assert other.get(reverse("accounts:password_change")).status_code == 302  # to log in
    assert "_auth_user_id" in client.session  # the admin's own session stays


def client_class_login(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c
