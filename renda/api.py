"""The JSON API under /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

Every app adds its router here. Errors are JSON with a `detail` message, never a 500 page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from renda.accounts.models import ApiToken
from renda.core.workflow import ActionError


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` from POST /api/v1/auth/token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.select_related("user", "user__congress")
            .filter(digest=ApiToken.digest_of(token), expires_at__gt=timezone.now())
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


api = NinjaAPI(
    title="renda API",
    version="1",
    description="人大履职服务平台 — the congress platform's JSON API.",
    urls_namespace="api",
    auth=BearerToken(),
)


def _error(request: HttpRequest, status: int, message: Any, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": str(message), **extra}, status=status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 422, _("The request is not valid."), errors=exc.errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Log in first: send Authorization: Bearer <token>."))


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or _("You may not do this."))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Not found."))


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    return _error(request, exc.status, exc.message)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, exc.message)


from renda.accounts.api import router as auth_router  # noqa: E402
from renda.org.api import router as org_router  # noqa: E402

api.add_router("/auth", auth_router)
api.add_router("/", org_router)
