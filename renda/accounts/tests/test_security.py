"""Logging in safely: lock-out, session expiry, password hashing, rules and changing one's own."""

from __future__ import annotations

import datetime
import importlib

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the cast's password (conftest)


def _login(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# Lock-out (django-axes)


def test_wrong_password_shows_the_form_again(client, cast):
    response = _login(client, "staff", "wrong-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not _logged_in(client)


def test_right_password_logs_in(client, cast):
    response = _login(client, "staff", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_lock_out_after_the_failure_limit_refuses_even_the_right_password(client, cast):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _login(client, "staff", "wrong-password").status_code == 200
    assert _login(client, "staff", "wrong-password").status_code == 429
    locked = _login(client, "staff", PASSWORD)
    assert locked.status_code == 429
    assert not _logged_in(client)
    # The lock is per user name (and address): a colleague at the same desk still logs in.
    assert _login(client, "leader", PASSWORD).status_code == 302


@pytest.mark.parametrize(("minutes_after_cool_off", "status"), [(-1, 429), (1, 302)])
def test_the_lock_expires_after_the_cool_off(client, cast, minutes_after_cool_off, status):
    # Only one try after the lock: with django-axes' defaults a try during the lock-out
    # restarts the cool-off.
    start = timezone.now()
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "staff", "wrong-password")
    later = start + cool_off + datetime.timedelta(minutes=minutes_after_cool_off)
    with time_machine.travel(later, tick=False):
        assert _login(client, "staff", PASSWORD).status_code == status
        assert _logged_in(client) is (status == 302)


def test_a_successful_login_resets_the_failure_count(client, cast):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _login(client, "staff", "wrong-password")
    assert _login(client, "staff", PASSWORD).status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert _login(client, "staff", "wrong-password").status_code == 200
    assert _login(client, "staff", PASSWORD).status_code == 302


# Sessions


def test_sessions_last_a_working_day_of_idleness_and_end_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # SessionRefreshMiddleware instead
    assert 0 < settings.SESSION_REFRESH_EVERY <= settings.SESSION_COOKIE_AGE // 10
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_an_expired_session_leads_back_to_the_login_page(client, cast):
    page = reverse("accounts:password_change")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(cast["staff"])
        assert client.get(page).status_code == 200
    later = start + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_page_read_soon_after_another_does_not_write_the_session(client, cast):
    page = reverse("accounts:password_change")
    client.force_login(cast["staff"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"]]
    assert not [sql for sql in writes if not sql.lstrip().upper().startswith("SELECT")]


def test_activity_keeps_the_session_alive(client, cast):
    page = reverse("accounts:password_change")
    start = timezone.now()
    step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 600)
    with time_machine.travel(start, tick=False):
        client.force_login(cast["staff"])
    for n in (1, 2, 3):  # each request restarts the clock
        with time_machine.travel(start + n * step, tick=False):
            assert client.get(page).status_code == 200


def test_a_deactivated_account_is_logged_out(client, cast):
    page = reverse("accounts:password_change")
    client.force_login(cast["staff"])
    cast["staff"].is_active = False
    cast["staff"].save()
    assert client.get(page).status_code == 302


# Password hashing and rules


def test_production_hashes_passwords_with_argon2():
    production = importlib.import_module("renda.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # Tests use MD5 for speed; the production list is what a deployment gets.
    assert "MD5" not in " ".join(production.PASSWORD_HASHERS)


def test_argon2_hashes_and_verifies_and_old_hashes_are_upgraded(cast, settings):
    production = importlib.import_module("renda.settings")
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # resets Django's hasher cache
    encoded = make_password("A-real-password-of-our-own")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("A-real-password-of-our-own", encoded)
    assert not check_password("another-password", encoded)
    # An account hashed with PBKDF2 is re-hashed with Argon2 at its next login.
    user = cast["staff"]
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert user.check_password(PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def test_production_password_validators_are_in_force():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
        "NotDemoPasswordValidator",
        "ComplexityValidator",
        "PasswordHistoryValidator",
    ]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("renda-demo", "demo"),
        ("short-pw", "password_too_short"),
        ("12345678901234", "password_entirely_numeric"),
        ("password1234", "password_too_common"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert code in [e.code for e in exc.value.error_list]


def test_a_good_password_passes():
    validate_password("晋中-人大-2025-春")


# Changing one's own password


def _change(client, old: str, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_changing_the_password_works_and_keeps_the_session(client, cast):
    client.force_login(cast["staff"])
    response = _change(client, PASSWORD, "A-real-password-of-our-own")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert _logged_in(client)
    cast["staff"].refresh_from_db()
    assert cast["staff"].check_password("A-real-password-of-our-own")


def test_the_demo_password_cannot_be_chosen(client, cast):
    client.force_login(cast["staff"])
    response = _change(client, PASSWORD, "renda-demo")
    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", code="demo")
    cast["staff"].refresh_from_db()
    assert cast["staff"].check_password(PASSWORD)


def test_a_short_password_cannot_be_chosen(client, cast):
    client.force_login(cast["staff"])
    response = _change(client, PASSWORD, "abc123!")
    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", code="password_too_short")
    cast["staff"].refresh_from_db()
    assert cast["staff"].check_password(PASSWORD)


def test_changing_the_password_needs_the_old_one(client, cast):
    client.force_login(cast["staff"])
    response = _change(client, "not-my-password", "A-real-password-of-our-own")
    assert response.status_code == 200
    assert response.context["form"].has_error("old_password")


def test_changing_the_password_needs_a_login(client, cast):
    response = _change(client, PASSWORD, "A-real-password-of-our-own")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
