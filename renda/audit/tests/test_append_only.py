"""The audit trail is append-only: no change or deletion, one by one or in bulk; only the
purge command removes records, and only those older than the retention period."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from renda.audit.models import AppendOnlyError, Kind, Record
from renda.audit.records import record

pytestmark = pytest.mark.django_db


def test_a_record_cannot_be_changed_or_deleted():
    r = record(Kind.LOGIN, username="someone")
    r.username = "someone else"
    with pytest.raises(AppendOnlyError):
        r.save()
    with pytest.raises(AppendOnlyError):
        r.delete()
    assert Record.objects.get(pk=r.pk).username == "someone"


def test_records_cannot_be_changed_or_deleted_in_bulk():
    record(Kind.LOGIN, username="a")
    record(Kind.LOGOUT, username="a")
    with pytest.raises(AppendOnlyError):
        Record.objects.filter(username="a").update(username="b")
    with pytest.raises(AppendOnlyError):
        Record.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Record.objects.filter(kind=Kind.LOGIN).delete()
    assert Record.objects.filter(username="a").count() == 2


def test_purge_removes_only_records_older_than_the_retention(settings):
    settings.AUDIT_RETENTION_DAYS = 183
    with time_machine.travel(timezone.now() - datetime.timedelta(days=200)):
        old = record(Kind.LOGIN, username="old")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=180)):
        young = record(Kind.LOGIN, username="young")
    call_command("audit_purge", verbosity=0)
    assert Record.objects.filter(pk=young.pk).exists()
    assert not Record.objects.filter(pk=old.pk).exists()


def test_purge_refuses_a_shorter_period_than_the_setting(settings):
    settings.AUDIT_RETENTION_DAYS = 183
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        last_month = record(Kind.LOGIN, username="last month")
    with pytest.raises(CommandError):
        call_command("audit_purge", "--days", "10", verbosity=0)
    assert Record.objects.filter(pk=last_month.pk).exists()


def test_retention_under_six_months_is_refused_at_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from renda.env import env_int

    monkeypatch.setenv("AUDIT_RETENTION_DAYS", "90")
    with pytest.raises(ImproperlyConfigured):
        env_int("AUDIT_RETENTION_DAYS", 366, minimum=183)


def test_the_admin_offers_no_way_to_the_records():
    from django.contrib import admin

    assert Record not in admin.site._registry
