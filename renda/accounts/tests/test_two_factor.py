"""Two-factor login: setting an app up (QR code, recovery codes), the second step of logging
in, required for staff and administrators when the setting says so, and on the API's token
endpoint too."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from renda.accounts import twofactor
from renda.audit.models import Kind, Record

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
TOKEN_URL = "/api/v1/auth/token"


def code_of(device: TOTPDevice) -> str:
    """The code the authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def later(seconds: int = 10):
    """After the wait a wrong code imposes (django-otp slows guessing down)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds))


def log_in(client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = twofactor.pending_device(user)
    return device, twofactor.confirm(user, device)


def test_setting_up_shows_a_qr_code_then_recovery_codes(client, cast):
    client.force_login(cast["deputy"])
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "data-secret" in html
    device = TOTPDevice.objects.get(user=cast["deputy"], confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 422
    with later():
        response = client.post(reverse("accounts:two_factor_setup"), {"code": code_of(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == twofactor.RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    assert Record.objects.filter(kind=Kind.SECOND_FACTOR_SET, actor=cast["deputy"]).exists()
    assert Record.objects.filter(kind=Kind.SECOND_FACTOR_FAILED, actor=cast["deputy"]).exists()


def test_with_a_device_the_password_alone_opens_nothing(client, cast):
    device, _codes = enrol(cast["deputy"])
    log_in(client, "deputy")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get("/suggestions/").status_code == 302
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": code_of(device), "next": "/suggestions/"}
    )
    assert response.status_code == 302 and response["Location"] == "/suggestions/"
    assert client.get(reverse("core:home")).status_code == 200


def test_a_recovery_code_works_once(client, cast):
    _device, codes = enrol(cast["deputy"])
    log_in(client, "deputy")
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    log_in(client, "deputy")
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 422
    assert client.get(reverse("core:home")).status_code == 302


def test_a_wrong_code_is_refused_and_recorded(client, cast):
    enrol(cast["deputy"])
    log_in(client, "deputy")
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": "123456"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    assert "not right" in response.content.decode()
    assert Record.objects.filter(kind=Kind.SECOND_FACTOR_FAILED, username="deputy").exists()


def test_staff_must_set_it_up_where_required(client, cast, settings):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(client, "staff")
    response = client.get(reverse("core:home"))
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    # Others may go on without it.
    other = client.__class__()
    log_in(other, "deputy")
    assert other.get(reverse("core:home")).status_code == 200


def test_not_required_by_default_in_development(client, cast):
    log_in(client, "staff")
    assert client.get(reverse("core:home")).status_code == 200


def test_someone_who_must_use_it_cannot_turn_it_off(client, cast, settings):
    settings.TWO_FACTOR_REQUIRED = True
    device, _codes = enrol(cast["staff"])
    log_in(client, "staff")
    client.post(reverse("accounts:two_factor_verify"), {"code": code_of(device)})
    client.post(reverse("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=cast["staff"]).exists()


def test_a_deputy_may_turn_it_off(client, cast):
    device, _codes = enrol(cast["deputy"])
    log_in(client, "deputy")
    client.post(reverse("accounts:two_factor_verify"), {"code": code_of(device)})
    client.post(reverse("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=cast["deputy"]).exists()


def _token(client, username: str, **extra):
    body = {"username": username, "password": PASSWORD, **extra}
    return client.post(TOKEN_URL, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def test_the_token_endpoint_asks_the_code_of_an_account_with_a_device(client, cast):
    device, codes = enrol(cast["deputy"])
    response = _token(client, "deputy")
    assert response.status_code == 401 and "two-factor" in response.json()["detail"]
    assert _token(client, "deputy", otp=code_of(device)).status_code == 200
    assert _token(client, "deputy", otp=codes[1]).status_code == 200
    assert _token(client, "deputy", otp="000000").status_code == 401
    assert Record.objects.filter(kind=Kind.SECOND_FACTOR_FAILED, actor=cast["deputy"]).exists()


def test_the_token_endpoint_refuses_staff_without_a_device_where_required(client, cast, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert _token(client, "staff").status_code == 403
    assert _token(client, "deputy").status_code == 200  # optional for deputies
