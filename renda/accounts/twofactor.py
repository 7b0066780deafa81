"""Two-factor login (TOTP, django-otp): who must use it, their devices, checking a code (an
authenticator app's or a recovery code), and setting a device up with its QR code."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from renda.core.predicates import is_auditor, is_secadmin, is_staff, is_sysadmin

RECOVERY_CODES = 10


def required_for(user: Any) -> bool:
    """Staff and the administrators must log in with a second factor where the setting says
    so (production); everyone else may."""
    return bool(settings.TWO_FACTOR_REQUIRED and privileged(user))


def privileged(user: Any) -> bool:
    """Staff and the administrators (of the admin, or of the separation of duties)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or is_staff(user)
        or is_sysadmin(user)
        or is_secadmin(user)
        or is_auditor(user)
    )


def verified(request: Any) -> bool:
    """This session's login was confirmed by a second factor (django-otp's middleware)."""
    return bool(getattr(request.user, "is_verified", lambda: False)())


def has_device(user: Any) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def check(user: Any, code: str) -> Any:
    """The device whose code `code` is (the app's six digits or a recovery code, used up),
    or None. Each device counts its own failures and slows down guessing."""
    code = "".join(code.split())[:16]
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def pending_device(user: Any) -> TOTPDevice:
    """The authenticator being set up (unconfirmed until its first code is right)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an SVG QR code, drawn here (no outside service)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


def secret_base32(device: TOTPDevice) -> str:
    """The secret for typing in by hand, in groups of four."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@transaction.atomic
def confirm(user: Any, device: TOTPDevice) -> list[str]:
    """The device is set up: the user's other authenticators go, and a fresh set of recovery
    codes is made (returned once, to be shown once)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: Any) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


@transaction.atomic
def remove(user: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
