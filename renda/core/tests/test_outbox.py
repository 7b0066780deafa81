"""Notifications by e-mail and SMS through the outbox: sent after commit only, held for the
quiet hours, retried with backoff, never sent twice (the same notification processed twice,
two workers at once), and each user's channels per kind."""

from __future__ import annotations

import contextlib
import datetime
import io
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from renda.core import outbox as outbox_module
from renda.core import sms_backends
from renda.core.models import NotificationPreference, OutboxStatus, OutgoingMessage
from renda.core.notifications import notify, notify_after_commit
from renda.core.outbox import _claim, backoff, deliver, quiet_until
from renda.core.sms import sms_to_public

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 0, *, second: int = 0, day: int = 27) -> datetime.datetime:
    return datetime.datetime(2024, 9, day, hour, minute, second, tzinfo=SH)


@contextlib.contextmanager
def committed_at(when: datetime.datetime, capture: Any) -> Iterator[None]:
    """At `when` (time frozen), with the after-commit callbacks run at the end."""
    with time_machine.travel(when, tick=False), capture(execute=True):
        yield


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms_backends.outbox.clear()
    yield
    sms_backends.outbox.clear()


@pytest.fixture
def handler(cast):
    """A handler who wants case news by e-mail and SMS."""
    user = cast["handler"]
    user.email = "handler@jt.jz.gov.cn"
    user.phone = "13812345678"
    user.save()
    NotificationPreference.objects.create(
        user=user, email_kinds=["case"], sms_kinds=["case", "deadline"]
    )
    return user


def sent_sms() -> list[tuple[str, str]]:
    return [(m.phone, m.text) for m in sms_backends.outbox]


def send_cron() -> str:
    out = io.StringIO()
    call_command("sms", "send", stdout=out)
    return out.getvalue().strip()


def test_sms_and_email_go_after_the_commit(handler, django_capture_on_commit_callbacks, settings):
    settings.SMS_SIGN = "榆次人大"
    settings.SITE_URL = "https://renda.example.cn"
    with time_machine.travel(at(10), tick=False):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            notify_after_commit([handler], title="新交办建议：路灯", url="/suggestions/7/")
            assert sent_sms() == [] and mail.outbox == []
        assert sent_sms() == [
            ("13812345678", "【榆次人大】新交办建议：路灯 https://renda.example.cn/suggestions/7/")
        ]
        assert [m.to for m in mail.outbox] == [["handler@jt.jz.gov.cn"]]
    rows = {r.channel: r for r in OutgoingMessage.objects.all()}
    assert set(rows) == {"sms", "email"}
    assert all(r.status == OutboxStatus.SENT and r.attempts == 1 for r in rows.values())
    assert rows["email"].notification.emailed_at is not None


