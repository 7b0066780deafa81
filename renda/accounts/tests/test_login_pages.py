"""Logging in and out, the lock-out page, the demo box, and changing one's password."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.accounts.models import User

PASSWORD = "correct-horse-battery"


def test_login_page_renders_with_the_demo_accounts_in_development(client, db, settings):
    settings.PRODUCTION = False
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Demo accounts" in html
    assert settings.DEMO_PASSWORD in html
    for name in settings.DEMO_USERNAMES:
        assert f"<code>{name}</code>" in html


def test_login_page_hides_the_demo_accounts_in_production(client, db, settings):
    settings.PRODUCTION = True
    html = client.get(reverse("accounts:login")).content.decode()
    assert settings.DEMO_PASSWORD not in html


def test_a_user_logs_in_through_the_form_and_lands_home(client, cast):
    response = client.post(
        reverse("accounts:login"), {"username": "staff", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"] == cast["staff"]
    assert response.redirect_chain[-1][0] == reverse("core:home")


def test_a_wrong_password_says_so_in_chinese_and_logs_nobody_in(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert "请输入一个正确的" in response.content.decode()


def test_an_empty_form_marks_each_field(client, db):
    response = client.post(reverse("accounts:login"), {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"username", "password"}
    assert response.content.decode().count('class="field-errors"') == 2


def test_repeated_failures_lock_the_account_with_a_clear_page(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "staff", "password": "nope"})
    response = client.post(
        reverse("accounts:login"),
        {"username": "staff", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_logout_is_a_post_from_the_header(client, cast):
    client.force_login(cast["deputy"])
    html = client.get(reverse("core:home")).content.decode()
    assert f'action="{reverse("accounts:logout")}"' in html
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_password_change_requires_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302


def test_password_change_reports_errors_beside_the_fields_and_changes_nothing(client, cast):
    client.force_login(cast["deputy"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "short", "new_password2": "other"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert 'class="field-errors"' in response.content.decode()
    cast["deputy"].refresh_from_db()
    assert cast["deputy"].check_password(PASSWORD)


def test_password_change_works(client, cast):
    client.force_login(cast["deputy"])
    new = "a-much-longer-passphrase-2026"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert response.status_code == 200
    assert User.objects.get(pk=cast["deputy"].pk).check_password(new)


@pytest.mark.parametrize("language, other", [("en", "中文"), ("zh-hans", "EN")])
def test_the_language_switch_offers_the_other_language(client, db, language, other):
    client.cookies["django_language"] = language
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("set_language") in html
    assert f">{other}</button>" in html
