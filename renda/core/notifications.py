"""In-app notifications, also sent by e-mail through Django's e-mail backend.

Call `notify_after_commit` from inside an action: nothing is sent for a change that rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from renda.core.models import Notification

log = logging.getLogger(__name__)


def notify(
    users: Iterable[Any], *, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Store one notification per user and e-mail those with an address. Runs now."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if not recipients:
        return []
    rows = Notification.objects.bulk_create(
        [Notification(recipient=u, title=title, body=body, url=url) for u in recipients.values()]
    )
    link = f"{settings.SITE_URL}{url}" if url else ""
    messages = [
        (title, f"{body}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [u.email])
        for u in recipients.values()
        if u.email
    ]
    if messages:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # the in-app notification stands; mail is best effort
            log.exception("sending %d notification e-mails failed", len(messages))
        else:
            Notification.objects.filter(
                pk__in=[n.pk for n in rows], recipient__email__gt=""
            ).update(emailed_at=timezone.now())
    return rows


def notify_after_commit(users: Iterable[Any], *, title: str, body: str = "", url: str = "") -> None:
    users = list(users)
    # robust: a failure here is logged; it must not turn a committed change into an error.
    transaction.on_commit(
        lambda: notify(users, title=str(title), body=str(body), url=url), robust=True
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
