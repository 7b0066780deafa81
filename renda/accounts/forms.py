"""The form of a user's own notification settings: channels per kind, phone, quiet hours."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import ActionErrorsMixin
from renda.core.models import NotificationPreference
from renda.core.notifications import KINDS, channels_of, quiet_window_of

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NotificationSettingsForm(ActionErrorsMixin, forms.Form):
    """In the application always; e-mail and SMS per kind; the rules are the action's."""

    phone = forms.CharField(
        label=_("Mobile number for text messages"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    quiet_start = forms.TimeField(label=_("Quiet hours from"), required=False, widget=TIME_INPUT)
    quiet_end = forms.TimeField(
        label=_("Quiet hours until"),
        required=False,
        widget=TIME_INPUT,
        help_text=_(
            "E-mails and text messages due in these hours wait until they end (Beijing time); "
            "notifications in the application come at once. Leave both empty for none."
        ),
    )

    def __init__(self, *args: Any, user: Any, pref: NotificationPreference | None, **kw: Any):
        super().__init__(*args, **kw)
        self.user = user
        window = quiet_window_of(pref)
        self.initial.setdefault("phone", user.phone)
        self.initial.setdefault("quiet_start", window[0] if window else None)
        self.initial.setdefault("quiet_end", window[1] if window else None)
        self.kinds = []
        for key, kind in KINDS.items():
            by_email, by_sms = channels_of(pref, key)
            self.fields[f"email_{key}"] = forms.BooleanField(
                label=_("E-mail"), required=False, initial=by_email
            )
            self.fields[f"sms_{key}"] = forms.BooleanField(
                label=_("Text message"), required=False, initial=by_sms
            )
            self.kinds.append(
                {"key": key, "kind": kind, "email": self[f"email_{key}"], "sms": self[f"sms_{key}"]}
            )

    def chosen(self, channel: str) -> list[str]:
        return [k for k in KINDS if self.cleaned_data.get(f"{channel}_{k}")]
