"""Two-factor login's pages: setting up an authenticator app (QR code, recovery codes), and the
second step of logging in (a code from the app or a recovery code)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from renda.accounts import twofactor
from renda.accounts.policy import step_done
from renda.audit.models import Kind
from renda.audit.records import record
from renda.core.http import AuthedRequest


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: AuthedRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}):
        return wanted
    return "core:home"


def _wrong_code(request: AuthedRequest, form: CodeForm) -> None:
    record(Kind.SECOND_FACTOR_FAILED, request=request)
    form.add_error("code", _("This code is not right (or was used already). Try the next one."))


@login_required
def setup(request: AuthedRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code, type its first code; then the recovery
    codes are shown, once."""
    user = request.user
    if twofactor.has_device(user) and not twofactor.verified(request):
        return redirect("accounts:two_factor_verify")
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            codes = twofactor.confirm(user, device)
            otp_login(request, device)
            step_done(request, "verify", "setup")
            record(Kind.SECOND_FACTOR_SET, request=request, action="set up")
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        _wrong_code(request, form)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret_base32(device),
            "has_device": twofactor.has_device(user),
            "required": twofactor.required_for(user),
        },
        status=422 if form.errors else 200,
    )


@login_required
def verify(request: AuthedRequest) -> HttpResponse:
    """The second step of logging in."""
    user = request.user
    if not twofactor.has_device(user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.check(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            step_done(request, "verify", "setup")
            return redirect(_next(request))
        _wrong_code(request, form)
    context: dict[str, Any] = {"form": form, "next": _next(request)}
    return render(
        request, "accounts/two_factor_verify.html", context, status=422 if form.errors else 200
    )


@require_POST
@login_required
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    """A fresh set of recovery codes (the old ones stop working)."""
    if not twofactor.verified(request):
        return redirect("accounts:two_factor_verify")
    codes = twofactor.new_recovery_codes(request.user)
    record(Kind.SECOND_FACTOR_SET, request=request, action="new recovery codes")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@require_POST
@login_required
def remove(request: AuthedRequest) -> HttpResponse:
    """Turn two-factor login off (only for those who need not use it)."""
    if twofactor.required_for(request.user) or not twofactor.verified(request):
        messages.error(request, _("Your account must log in with two factors."))
        return redirect("accounts:two_factor_setup")
    twofactor.remove(request.user)
    record(Kind.SECOND_FACTOR_SET, request=request, action="removed")
    messages.success(request, _("Two-factor login is off."))
    return redirect("core:home")
