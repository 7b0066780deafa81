"""Correcting an activity or a duty record typed wrong (更正): who recorded it, within the
window, at once; after it, staff decide; staff correct and delete; every correction leaves an
event with before and after, and the figures and performance records follow."""

from __future__ import annotations

import pytest

from renda.core.models import Event
from renda.core.stats import compute
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.stations import corrections as C
from renda.stations.models import Activity, Correction, DutyPhoto, DutyRecord

from .conftest import D, on
from .work import log, photo, upload

WITHIN = D(2025, 1, 3)  # recorded on 2024-12-31: the 7-day window is open
AFTER = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def events(record, action):
    return list(Event.objects.filter(object_id=record.pk, action=action).order_by("id"))


def test_who_recorded_it_corrects_within_the_window_and_the_event_has_before_and_after(
    cast, org, congress
):
    activity = log(cast, org)
    assert compute(congress, 2024)["constituents_received"] == 12
    with on(WITHIN):
        C.record_correct(
            record=activity,
            actor=cast["station"],
            changes={"constituents_received": 21, "deputies": [org["deputy"].pk]},
        )
    activity.refresh_from_db()
    assert activity.constituents_received == 21
    assert list(activity.attendances.values_list("deputy_id", flat=True)) == [org["deputy"].pk]
    (event,) = events(activity, "correct")
    assert event.data["before"] == {
        "constituents_received": 12,
        "deputies": sorted([org["deputy"].pk, org["deputy2"].pk]),
    }
    assert event.data["after"] == {"constituents_received": 21, "deputies": [org["deputy"].pk]}
    figures = compute(congress, 2024)
    assert figures["constituents_received"] == 21 and figures["deputy_attendances"] == 1


def test_the_performance_record_follows_a_correction(cast, org):
    from renda.performance.record import record_for

    activity = log(cast, org)

    def activities_of(deputy):
        return sum(
            1
            for item in record_for(deputy, 2024).items
            if item.source == "stations.activity" and item.pk == activity.pk
        )

    before = activities_of(org["deputy2"])
    assert before == 1
    with on(WITHIN):
        C.record_correct(
            record=activity, actor=cast["staff"], changes={"deputies": [org["deputy"].pk]}
        )
    assert activities_of(org["deputy2"]) == before - 1


def test_after_the_window_a_correction_waits_for_staff_and_is_applied_when_approved(cast, org):
    activity = log(cast, org)
    with on(AFTER):
        with pytest.raises(ActionInvalid) as refused:
            C.record_correct(record=activity, actor=cast["station"], changes={"title": "学习"})
        assert refused.value.field == "reason"
        asked = C.record_correct(
            record=activity,
            actor=cast["station"],
            changes={"title": "集中学习"},
            reason="活动类型录错",
        )
        assert isinstance(asked, Correction) and asked.state == "pending"
        with pytest.raises(ActionConflict):
            C.record_correct(
                record=activity, actor=cast["station"], changes={"title": "别的"}, reason="再改"
            )
        assert Activity.objects.get(pk=activity.pk).title == "代表接待选民日"  # not yet
        with pytest.raises(ActionForbidden):
            C.correction_decide(correction=asked, actor=cast["station"], approve=True)
        C.correction_decide(correction=asked, actor=cast["staff"], approve=True)
        with pytest.raises(ActionConflict):
            C.correction_decide(correction=asked, actor=cast["staff"], approve=True)
    assert Activity.objects.get(pk=activity.pk).title == "集中学习"
    (event,) = events(activity, "correct")
    assert event.data["asked_by"] == cast["station"].pk and event.actor == cast["staff"]


def test_a_refused_correction_changes_nothing_and_needs_a_note(cast, org):
    activity = log(cast, org)
    with on(AFTER):
        asked = C.record_correct(
            record=activity, actor=cast["station"], changes={"title": "集中学习"}, reason="录错"
        )
        with pytest.raises(ActionInvalid):
            C.correction_decide(correction=asked, actor=cast["staff"], approve=False)
        C.correction_decide(correction=asked, actor=cast["staff"], approve=False, note="属实")
    assert Activity.objects.get(pk=activity.pk).title == "代表接待选民日"
    assert len(events(activity, "correction_refused")) == 1


@pytest.mark.parametrize("who", ["other_station", "deputy", "handler", "leader", "stranger"])
def test_nobody_else_corrects(cast, org, who):
    activity = log(cast, org)
    with on(WITHIN), pytest.raises(ActionForbidden):
        C.record_correct(record=activity, actor=cast[who], changes={"title": "改"}, reason="x")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "2099-01-01"}, "date"),
        ({"date": "not a date"}, "date"),
        ({"kind": "party"}, "kind"),
        ({"title": "  "}, "title"),
        ({"constituents_received": -1}, "constituents_received"),
        ({"deputies": [999999]}, "deputies"),
        ({"station": 1}, "station"),
        ({"title": "代表接待选民日"}, "title"),  # nothing changed
    ],
)
def test_bad_corrections_are_refused_beside_their_field_and_change_nothing(
    cast, org, changes, field
):
    activity = log(cast, org)
    with on(WITHIN), pytest.raises(ActionInvalid) as refused:
        C.record_correct(record=activity, actor=cast["station"], changes=changes)
    assert refused.value.field == field
    assert not events(activity, "correct")


def test_a_duty_record_is_corrected_and_a_photo_removed(cast):
    record = upload(cast, photos=[photo("错的.jpg"), photo("对的.jpg")])
    wrong = record.photos.get(name="错的.jpg")
    with on(WITHIN):
        C.record_correct(
            record=record,
            actor=cast["deputy"],
            changes={"text": "走访社区，收集意见6条。", "remove_photos": [wrong.pk]},
        )
    record.refresh_from_db()
    assert record.text == "走访社区，收集意见6条。"
    assert [p.name for p in record.photos.all()] == ["对的.jpg"]
    (event,) = events(record, "correct")
    assert event.data["after"]["remove_photos"] == ["错的.jpg"]


def test_staff_delete_a_record_entered_in_error_and_its_event_keeps_what_it_held(
    cast, org, congress
):
    activity = log(cast, org)
    with pytest.raises(ActionForbidden):
        C.record_delete(record=activity, actor=cast["station"], reason="重复录入")
    with pytest.raises(ActionInvalid):
        C.record_delete(record=activity, actor=cast["staff"], reason="")
    C.record_delete(record=activity, actor=cast["staff"], reason="重复录入")
    assert not Activity.objects.filter(pk=activity.pk).exists()
    (event,) = Event.objects.filter(action="delete", object_id=activity.pk)
    assert event.data["held"]["constituents_received"] == 12
    assert event.data["reason"] == "重复录入"
    assert compute(congress, 2024)["station_activities"] == 0


def test_deleting_a_duty_record_removes_its_photos(cast, django_capture_on_commit_callbacks):
    record = upload(cast, photos=[photo()])
    stored = DutyPhoto.objects.get(record=record).file
    storage, name = stored.storage, stored.name
    with django_capture_on_commit_callbacks(execute=True):
        C.record_delete(record=record, actor=cast["staff"], reason="误传")
    assert not DutyRecord.objects.exists()
    assert not storage.exists(name)
