"""In-app notifications, also sent by e-mail and SMS as each user chooses.

Call `notify_after_commit` from inside an action: nothing is stored or sent for a change that
rolls back. The in-app notification is immediate; the e-mail and the SMS go through the
outbox (renda/core/outbox.py): queued with the notification, sent after the commit unless the
user's quiet hours hold them, retried, never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.core.models import Channel, Notification, NotificationPreference, OutgoingMessage
from renda.core.outbox import default_quiet_window, new_message, queue, quiet_until
from renda.core.sms import mobile_number, sms_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    """A kind of notification a user chooses channels for."""

    label: str | Promise
    help: str | Promise = ""


KINDS: dict[str, Kind] = {
    "case": Kind(
        _("Cases I work on"),
        _("Assigned, referred, answered, returned: a step on a case of yours."),
    ),
    "deadline": Kind(
        _("Deadline warnings"),
        _("A deadline of yours is near or past (sent by renda remind)."),
    ),
}
DEFAULT_KIND = "case"


def channels_of(pref: NotificationPreference | None, kind: str) -> tuple[bool, bool]:
    """(by e-mail, by SMS) for a kind: without a choice made, e-mail yes, SMS no."""
    if pref is None:
        return True, False
    return kind in pref.email_kinds, kind in pref.sms_kinds


def quiet_window_of(pref: NotificationPreference | None) -> Any:
    if pref is None:
        return default_quiet_window()
    if pref.quiet_start is None or pref.quiet_end is None:
        return None
    return pref.quiet_start, pref.quiet_end


def notify(
    users: Iterable[Any],
    *,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = DEFAULT_KIND,
    urgent: bool = False,
) -> list[Notification]:
    """Store one notification per user, and queue its e-mail and SMS as each user chose
    (sent after the commit; held for their quiet hours unless `urgent`)."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if not recipients:
        return []
    title, body = str(title), str(body)
    rows = Notification.objects.bulk_create(
        [Notification(recipient=u, title=title, body=body, url=url) for u in recipients.values()]
    )
    prefs = {
        p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=list(recipients))
    }
    link = f"{settings.SITE_URL}{url}" if url else ""
    now = timezone.now()
    outgoing: list[OutgoingMessage] = []
    for n in rows:
        user = recipients[n.recipient_id]
        pref = prefs.get(user.pk)
        by_email, by_sms = channels_of(pref, kind)
        hold = None if urgent else quiet_until(now, quiet_window_of(pref))
        common = {
            "kind": kind,
            "hold_until": hold,
            "urgent": urgent,
            "recipient_id": user.pk,
            "notification_id": n.pk,
        }
        if by_email and user.email:
            outgoing.append(
                new_message(
                    key=f"notification:{n.pk}:email",
                    channel=Channel.EMAIL,
                    to=user.email,
                    subject=title,
                    text=f"{body}\n\n{link}".strip(),
                    **common,
                )
            )
        phone = mobile_number(getattr(user, "phone", ""))
        if by_sms and phone:
            outgoing.append(
                new_message(
                    key=f"notification:{n.pk}:sms",
                    channel=Channel.SMS,
                    to=phone,
                    text=sms_text(title, tail=link),
                    **common,
                )
            )
    queue(outgoing)
    return rows


def notify_after_commit(
    users: Iterable[Any],
    *,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = DEFAULT_KIND,
    urgent: bool = False,
) -> None:
    users = list(users)
    # robust: a failure here is logged; it must not turn a committed change into an error.
    transaction.on_commit(
        lambda: notify(users, title=str(title), body=str(body), url=url, kind=kind, urgent=urgent),
        robust=True,
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
