"""Password policy: three kinds of character, none of the last five, a password set by an
administrator changed at the next login, staff's passwords expire after 90 days."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from renda.audit.models import Kind, PasswordHistory, Record

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.mark.parametrize("password", ["onlysmallletters", "small-and-symbols", "UPPERlower"])
def test_a_password_of_fewer_than_three_kinds_is_refused(password):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert "password_too_simple" in [e.code for e in exc.value.error_list]


@pytest.mark.parametrize("password", ["Upper-and-lower", "晋中-人大-2025-春", "rain2026-fall"])
def test_three_kinds_pass(password):
    validate_password(password)


def _change(client, old: str, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_none_of_the_last_five_passwords_can_be_chosen_again(client, cast):
    user = cast["deputy"]
    client.force_login(user)
    passwords = [PASSWORD] + [f"Spring-{n}-garden" for n in range(6)]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert _change(client, old, new).status_code == 302
    # The last five are refused; the one six changes ago is allowed again.
    for used in passwords[-5:]:
        response = _change(client, passwords[-1], used)
        assert response.context["form"].has_error("new_password2", code="password_reused"), used
    assert _change(client, passwords[-1], passwords[1]).status_code == 302


def test_an_administrators_password_must_be_changed_at_login(client, cast, settings):
    settings.PASSWORD_CHANGE_INITIAL = True
    user = cast["handler"]
    user.set_password("Set-by-admin-2026")
    user.save()
    client.post(reverse("accounts:login"), {"username": "handler", "password": "Set-by-admin-2026"})
    response = client.get(reverse("core:home"))
    assert response["Location"].startswith(reverse("accounts:password_change"))
    assert _change(client, "Set-by-admin-2026", "Mine-own-2026-pw").status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert PasswordHistory.objects.filter(user=user).first().chosen_by_owner
    assert Record.objects.filter(kind=Kind.PASSWORD_CHANGED, actor=user).exists()
    # At the next login, nothing more to do.
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": "handler", "password": "Mine-own-2026-pw"})
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_passwords_expire_after_the_maximum_age(client, cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    later = timezone.now() + datetime.timedelta(days=91)
    with time_machine.travel(later):
        client.post(reverse("accounts:login"), {"username": "staff", "password": PASSWORD})
        response = client.get(reverse("core:home"))
        assert response["Location"].startswith(reverse("accounts:password_change"))
        # A deputy's password does not expire.
        other = client.__class__()
        other.post(reverse("accounts:login"), {"username": "deputy", "password": PASSWORD})
        assert other.get(reverse("core:home")).status_code == 200


def test_a_fresh_staff_password_has_not_expired(client, cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    client.post(reverse("accounts:login"), {"username": "staff", "password": PASSWORD})
    assert client.get(reverse("core:home")).status_code == 200


def test_the_policy_is_off_in_development_by_default(settings):
    assert settings.PASSWORD_MAX_AGE_DAYS == 0 and not settings.PASSWORD_CHANGE_INITIAL
    assert settings.PASSWORD_HISTORY == 5