def test_a_rollback_sends_nothing_and_leaves_no_row(handler, django_capture_on_commit_callbacks):
    with (
        time_machine.travel(at(10), tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        # notify() itself inside the failing transaction (as a careless caller might).
        notify([handler], title="已交办")
        raise RuntimeError("the action failed")
    assert callbacks == []
    assert sent_sms() == [] and mail.outbox == []
    assert not OutgoingMessage.objects.exists()


def test_the_same_notification_processed_twice_is_sent_once(
    handler, django_capture_on_commit_callbacks
):
    with committed_at(at(10), django_capture_on_commit_callbacks):
        (n,) = notify([handler], title="已交办")
    with time_machine.travel(at(10), tick=False):
        rows = list(OutgoingMessage.objects.all())
        # A second processing queues the same keys again: nothing new, nothing resent.
        with django_capture_on_commit_callbacks(execute=True):
            outbox_module.queue(
                [
                    outbox_module.new_message(key=r.key, channel=r.channel, to=r.to, text=r.text)
                    for r in rows
                ]
            )
        assert send_cron() == "sent: 0, to retry: 0, failed: 0"
    assert OutgoingMessage.objects.count() == 2
    assert len(sent_sms()) == 1 and len(mail.outbox) == 1
    assert {r.key for r in rows} == {f"notification:{n.pk}:sms", f"notification:{n.pk}:email"}


def test_two_workers_never_both_claim_a_row(handler):
    with time_machine.travel(at(10), tick=False):
        sms_to_public(key="opinion:1:receipt", phone="13900001111", text="受理编号", urgent=True)
        now = datetime.datetime.now(tz=SH)
        first = OutgoingMessage.objects.get()
        second = OutgoingMessage.objects.get()  # the other worker read the same row
        assert _claim(first, now) is True
        assert _claim(second, now) is False
        # While the first worker holds it, a cron run does not take it either.
        assert deliver() == {}
    assert sent_sms() == []
    # A worker that died while sending: the row is tried again after the lease, once.
    with time_machine.travel(at(10, 11), tick=False):
        assert deliver() == {"sent": 1}
        assert deliver() == {}
    assert len(sent_sms()) == 1
    assert OutgoingMessage.objects.get().attempts == 2


def test_quiet_hours_hold_sms_and_email_but_not_the_in_app_notification(
    handler, django_capture_on_commit_callbacks
):
    with committed_at(at(23, 30), django_capture_on_commit_callbacks):
        notify([handler], title="新交办建议")
    with time_machine.travel(at(23, 30), tick=False):
        assert handler.notifications.count() == 1  # in the application at once
        assert sent_sms() == [] and mail.outbox == []
        assert send_cron() == "sent: 0, to retry: 0, failed: 0"
    rows = OutgoingMessage.objects.all()
    assert {r.next_try for r in rows} == {at(7, 0, day=28)}
    with time_machine.travel(at(6, 59, day=28), tick=False):
        assert send_cron() == "sent: 0, to retry: 0, failed: 0"
    with time_machine.travel(at(7, 5, day=28), tick=False):
        assert send_cron() == "sent: 2, to retry: 0, failed: 0"
    assert len(sent_sms()) == 1 and len(mail.outbox) == 1


def test_remind_sends_what_the_quiet_hours_held(handler, django_capture_on_commit_callbacks):
    with committed_at(at(23), django_capture_on_commit_callbacks):
        notify([handler], title="新交办建议")
    with time_machine.travel(at(8, day=28), tick=False):
        out = io.StringIO()
        call_command("remind", stdout=out)
    assert "outbox: sent: 2" in out.getvalue()
    assert len(sent_sms()) == 1


def test_urgent_notifications_bypass_the_quiet_hours(handler, django_capture_on_commit_callbacks):
    with committed_at(at(23, 30), django_capture_on_commit_callbacks):
        notify([handler], title="紧急", urgent=True)
    assert len(sent_sms()) == 1 and len(mail.outbox) == 1


def test_own_quiet_hours_and_none(handler, django_capture_on_commit_callbacks):
    pref = handler.notification_preference
    pref.quiet_start, pref.quiet_end = datetime.time(12), datetime.time(14)
    pref.save()
    with committed_at(at(23, 30), django_capture_on_commit_callbacks):
        notify([handler], title="夜里")
    assert len(sent_sms()) == 1
    with committed_at(at(13, day=28), django_capture_on_commit_callbacks):
        notify([handler], title="午休")
    assert len(sent_sms()) == 1
    assert OutgoingMessage.objects.filter(status="pending").count() == 2


def test_quiet_until_across_and_within_a_day():
    night = (datetime.time(22), datetime.time(7))
    assert quiet_until(at(21, 59), night) is None
    assert quiet_until(at(22), night) == at(7, day=28)
    assert quiet_until(at(3), night) == at(7)
    assert quiet_until(at(7), night) is None
    noon = (datetime.time(12), datetime.time(14))
    assert quiet_until(at(13), noon) == at(14)
    assert quiet_until(at(15), noon) is None
    assert quiet_until(at(3), None) is None


def test_a_failing_gateway_is_retried_with_backoff_then_given_up(
    handler, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.NOTIFY_QUIET_HOURS = ""
    calls = []

    def down(self, messages):
        calls.append(messages)
        raise sms_backends.SmsError("HTTP 503: busy")

    monkeypatch.setattr(sms_backends.LocmemBackend, "send_messages", down)
    with committed_at(at(10), django_capture_on_commit_callbacks):
        notify([handler], title="已交办")
    row = OutgoingMessage.objects.get(channel="sms")
    assert (row.status, row.attempts, row.next_try) == ("pending", 1, at(10, 1))
    assert row.last_error == "SmsError: HTTP 503: busy"
    with time_machine.travel(at(10, 0, second=30), tick=False):
        assert send_cron() == "sent: 0, to retry: 0, failed: 0"  # not due yet
    with time_machine.travel(at(10, 1), tick=False):
        assert send_cron() == "sent: 0, to retry: 1, failed: 0"
    row.refresh_from_db()
    assert (row.attempts, row.next_try) == (2, at(10, 5))
    with time_machine.travel(at(10, 5), tick=False):
        assert send_cron() == "sent: 0, to retry: 0, failed: 1"
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 3
    with time_machine.travel(at(18), tick=False):
        assert send_cron() == "sent: 0, to retry: 0, failed: 0"
    assert len(calls) == 3


def test_a_retry_that_falls_in_the_quiet_hours_waits_for_their_end(
    handler, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        sms_backends.LocmemBackend,
        "send_messages",
        lambda self, m: (_ for _ in ()).throw(sms_backends.SmsError("down")),
    )
    with committed_at(at(21, 59, second=30), django_capture_on_commit_callbacks):
        notify([handler], title="已交办")
    assert OutgoingMessage.objects.get(channel="sms").next_try == at(7, day=28)


def test_backoff_grows_and_is_capped():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 4, 16, 64]
    assert backoff(20) == datetime.timedelta(days=1)


def test_channels_follow_each_users_choice_per_kind(cast, django_capture_on_commit_callbacks):
    staff, deputy, leader = cast["staff"], cast["deputy"], cast["leader"]
    for user in (staff, deputy, leader):
        user.email, user.phone = f"{user.username}@example.cn", "13700001234"
        user.save()
    # No choice made: e-mail, no SMS. The deputy: SMS for deadlines only, no e-mail.
    NotificationPreference.objects.create(user=deputy, email_kinds=[], sms_kinds=["deadline"])
    # The leader asked for SMS but has a landline: no SMS.
    leader.phone = "0354-1234567"
    leader.save()
    NotificationPreference.objects.create(user=leader, email_kinds=[], sms_kinds=["case"])
    with committed_at(at(10), django_capture_on_commit_callbacks):
        notify([staff, deputy, leader], title="案件")
        notify([staff, deputy, leader], title="期限", kind="deadline")
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("staff@example.cn", "期限"),
        ("staff@example.cn", "案件"),
    ]
    assert [(p, t[-2:]) for p, t in sent_sms()] == [("13700001234", "期限")]


def test_sms_to_public_needs_a_mobile_number(db):
    assert sms_to_public(key="opinion:9:receipt", phone="0354-1234567", text="x") is False
    assert not OutgoingMessage.objects.exists()
