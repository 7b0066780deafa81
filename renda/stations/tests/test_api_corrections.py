"""Corrections through the API: PATCH applies at once (200) or asks staff after the window
(202); staff decide and delete; bad fields are 422 naming them; the list is staff's."""

from __future__ import annotations

import json

import pytest

import renda.suggestions.tests.test_api as suggestions_api
from renda.stations.models import Activity, Correction, DutyRecord

from .conftest import D, on
from .work import log, upload

WITHIN = D(2025, 1, 3)
AFTER = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def caller(cast, who):
    return suggestions_api.Caller(cast[who])


def patch(api, path, payload):
    return api.client.patch(
        suggestions_api.API + path,
        json.dumps(payload),
        content_type="application/json",
        headers=api.headers,
    )


def test_patch_within_the_window_corrects_the_activity(cast, org):
    activity = log(cast, org)
    with on(WITHIN):
        r = patch(
            caller(cast, "station"), f"/activities/{activity.pk}", {"constituents_received": 9}
        )
    assert r.status_code == 200, r.content
    assert r.json()["constituents_received"] == 9


def test_patch_after_the_window_asks_staff_who_decide(cast, org):
    activity = log(cast, org)
    station, staff = caller(cast, "station"), caller(cast, "staff")
    with on(AFTER):
        r = patch(station, f"/activities/{activity.pk}", {"title": "集中学习"})
        assert r.status_code == 422 and "reason" in r.content.decode()
        r = patch(station, f"/activities/{activity.pk}", {"title": "集中学习", "reason": "录错"})
        assert r.status_code == 202, r.content
        asked = r.json()
        assert asked["state"] == "pending" and asked["changes"] == {"title": "集中学习"}
        assert station.get("/station-corrections").status_code == 403
        listed = staff.get("/station-corrections").json()
        assert [c["id"] for c in listed["items"]] == [asked["id"]]
        r = staff.post(f"/station-corrections/{asked['id']}/decide", {"approve": True})
    assert r.status_code == 200 and r.json()["state"] == "approved"
    assert Activity.objects.get(pk=activity.pk).title == "集中学习"


def test_a_bad_field_is_422_and_changes_nothing(cast, org):
    activity = log(cast, org)
    with on(WITHIN):
        r = patch(caller(cast, "station"), f"/activities/{activity.pk}", {"date": "2099-01-01"})
    assert r.status_code == 422
    assert Activity.objects.get(pk=activity.pk).date == D(2024, 3, 15)


def test_others_are_refused_and_unseen_records_are_404(cast, org):
    activity = log(cast, org)
    with on(WITHIN):
        assert (
            patch(caller(cast, "deputy"), f"/activities/{activity.pk}", {"title": "x"}).status_code
            == 403
        )
        assert (
            patch(
                caller(cast, "other_station"), f"/activities/{activity.pk}", {"title": "x"}
            ).status_code
            == 404
        )


def test_staff_delete_records_through_the_api(cast, org):
    activity = log(cast, org)
    record = upload(cast)
    assert (
        caller(cast, "station")
        .post(f"/activities/{activity.pk}/delete", {"reason": "重复"})
        .status_code
        == 403
    )
    staff = caller(cast, "staff")
    assert staff.post(f"/activities/{activity.pk}/delete", {"reason": "重复"}).status_code == 204
    assert staff.post(f"/duty-records/{record.pk}/delete", {"reason": "误传"}).status_code == 204
    assert not Activity.objects.exists() and not DutyRecord.objects.exists()


def test_a_duty_record_text_is_corrected_by_its_author(cast):
    record = upload(cast)
    with on(WITHIN):
        r = patch(caller(cast, "deputy"), f"/duty-records/{record.pk}", {"text": "改正后的内容。"})
    assert r.status_code == 200, r.content
    assert DutyRecord.objects.get().text == "改正后的内容。"
    assert not Correction.objects.exists()
