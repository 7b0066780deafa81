"""Writes a user makes on their own account: how they want to be notified."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.audit.models import Kind
from renda.audit.records import record
from renda.core.models import NotificationPreference
from renda.core.notifications import KINDS
from renda.core.sms import mobile_number
from renda.core.workflow import ActionInvalid


def notification_settings_save(
    *,
    user: Any,
    email_kinds: Iterable[str],
    sms_kinds: Iterable[str],
    phone: str,
    quiet_start: datetime.time | None,
    quiet_end: datetime.time | None,
) -> NotificationPreference:
    """The user's channels per kind and quiet hours. SMS needs a mobile number (kept as the
    user's phone); quiet hours are both times or neither."""
    email = sorted(k for k in set(email_kinds) if k in KINDS)
    sms = sorted(k for k in set(sms_kinds) if k in KINDS)
    phone = phone.strip()
    number = mobile_number(phone)
    if phone and not number:
        raise ActionInvalid(_("Enter a mobile number of 11 digits."), field="phone")
    if sms and not number:
        raise ActionInvalid(_("Give your mobile number to receive text messages."), field="phone")
    if (quiet_start is None) != (quiet_end is None):
        raise ActionInvalid(
            _("Give both times, or neither for no quiet hours."),
            field="quiet_end" if quiet_end is None else "quiet_start",
        )
    with transaction.atomic():
        pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
        pref.email_kinds, pref.sms_kinds = email, sms
        pref.quiet_start, pref.quiet_end = quiet_start, quiet_end
        pref.save()
        changed = ["channels", "quiet hours"]
        if (number or phone) != user.phone:
            User.objects.filter(pk=user.pk).update(phone=number or phone)
            user.phone = number or phone
            changed.append("phone")
        record(
            Kind.SETTINGS_CHANGE,
            actor=user,
            target=f"notification preferences of {user.get_username()}",
            changed=changed,
            email=email,
            sms=sms,
        )
    return pref
