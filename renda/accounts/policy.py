"""The security policy at login (等保 level 3): what a user must do before using the site: the
second factor (their code, or setting an app up where it is required), and a new password
when an administrator set the current one or it is older than the maximum age.

Decided once, when the user logs in, and kept in the session: pages cost no extra query."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from renda.accounts import twofactor
from renda.audit.models import PasswordHistory

PENDING = "renda_pending"  # the session's list of steps still to take: verify, setup, password
STEP_PAGES = {
    "verify": "accounts:two_factor_verify",
    "setup": "accounts:two_factor_setup",
    "password": "accounts:password_change",
}
# Paths a user with a step to take may still open.
ALWAYS_OPEN = ("/static/", "/media/", "/i18n/", "/api/", "/open311/", "/favicon")


def password_must_change(user: Any) -> bool:
    """An administrator set it (and the user has not chosen their own since), or it has
    expired (staff and administrators, after PASSWORD_MAX_AGE_DAYS)."""
    initial = settings.PASSWORD_CHANGE_INITIAL
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if not initial and not max_age:
        return False
    latest = PasswordHistory.objects.filter(user=user).order_by("-set_at", "-id").first()
    if initial and latest is not None and not latest.chosen_by_owner:
        return True
    if max_age and twofactor.privileged(user):
        set_at = latest.set_at if latest is not None else user.date_joined
        return bool(set_at < timezone.now() - datetime.timedelta(days=max_age))
    return False


@receiver(user_logged_in)
def _steps_at_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    steps = []
    if twofactor.has_device(user):
        steps.append("verify")
    elif twofactor.required_for(user):
        steps.append("setup")
    if password_must_change(user):
        steps.append("password")
    if steps:
        request.session[PENDING] = steps
    else:
        request.session.pop(PENDING, None)


def step_done(request: HttpRequest, *steps: str) -> None:
    pending = [s for s in request.session.get(PENDING, []) if s not in steps]
    if pending:
        request.session[PENDING] = pending
    else:
        request.session.pop(PENDING, None)


class SecurityPolicyMiddleware:
    """Sends a user with a step to take to its page, whatever they asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        pending = session.get(PENDING) if session is not None else None
        if pending and request.user.is_authenticated:
            page = self._page(request, pending)
            if page is not None and not request.path.startswith(ALWAYS_OPEN):
                allowed = {reverse(page), reverse("accounts:logout")}
                if page != "accounts:two_factor_verify":
                    allowed |= {reverse("accounts:two_factor_recovery")}
                if request.path not in allowed:
                    return redirect(
                        f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}"
                    )
        return self.get_response(request)

    @staticmethod
    def _page(request: HttpRequest, pending: list[str]) -> str | None:
        if twofactor.verified(request) and ("verify" in pending or "setup" in pending):
            step_done(request, "verify", "setup")
            pending = request.session.get(PENDING, [])
        for step in pending:
            return STEP_PAGES.get(step)
        return None
