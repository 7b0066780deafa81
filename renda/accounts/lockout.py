"""The user name django-axes counts failed logins under (settings.AXES_USERNAME_CALLABLE)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

# The width of django-axes' username columns.
AXES_USERNAME_LENGTH = 255


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The name from the credentials (the token endpoint) or the login form, cut to fit and
    without NULs (which PostgreSQL refuses)."""
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "data", request.POST).get("username")
    if not isinstance(value, str):
        return None
    return value.replace("\x00", "")[:AXES_USERNAME_LENGTH]
