"""A user's own notification settings: channels per kind, the mobile number SMS needs, quiet
hours; errors beside the field and nothing saved; the change is in the audit trail."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from renda.audit.models import Kind, Record
from renda.core.models import NotificationPreference

pytestmark = pytest.mark.django_db
URL = reverse("accounts:notification_settings")


def errors_of(response, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def checked(html: str, name: str) -> bool:
    return bool(re.search(rf'<input[^>]*name="{name}"[^>]*\bchecked\b', html))


def test_the_page_shows_the_defaults_email_yes_sms_no(client, cast):
    client.force_login(cast["handler"])
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert checked(html, "email_case") and checked(html, "email_deadline")
    assert 'name="sms_case"' in html and not checked(html, "sms_case")
    assert 'value="22:00"' in html and 'value="07:00"' in html
    assert "data-no-email" in html  # the cast has no e-mail address


def test_the_notifications_page_links_to_the_settings(client, cast):
    client.force_login(cast["deputy"])
    assert URL in client.get(reverse("core:notifications")).content.decode()


def test_anonymous_is_sent_to_login(client):
    r = client.get(URL)
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]


def test_sms_without_a_mobile_number_is_refused_beside_the_phone(client, cast):
    client.force_login(cast["handler"])
    client.cookies["django_language"] = "en"  # the messages as the action wrote them
    with translation.override("en"):
        r = client.post(URL, {"sms_case": "on", "phone": "", "quiet_start": "22:00"})
        assert r.status_code == 422
        assert errors_of(r, "phone") == ["Give your mobile number to receive text messages."]
        assert 'id="id_phone_errors"' in r.content.decode()
        # What was typed stays.
        assert checked(r.content.decode(), "sms_case")
        r = client.post(URL, {"sms_case": "on", "phone": "0354-1234567"})
        assert errors_of(r, "phone") == ["Enter a mobile number of 11 digits."]
    assert not NotificationPreference.objects.exists()
    assert not Record.objects.filter(kind=Kind.SETTINGS_CHANGE).exists()


def test_half_quiet_hours_are_refused_beside_the_missing_time(client, cast):
    client.force_login(cast["handler"])
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        r = client.post(URL, {"email_case": "on", "quiet_start": "22:00", "quiet_end": ""})
        assert r.status_code == 422
        assert errors_of(r, "quiet_end") == ["Give both times, or neither for no quiet hours."]
        r = client.post(URL, {"quiet_start": "25:00", "quiet_end": "07:00"})
        assert r.status_code == 422 and errors_of(r, "quiet_start")
    assert not NotificationPreference.objects.exists()


def test_saving_keeps_channels_phone_and_quiet_hours_and_is_audited(client, cast):
    handler = cast["handler"]
    client.force_login(handler)
    r = client.post(
        URL,
        {
            "email_deadline": "on",
            "sms_case": "on",
            "sms_deadline": "on",
            "phone": "+86 138 1234 5678",
            "quiet_start": "21:30",
            "quiet_end": "08:00",
        },
    )
    assert r.status_code == 302 and r["Location"] == URL
    pref = NotificationPreference.objects.get(user=handler)
    assert pref.email_kinds == ["deadline"]
    assert pref.sms_kinds == ["case", "deadline"]
    assert (pref.quiet_start, pref.quiet_end) == (datetime.time(21, 30), datetime.time(8))
    handler.refresh_from_db()
    assert handler.phone == "13812345678"
    record = Record.objects.get(kind=Kind.SETTINGS_CHANGE)
    assert record.actor == handler and "phone" in record.data["changed"]
    # The page shows what was saved; no quiet hours at all is a choice too.
    html = client.get(URL).content.decode()
    assert 'value="21:30"' in html and 'value="13812345678"' in html
    client.post(URL, {"email_case": "on", "phone": "13812345678"})
    pref.refresh_from_db()
    assert (pref.quiet_start, pref.quiet_end) == (None, None)
    assert pref.email_kinds == ["case"] and pref.sms_kinds == []


def test_one_user_cannot_touch_anothers_settings(client, cast):
    NotificationPreference.objects.create(user=cast["deputy"], sms_kinds=["case"])
    client.force_login(cast["handler"])
    client.post(URL, {"email_case": "on"})
    assert NotificationPreference.objects.get(user=cast["deputy"]).sms_kinds == ["case"]
    assert NotificationPreference.objects.get(user=cast["handler"]).email_kinds == ["case"]
