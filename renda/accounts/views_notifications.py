"""A user's own notification settings: which kinds by e-mail and SMS, and quiet hours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renda.accounts.actions import notification_settings_save
from renda.accounts.forms import NotificationSettingsForm
from renda.core.http import AuthedRequest
from renda.core.models import NotificationPreference
from renda.core.workflow import ActionError


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    user = request.user
    pref = NotificationPreference.objects.filter(user=user).first()
    form = NotificationSettingsForm(request.POST or None, user=user, pref=pref)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                notification_settings_save(
                    user=user,
                    email_kinds=form.chosen("email"),
                    sms_kinds=form.chosen("sms"),
                    phone=d["phone"],
                    quiet_start=d["quiet_start"],
                    quiet_end=d["quiet_end"],
                )
            except ActionError as error:
                form.add_action_error(error)
            else:
                messages.success(request, _("Your notification settings have been saved."))
                return redirect("accounts:notification_settings")
    return render(
        request,
        "accounts/notification_settings.html",
        {"form": form, "has_email": bool(user.email)},
        status=status,
    )
