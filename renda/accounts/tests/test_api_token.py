"""API tokens: issuing them, refusing bad logins, locking out guessers, and using them."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from renda.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"
PASSWORD = "correct-horse-battery"  # the cast's password


def bearer(user) -> dict[str, str]:
    """Headers that authenticate as `user`; other API tests use this too."""
    key = ApiToken.new_key()
    ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(key),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return {"Authorization": f"Bearer {key}"}


def ask_token(client, username: str, password: str, **headers: str):
    return client.post(
        TOKEN_URL,
        {"username": username, "password": password},
        content_type="application/json",
        headers=headers,
    )


def test_right_password_gets_a_token_that_opens_the_api(client, cast):
    response = ask_token(client, "staff", PASSWORD)

    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.get(user=cast["staff"]).digest == ApiToken.digest_of(token)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "staff"


def test_only_the_digest_of_a_token_is_stored(client, cast):
    token = ask_token(client, "staff", PASSWORD).json()["token"]

    assert not ApiToken.objects.filter(digest=token).exists()


def test_wrong_password_is_refused_with_a_json_message(client, cast):
    response = ask_token(client, "staff", "not-the-password", **{"Accept-Language": "en"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong user name or password."}
    assert not ApiToken.objects.exists()


def test_unknown_user_is_refused_like_a_wrong_password(client, cast):
    response = ask_token(client, "nobody", PASSWORD, **{"Accept-Language": "en"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong user name or password."}


def test_inactive_user_gets_no_token(client, cast):
    cast["staff"].is_active = False
    cast["staff"].save()

    assert ask_token(client, "staff", PASSWORD).status_code == 401


def test_after_the_failure_limit_even_the_right_password_is_locked_out(client, cast):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert ask_token(client, "staff", "guess").status_code in (401, 429)

    response = ask_token(client, "staff", PASSWORD, **{"Accept-Language": "en"})

    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "Too many failed logins" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_failures_below_the_limit_do_not_lock_out(client, cast):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask_token(client, "staff", "guess").status_code == 401

    assert ask_token(client, "staff", PASSWORD).status_code == 200


def test_lock_out_of_one_user_does_not_lock_another(client, cast):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        ask_token(client, "staff", "guess")

    assert ask_token(client, "leader", PASSWORD).status_code == 200


def test_lock_out_ends_after_the_cool_off(client, cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            ask_token(client, "staff", "guess")
        assert ask_token(client, "staff", PASSWORD).status_code == 429
    later = start + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later, tick=False):
        assert ask_token(client, "staff", PASSWORD).status_code == 200


def test_token_expires_after_its_lifetime(client, cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = ask_token(client, "staff", PASSWORD).json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}

    almost = start + datetime.timedelta(hours=settings.API_TOKEN_HOURS, minutes=-1)
    with time_machine.travel(almost, tick=False):
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    after = start + datetime.timedelta(hours=settings.API_TOKEN_HOURS, minutes=1)
    with time_machine.travel(after, tick=False):
        response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Log in first")
    assert response["WWW-Authenticate"] == "Bearer"


def test_unknown_token_is_refused(client, cast):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer made-up"})

    assert response.status_code == 401
    assert "detail" in response.json()


def test_no_token_is_refused(client, cast):
    response = client.get("/api/v1/deputies")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_logged_in_browser_session_is_not_enough_for_the_api(client, cast):
    client.force_login(cast["staff"])

    assert client.get("/api/v1/me").status_code == 401


def test_token_of_a_deactivated_user_stops_working(client, cast):
    headers = bearer(cast["staff"])
    cast["staff"].is_active = False
    cast["staff"].save()

    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_using_a_token_records_when(client, cast):
    headers = bearer(cast["staff"])

    client.get("/api/v1/me", headers=headers)

    assert ApiToken.objects.get(user=cast["staff"]).last_used_at is not None


@pytest.mark.parametrize(
    "body",
    [
        "not json at all",
        "{",
        "[]",
        '"staff"',
        "{}",
        '{"username": "staff"}',
        '{"username": ["staff"], "password": {"x": 1}}',
        '{"username": null, "password": null}',
    ],
)
def test_bad_bodies_get_a_4xx_json_answer(client, cast, body):
    response = client.post(TOKEN_URL, body, content_type="application/json")

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_form_encoded_body_is_refused_cleanly(client, cast):
    response = client.post(TOKEN_URL, {"username": "staff", "password": PASSWORD})

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_token_endpoint_only_accepts_post(client, cast):
    response = client.get(TOKEN_URL)

    assert response.status_code == 405
