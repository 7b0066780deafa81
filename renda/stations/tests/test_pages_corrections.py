"""Correction pages: the record's page offers to correct it (who recorded it, staff) and to
delete it (staff); the form comes filled with what was entered; errors show beside their
field and change nothing; after the window the correction goes to staff's list to decide."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.core.models import Event
from renda.stations.models import Activity, Correction, DutyRecord

from .conftest import D, on
from .work import log, photo, upload

WITHIN = D(2025, 1, 3)
AFTER = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def activity_form(activity, **changes):
    data = {
        "kind": activity.kind,
        "date": activity.date.isoformat(),
        "title": activity.title,
        "notes": activity.notes,
        "deputies": [str(pk) for pk in activity.attendances.values_list("deputy_id", flat=True)],
        "constituents_received": str(activity.constituents_received),
    }
    data.update(changes)
    return data


def test_the_operator_corrects_an_activity_from_its_page(client, cast, org):
    activity = log(cast, org)
    client.force_login(cast["station"])
    correct = reverse("stations:activity_correct", args=[activity.pk])
    with on(WITHIN):
        page = client.get(reverse("stations:activity_detail", args=[activity.pk]))
        assert correct in page.content.decode()
        form = client.get(correct)
        assert form.context["form"]["constituents_received"].value() == 12
        response = client.post(correct, activity_form(activity, constituents_received="15"))
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).constituents_received == 15
    with on(WITHIN):
        page = client.get(reverse("stations:activity_detail", args=[activity.pk]))
    assert "12 → 15" in page.content.decode()  # the timeline shows before and after


def test_a_bad_correction_shows_beside_its_field_and_changes_nothing(client, cast, org):
    activity = log(cast, org)
    client.force_login(cast["station"])
    with on(WITHIN):
        response = client.post(
            reverse("stations:activity_correct", args=[activity.pk]),
            activity_form(activity, date="2099-01-01", constituents_received="15"),
        )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert Activity.objects.get(pk=activity.pk).constituents_received == 12
    assert not Event.objects.filter(action="correct").exists()


def test_after_the_window_the_correction_needs_a_reason_and_waits_for_staff(client, cast, org):
    activity = log(cast, org)
    client.force_login(cast["station"])
    url = reverse("stations:activity_correct", args=[activity.pk])
    with on(AFTER):
        refused = client.post(url, activity_form(activity, title="集中学习"))
        assert refused.context["form"].errors["reason"]
        client.post(url, activity_form(activity, title="集中学习", reason="录错了"))
    correction = Correction.objects.get()
    assert correction.state == "pending"
    assert Activity.objects.get(pk=activity.pk).title == "代表接待选民日"

    client.force_login(cast["staff"])
    with on(AFTER):
        listing = client.get(reverse("stations:correction_list"))
        assert "集中学习" in listing.content.decode()
        client.post(
            reverse("stations:correction_decide", args=[correction.pk]),
            {f"c{correction.pk}-decision": "approve"},
        )
    assert Activity.objects.get(pk=activity.pk).title == "集中学习"


def test_staff_delete_a_record_from_its_page_and_others_may_not(client, cast, org):
    activity = log(cast, org)
    url = reverse("stations:record_delete", args=["activity", activity.pk])
    client.force_login(cast["station"])
    assert client.post(url, {"reason": "重复"}).status_code == 403
    client.force_login(cast["staff"])
    page = client.get(reverse("stations:activity_detail", args=[activity.pk]))
    assert url in page.content.decode()
    response = client.post(url, {"reason": "重复录入"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_other_users_are_not_offered_the_correction_and_are_refused(client, cast, org):
    activity = log(cast, org)
    client.force_login(cast["deputy"])  # took part, but did not record it
    page = client.get(reverse("stations:activity_detail", args=[activity.pk]))
    correct = reverse("stations:activity_correct", args=[activity.pk])
    assert correct not in page.content.decode()
    assert client.get(correct).status_code == 403
    client.force_login(cast["other_station"])
    assert client.get(correct).status_code == 404


def test_a_deputy_removes_a_wrong_photo_from_a_duty_record(client, cast):
    record = upload(cast, photos=[photo("错的.jpg"), photo("对的.jpg")])
    wrong = record.photos.get(name="错的.jpg")
    client.force_login(cast["deputy"])
    with on(WITHIN):
        response = client.post(
            reverse("stations:duty_correct", args=[record.pk]),
            {
                "date": record.date.isoformat(),
                "title": record.title,
                "text": record.text,
                "remove_photos": [str(wrong.pk)],
            },
        )
    assert response.status_code == 302
    assert [p.name for p in DutyRecord.objects.get().photos.all()] == ["对的.jpg"]


def test_the_corrections_list_has_a_fixed_number_of_queries(
    client, cast, org, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    url = reverse("stations:correction_list")

    def ask(n):
        for i in range(n):
            activity = log(cast, org, title=f"活动{i}")
            with on(AFTER):
                from renda.stations import corrections as C

                C.record_correct(
                    record=activity, actor=cast["station"], changes={"title": f"改{i}"}, reason="r"
                )

    ask(2)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    ask(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
