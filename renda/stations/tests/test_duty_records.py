"""Duty records (履职信息): uploaded by a deputy or a station with photos checked for type,
size and number; who reads them; the API with multipart uploads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import renda.suggestions.tests.test_api as suggestions_api
from renda.core.tests.images import JPG, PNG
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.stations import actions as A
from renda.stations.models import DutyPhoto, DutyRecord

from .conftest import D, on


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(name="现场.jpg", content=JPG):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def upload(cast, who="deputy", photos=(), **kw):
    kw.setdefault("date", D(2024, 5, 6))
    kw.setdefault("title", "走访锦纶社区")
    kw.setdefault("text", "走访社区了解老旧小区改造进展，收集意见5条。")
    with on(D(2024, 5, 7)):
        return A.duty_record_upload(actor=cast[who], photos=list(photos), **kw)


def test_a_deputy_uploads_a_record_with_photos(cast, org):
    record = upload(cast, photos=[photo(), photo("会场.png", PNG)])
    assert record.deputy == org["deputy"] and record.station is None
    assert [(p.name, p.content_type) for p in record.photos.all()] == [
        ("现场.jpg", "image/jpeg"),
        ("会场.png", "image/png"),
    ]


def test_a_station_uploads_a_record_of_its_own(cast, org):
    record = upload(cast, "station")
    assert record.station == org["station"] and record.deputy is None


@pytest.mark.parametrize("who", ["staff", "leader", "handler"])
def test_other_roles_do_not_upload_duty_records(cast, who):
    with pytest.raises(ActionForbidden):
        upload(cast, who)


@pytest.mark.parametrize(
    "bad",
    [
        photo("说明.pdf", b"%PDF-1.4"),
        photo("假照片.jpg", b"GIF89a" + b"\x00" * 20),
        photo("空.jpg", b""),
        photo("巨大.jpg", JPG + b"\x00" * (5 * 1024 * 1024)),
    ],
)
def test_photos_are_checked_for_type_and_size(cast, bad):
    with pytest.raises(ActionInvalid) as info:
        upload(cast, photos=[bad])
    assert info.value.field == "photos"
    assert not DutyRecord.objects.exists() and not DutyPhoto.objects.exists()


def test_at_most_nine_photos_per_record(cast):
    record = upload(cast, photos=[photo() for _ in range(8)])
    with pytest.raises(ActionInvalid):
        A.duty_photos_add(record=record, actor=cast["deputy"], photos=[photo(), photo()])
    A.duty_photos_add(record=record, actor=cast["deputy"], photos=[photo()])
    assert record.photos.count() == 9


def test_only_the_uploader_adds_photos(cast):
    record = upload(cast)
    with pytest.raises(ActionForbidden):
        A.duty_photos_add(record=record, actor=cast["deputy2"], photos=[photo()])


def caller(cast, who):
    return suggestions_api.Caller(cast[who])


def test_the_api_takes_a_multipart_upload(cast):
    api = caller(cast, "deputy")
    r = api.client.post(
        "/api/v1/duty-records",
        {
            "date": "2024-05-06",
            "title": "参加视察",
            "text": "参加市人大组织的视察。",
            "photos": [photo(), photo("b.png", PNG)],
        },
        headers=api.headers,
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert [p["name"] for p in body["photos"]] == ["现场.jpg", "b.png"]

    got = api.client.get(
        f"/api/v1/duty-records/{body['id']}/photos/{body['photos'][1]['id']}", headers=api.headers
    )
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    other = caller(cast, "deputy2")
    assert other.get(f"/duty-records/{body['id']}").status_code == 404
    assert (
        other.client.get(
            f"/api/v1/duty-records/{body['id']}/photos/{body['photos'][1]['id']}",
            headers=other.headers,
        ).status_code
        == 404
    )


def test_the_api_refuses_a_file_that_is_no_photo(cast):
    api = caller(cast, "deputy")
    r = api.client.post(
        "/api/v1/duty-records",
        {"date": "2024-05-06", "title": "x", "text": "y", "photos": [photo("a.exe", b"MZ")]},
        headers=api.headers,
    )
    assert r.status_code == 422 and r.json()["field"] == "photos"


@pytest.mark.parametrize(
    "who, sees",
    [
        ("staff", 2),
        ("leader", 2),
        ("deputy", 1),
        ("station", 2),
        ("other_station", 0),
        ("handler", 0),
    ],
)
def test_who_reads_which_records(cast, who, sees):
    upload(cast)
    upload(cast, "station")
    assert caller(cast, who).get("/duty-records").json()["count"] == sees


def test_the_record_list_costs_the_same_for_two_or_twenty(cast, django_assert_max_num_queries):
    staff = caller(cast, "staff")
    for _ in range(2):
        upload(cast, photos=[photo()])
    with django_assert_max_num_queries(7):
        assert staff.get("/duty-records").json()["count"] == 2
    for _ in range(18):
        upload(cast, "station", photos=[photo()])
    with django_assert_max_num_queries(7):
        assert staff.get("/duty-records").json()["count"] == 20
