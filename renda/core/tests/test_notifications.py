"""In-app notifications, their e-mails, and their read state."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction

from renda.core import notifications
from renda.core.models import Notification
from renda.core.notifications import mark_read, notify, notify_after_commit, unread_count

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def handler(cast):
    user = cast["handler"]
    user.email = "handler@jt.jz.gov.cn"
    user.save()
    return user


@time_machine.travel(datetime.datetime(2024, 9, 27, 10, tzinfo=SHANGHAI), tick=False)
def test_notify_stores_one_per_user_and_emails_those_with_an_address(
    cast, handler, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://renda.example.cn"
    with django_capture_on_commit_callbacks(execute=True):  # e-mail goes after the commit
        rows = notify(
            [handler, cast["staff"], handler, None],
            title="新交办建议",
            body="请在三个月内答复。",
            url="/suggestions/7/",
        )
    assert len(rows) == 2
    assert sorted(n.recipient.username for n in Notification.objects.all()) == [
        "handler",
        "staff",
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["handler@jt.jz.gov.cn"]
    assert message.subject == "新交办建议"
    assert "https://renda.example.cn/suggestions/7/" in message.body
    emailed = {n.recipient.username: n.emailed_at for n in Notification.objects.all()}
    assert emailed["handler"] is not None
    assert emailed["staff"] is None


def test_inactive_users_are_not_notified(cast):
    cast["staff"].is_active = False
    cast["staff"].save()
    assert notify([cast["staff"]], title="x") == []
    assert not Notification.objects.exists()


@time_machine.travel(datetime.datetime(2024, 9, 27, 10, tzinfo=SHANGHAI), tick=False)
def test_mail_failure_does_not_lose_the_in_app_notification(
    handler, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify([handler], title="新交办建议")
    assert len(rows) == 1
    stored = Notification.objects.get()
    assert stored.recipient == handler
    assert stored.emailed_at is None
    assert unread_count(handler) == 1
    assert "failed" in caplog.text


def test_notify_after_commit_waits_for_the_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_after_commit([cast["staff"]], title="已交办")
        assert not Notification.objects.exists()
    assert Notification.objects.get().title == "已交办"


def test_notify_after_commit_sends_nothing_when_rolled_back(
    cast, handler, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify_after_commit([cast["staff"], handler], title="已交办")
        raise RuntimeError("the action failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_unread_count_and_mark_read_only_touch_ones_own(cast):
    staff, deputy = cast["staff"], cast["deputy"]
    a, b, c = (notify([staff], title=t)[0] for t in ("一", "二", "三"))
    notify([deputy], title="代表的")
    assert unread_count(staff) == 3
    assert mark_read(staff, [a.pk]) == 1
    assert unread_count(staff) == 2
    # Someone else's notification id is ignored.
    other = Notification.objects.get(recipient=deputy)
    assert mark_read(staff, [other.pk, b.pk]) == 1
    assert unread_count(deputy) == 1
    assert mark_read(staff) == 1  # the rest (c)
    assert mark_read(staff) == 0
    assert unread_count(staff) == 0
    c.refresh_from_db()
    assert c.read_at is not None


def test_a_failing_notification_after_commit_is_logged_not_raised(
    cast, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone away")

    monkeypatch.setattr(notifications, "notify", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify_after_commit([cast["staff"]], title="已交办")
    assert "database gone away" in caplog.text
