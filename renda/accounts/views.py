"""Logging in and out, changing one's password, and the lock-out page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from renda.accounts.policy import PENDING, step_done
from renda.audit.models import Kind, PasswordHistory
from renda.audit.records import record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        if not settings.PRODUCTION:
            # The demo accounts are refused in production; in development they are the way in.
            context["demo_usernames"] = settings.DEMO_USERNAMES
            context["demo_password"] = settings.DEMO_PASSWORD
        return context


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Chosen by its owner: no longer an administrator's initial password.
        mine = PasswordHistory.objects.filter(user=form.user)
        latest = mine.order_by("-id").first()
        if latest is not None:
            mine.filter(pk=latest.pk).update(chosen_by_owner=True)
        step_done(self.request, "password")
        record(Kind.PASSWORD_CHANGED, request=self.request)
        messages.success(self.request, _("Your password has been changed."))
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["must_change"] = "password" in self.request.session.get(PENDING, [])
        return context


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes shows after too many failed logins."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
