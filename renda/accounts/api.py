"""POST /api/v1/auth/token: exchange a user name and password for a bearer token;
DELETE /api/v1/auth/token: revoke the token the request is sent with."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from renda.accounts import twofactor
from renda.accounts.models import ApiToken
from renda.audit.models import Kind
from renda.audit.records import record

router = Router(tags=["auth"])


class Credentials(Schema):
    # The user name column's width; a NUL would reach django-axes' queries (PostgreSQL refuses it).
    username: str = Field(max_length=150, pattern=r"^[^\x00]*$")
    password: str = Field(max_length=4096)  # no one types more; hashing more is a cost
    # The authenticator app's code (or a recovery code): required of accounts with two-factor
    # login (staff and administrators in production).
    otp: str = Field("", max_length=20)


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


@router.post("/token", auth=None, response=TokenOut)
def issue_token(request: HttpRequest, credentials: Credentials) -> dict[str, object]:
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if getattr(request, "axes_locked_out", False):
        # We answer the lock-out ourselves, in JSON; left set, the flag would make
        # AxesMiddleware swap our answer for the HTML lock-out page.
        # (django-axes sets this attribute on the request; HttpRequest does not declare it.)
        request.axes_locked_out = False  # type: ignore[attr-defined]
        minutes = round(settings.AXES_COOLOFF_TIME * 60)
        raise HttpError(
            429,
            _("Too many failed logins: try again in %(minutes)d minutes.") % {"minutes": minutes},
        )
    if user is None or not user.is_active:
        raise HttpError(401, _("Wrong user name or password."))
    second_factor(request, user, credentials.otp)
    key = ApiToken.new_key()
    expires = timezone.now() + datetime.timedelta(hours=settings.API_TOKEN_HOURS)
    row = ApiToken.objects.create(user=user, digest=ApiToken.digest_of(key), expires_at=expires)
    record(Kind.TOKEN_ISSUED, request=request, actor=user, token=row.pk)
    return {"token": key, "expires_at": expires}


@router.delete(
    "/token",
    response={204: None},
    summary="Revoke the token this request is sent with (log out of the API)",
)
def revoke_token(request: HttpRequest) -> Status:
    row = getattr(request, "api_token", None)
    if row is not None:
        ApiToken.objects.filter(pk=row.pk).delete()
    return Status(204, None)


def second_factor(request: HttpRequest, user: Any, code: str) -> None:
    """A token for an account with two-factor login needs its code too."""
    has_device = twofactor.has_device(user)
    if not has_device and not twofactor.required_for(user):
        return
    if not has_device:
        raise HttpError(403, _("Set up two-factor login on the website first."))
    if twofactor.check(user, code) is None:
        record(Kind.SECOND_FACTOR_FAILED, request=request, actor=user)
        raise HttpError(401, _("This account needs its two-factor code (otp)."))
