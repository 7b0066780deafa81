"""The outbox: e-mails and text messages queued in the transaction of the change that caused
them, sent after it commits, retried with backoff, never sent twice.

queue() inserts rows (a unique key each: a message queued twice is one row) and arranges for
deliver() to run after the commit; `renda outbox send` (also run by `renda remind`) sends
what is due from cron: messages held for the quiet hours and retries.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from renda.core.models import Channel, Notification, OutboxStatus, OutgoingMessage
from renda.core.sms_backends import SmsMessage, get_backend

log = logging.getLogger(__name__)

# A claimed row is another worker's for this long (longer than any gateway timeout); a worker
# that died while sending leaves it to be tried again after that.
LEASE = datetime.timedelta(minutes=10)


def quiet_window(spec: str) -> tuple[datetime.time, datetime.time] | None:
    """ "22:00-07:00" → (22:00, 07:00); "" → None. ValueError for anything else."""
    spec = spec.strip()
    if not spec:
        return None
    start, sep, end = spec.partition("-")
    if not sep:
        raise ValueError(f"quiet hours must read HH:MM-HH:MM, not {spec!r}")
    return datetime.time.fromisoformat(start.strip()), datetime.time.fromisoformat(end.strip())


def default_quiet_window() -> tuple[datetime.time, datetime.time] | None:
    return quiet_window(settings.NOTIFY_QUIET_HOURS)


def quiet_until(
    now: datetime.datetime, window: tuple[datetime.time, datetime.time] | None
) -> datetime.datetime | None:
    """The end of the quiet hours `now` falls in (local time, Asia/Shanghai), or None."""
    if window is None or window[0] == window[1]:
        return None
    start, end = window
    local = timezone.localtime(now)
    t, day = local.time(), local.date()
    if start < end:
        inside = start <= t < end
    else:  # across midnight: 22:00-07:00
        inside = t >= start or t < end
        if t >= start:
            day += datetime.timedelta(days=1)
    if not inside:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, end))


def backoff(attempts: int) -> datetime.timedelta:
    """1, 4, 16, 64 … minutes after the 1st, 2nd, 3rd … failed attempt, at most a day."""
    return datetime.timedelta(minutes=min(4 ** max(attempts - 1, 0), 24 * 60))


def queue(messages: Sequence[OutgoingMessage]) -> list[str]:
    """Insert the messages (in the caller's transaction: they vanish if it rolls back) and send
    the due ones after the commit. A key already queued is skipped. Returns the keys."""
    if not messages:
        return []
    OutgoingMessage.objects.bulk_create(messages, ignore_conflicts=True)
    keys = [m.key for m in messages]
    transaction.on_commit(lambda: deliver(keys=keys), robust=True)
    return keys


def new_message(
    *,
    key: str,
    channel: str,
    to: str,
    text: str,
    subject: str = "",
    kind: str = "",
    hold_until: datetime.datetime | None = None,
    urgent: bool = False,
    recipient_id: int | None = None,
    notification_id: int | None = None,
) -> OutgoingMessage:
    return OutgoingMessage(
        key=key[:100],
        channel=channel,
        to=to,
        subject=subject[:200],
        text=text,
        kind=kind,
        urgent=urgent,
        next_try=hold_until or timezone.now(),
        recipient_id=recipient_id,
        notification_id=notification_id,
    )


def _claim(row: OutgoingMessage, now: datetime.datetime) -> bool:
    """Compare-and-swap on (status, attempts): of two workers, exactly one wins the row."""
    return (
        OutgoingMessage.objects.filter(
            pk=row.pk, status=row.status, attempts=row.attempts, next_try__lte=now
        ).update(status=OutboxStatus.SENDING, attempts=F("attempts") + 1, next_try=now + LEASE)
        == 1
    )


class _Senders:
    """One e-mail connection and one SMS backend for a run, opened when first needed."""

    def __init__(self) -> None:
        self._mail: Any = None
        self._sms: Any = None

    def send(self, row: OutgoingMessage) -> None:
        if row.channel == Channel.SMS:
            if self._sms is None:
                self._sms = get_backend()
            sent = self._sms.send_messages([SmsMessage(phone=row.to, text=row.text, key=row.key)])
        else:
            if self._mail is None:
                self._mail = get_connection()
            email = EmailMessage(
                row.subject, row.text, settings.DEFAULT_FROM_EMAIL, [row.to], connection=self._mail
            )
            sent = email.send()
        if sent != 1:
            raise RuntimeError("the backend did not accept the message")


def _held_by_quiet_hours(row: OutgoingMessage, when: datetime.datetime) -> datetime.datetime:
    if row.urgent:
        return when
    return quiet_until(when, default_quiet_window()) or when


def _done(row: OutgoingMessage, now: datetime.datetime, error: Exception | None) -> str:
    attempts = row.attempts + 1
    if error is None:
        OutgoingMessage.objects.filter(pk=row.pk).update(
            status=OutboxStatus.SENT, sent_at=now, last_error=""
        )
        if row.channel == Channel.EMAIL and row.notification_id:
            Notification.objects.filter(pk=row.notification_id).update(emailed_at=now)
        return OutboxStatus.SENT
    reason = f"{type(error).__name__}: {error}"[:500]
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_try = OutboxStatus.FAILED, now
        log.error("giving up %s after %d attempts: %s", row.key, attempts, reason)
    else:
        status = OutboxStatus.PENDING
        next_try = _held_by_quiet_hours(row, now + backoff(attempts))
        log.warning(
            "sending %s failed (attempt %d), again at %s: %s", row.key, attempts, next_try, reason
        )
    OutgoingMessage.objects.filter(pk=row.pk).update(
        status=status, next_try=next_try, last_error=reason
    )
    return status


def deliver(*, keys: Iterable[str] | None = None, limit: int = 500) -> Counter[str]:
    """Send what is due (those of `keys`, or all): each row claimed first, so a message is
    never sent by two workers; a failure is recorded and tried again later. Returns the count
    of rows by outcome (sent, pending, failed)."""
    now = timezone.now()
    due = OutgoingMessage.objects.filter(
        Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING), next_try__lte=now
    )
    if keys is not None:
        due = due.filter(key__in=list(keys))
    outcome: Counter[str] = Counter()
    senders = _Senders()
    for row in due.order_by("next_try", "pk")[:limit]:
        if not _claim(row, now):
            continue  # another worker has it
        try:
            senders.send(row)
        except Exception as exc:  # a gateway's failure is recorded on the row, never raised
            outcome[_done(row, timezone.now(), exc)] += 1
        else:
            outcome[_done(row, timezone.now(), None)] += 1
    return outcome
