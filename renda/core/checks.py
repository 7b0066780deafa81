"""Refusing to serve in production with the demo password or an unsafe configuration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError


def demo_accounts_with_demo_password() -> list[str]:
    from django.contrib.auth import get_user_model

    try:
        users = list(
            get_user_model().objects.filter(username__in=settings.DEMO_USERNAMES, is_active=True)
        )
    except DatabaseError:  # not migrated yet: nothing to refuse
        return []
    return [u.username for u in users if u.check_password(settings.DEMO_PASSWORD)]


@register("renda", deploy=False)
def production_safety(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not settings.PRODUCTION:
        return []
    errors = []
    weak = demo_accounts_with_demo_password()
    if weak:
        errors.append(
            Error(
                f"Accounts {', '.join(weak)} still use the demo password in production.",
                hint="Deactivate them or set real passwords (renda changepassword NAME).",
                id="renda.E001",
            )
        )
    return errors


def ensure_safe_to_serve() -> None:
    """Called by the WSGI/ASGI entry points: production never serves with the demo password."""
    if settings.PRODUCTION:
        weak = demo_accounts_with_demo_password()
        if weak:
            raise ImproperlyConfigured(
                f"Refusing to start: accounts {', '.join(weak)} use the demo password."
            )
