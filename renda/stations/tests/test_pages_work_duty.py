"""Duty record pages: deputies and operators upload records with photos (errors beside the
photo field, nothing stored), each role's list and export, and photos served only to whoever
may see the record, never from a media URL."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from renda.core.tests.images import JPG, PNG
from renda.stations.models import DutyPhoto, DutyRecord

from .work import many_records, photo, sheet_rows, upload

LIST = "stations:duty_list"
UPLOAD = "stations:duty_upload"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def titles(response) -> list[str]:
    return [r.title for r in response.context["page_obj"].object_list]


def post_upload(client, photos=(), **data):
    data.setdefault("date", "2024-05-06")
    data.setdefault("title", "走访锦纶社区")
    data.setdefault("text", "走访社区了解老旧小区改造进展。")
    data["photos"] = list(photos)
    return client.post(reverse(UPLOAD), data)


# --- uploading ---------------------------------------------------------------------------------


def test_a_deputy_uploads_a_record_with_several_photos(client, cast, org):
    client.force_login(cast["deputy"])
    response = post_upload(client, [photo(), photo("会场.png", PNG)])
    record = DutyRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:duty_detail", args=[record.pk])
    assert record.deputy == org["deputy"] and record.station is None
    assert [p.name for p in record.photos.all()] == ["现场.jpg", "会场.png"]


def test_an_operator_uploads_a_record_of_the_station(client, cast, org):
    client.force_login(cast["station"])
    post_upload(client)
    assert DutyRecord.objects.get().station == org["station"]


@pytest.mark.parametrize(
    "photos",
    [
        [photo("说明.pdf", b"%PDF-1.4")],  # not a photo
        [photo("假的.jpg", b"GIF89a" + b"\x00" * 20)],  # not what its name says
        [photo() for _ in range(10)],  # too many
    ],
)
def test_a_bad_photo_shows_beside_the_photo_field_and_nothing_is_stored(client, cast, photos):
    client.force_login(cast["deputy"])
    response = post_upload(client, photos)
    assert response.status_code == 200
    assert "photos" in response.context["form"].errors
    html = response.content.decode()
    assert 'id="id_photos"' in html and "field-errors" in html
    assert not DutyRecord.objects.exists() and not DutyPhoto.objects.exists()


def test_a_photo_too_large_is_refused(client, cast, settings):
    from renda.stations import actions as A

    client.force_login(cast["deputy"])
    big = photo(content=JPG + b"\x00" * A.MAX_PHOTO_BYTES)
    response = post_upload(client, [big])
    assert "photos" in response.context["form"].errors and not DutyRecord.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [({"date": "2099-01-01"}, "date"), ({"title": " "}, "title"), ({"text": ""}, "text")],
)
def test_missing_or_bad_fields_show_beside_them(client, cast, data, field):
    client.force_login(cast["deputy"])
    response = post_upload(client, **data)
    assert field in response.context["form"].errors and not DutyRecord.objects.exists()


@pytest.mark.parametrize("who", ["staff", "leader", "handler"])
def test_others_do_not_upload(client, cast, who):
    client.force_login(cast[who])
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert post_upload(client).status_code == 403
    assert not DutyRecord.objects.exists()


# --- lists and pages ---------------------------------------------------------------------------


@pytest.fixture
def records(cast, org):
    org["deputy2"].station = org["other_station"]
    org["deputy2"].save()
    return {
        "mine": upload(cast, "deputy", photos=[photo()], title="李秀兰走访"),
        "theirs": upload(cast, "deputy2", title="王建国调研"),
        "station": upload(cast, "station", title="锦纶站接待"),
        "other_station": upload(cast, "other_station", title="郭家堡站学习"),
    }


@pytest.mark.parametrize(
    "who, expected",
    [
        ("deputy", {"李秀兰走访"}),
        ("deputy2", {"王建国调研"}),
        ("station", {"李秀兰走访", "锦纶站接待"}),  # the station's and its deputies'
        ("other_station", {"王建国调研", "郭家堡站学习"}),
        ("staff", {"李秀兰走访", "王建国调研", "锦纶站接待", "郭家堡站学习"}),
        ("leader", {"李秀兰走访", "王建国调研", "锦纶站接待", "郭家堡站学习"}),
    ],
)
def test_each_role_lists_the_records_it_may_see(client, cast, records, who, expected):
    client.force_login(cast[who])
    response = client.get(reverse(LIST))
    assert response.status_code == 200 and set(titles(response)) == expected


def test_the_handler_has_no_duty_records(client, cast, records):
    client.force_login(cast["handler"])
    assert client.get(reverse(LIST)).status_code == 403


def test_staff_filter_records(client, cast, org, records):
    client.force_login(cast["staff"])
    url = reverse(LIST)
    assert set(titles(client.get(url, {"station": org["station"].pk}))) == {
        "李秀兰走访",
        "锦纶站接待",
    }
    assert titles(client.get(url, {"deputy": org["deputy2"].pk})) == ["王建国调研"]
    assert set(titles(client.get(url, {"author": "station"}))) == {"锦纶站接待", "郭家堡站学习"}
    assert titles(client.get(url, {"q": "调研"})) == ["王建国调研"]
    assert len(titles(client.get(url, {"year": "2024"}))) == 4
    # A year without records is not a choice: the error shows beside it and it is ignored.
    assert "year" in client.get(url, {"year": "2023"}).context["form"].errors


@pytest.mark.parametrize(
    "who, name, status",
    [
        ("deputy", "mine", 200),
        ("station", "mine", 200),
        ("staff", "mine", 200),
        ("leader", "mine", 200),
        ("deputy2", "mine", 404),
        ("other_station", "mine", 404),
        ("stranger", "mine", 404),
        ("station", "other_station", 404),
        ("handler", "mine", 404),  # as to any role not its reader (issue 15)
    ],
)
def test_who_may_open_a_record(client, cast, records, who, name, status):
    client.force_login(cast[who])
    url = reverse("stations:duty_detail", args=[records[name].pk])
    assert client.get(url).status_code == status


def test_a_records_page_shows_thumbnails_through_the_checked_view(client, cast, records):
    record = records["mine"]
    client.force_login(cast["station"])
    html = client.get(reverse("stations:duty_detail", args=[record.pk])).content.decode()
    p = record.photos.get()
    assert reverse("stations:duty_photo", args=[record.pk, p.pk]) in html
    assert "/media/" not in html and p.file.name not in html
    assert "add_photos" not in html and 'name="photos"' not in html  # not the uploader


# --- photos ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        ("deputy", 200),
        ("station", 200),
        ("staff", 200),
        ("leader", 200),
        ("deputy2", 404),
        ("other_station", 404),
        ("stranger", 404),
        ("handler", 404),
    ],
)
def test_a_photo_is_served_only_to_who_may_see_the_record(client, cast, records, who, status):
    record = records["mine"]
    p = record.photos.get()
    client.force_login(cast[who])
    response = client.get(reverse("stations:duty_photo", args=[record.pk, p.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content) == p.file.read()  # the re-encoded photo
        assert response["Content-Disposition"].startswith("inline;")


def test_a_visitor_gets_no_photo(client, records):
    record = records["mine"]
    p = record.photos.get()
    response = client.get(reverse("stations:duty_photo", args=[record.pk, p.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_photo_of_another_record_is_not_found_through_this_one(client, cast, records):
    other = upload(cast, "deputy", photos=[photo()], title="另一条")
    client.force_login(cast["deputy"])
    url = reverse("stations:duty_photo", args=[records["mine"].pk, other.photos.get().pk])
    assert client.get(url).status_code == 404


def test_a_missing_file_is_not_found_rather_than_an_error(client, cast, records):
    p = records["mine"].photos.get()
    p.file.delete(save=False)
    client.force_login(cast["deputy"])
    url = reverse("stations:duty_photo", args=[records["mine"].pk, p.pk])
    assert client.get(url).status_code == 404


def test_the_uploader_adds_photos_and_errors_show_beside_the_field(client, cast, records):
    record = records["mine"]
    url = reverse("stations:duty_photos_add", args=[record.pk])
    client.force_login(cast["deputy"])
    response = client.post(url, {"photos": [photo("假.png", b"nope")]})
    assert response.status_code == 200
    assert "photos" in response.context["photo_form"].errors
    assert record.photos.count() == 1
    empty = client.post(url, {})
    assert "photos" in empty.context["photo_form"].errors
    response = client.post(url, {"photos": [photo("二.jpg"), photo("三.png", PNG)]})
    assert response.status_code == 302 and record.photos.count() == 3


@pytest.mark.parametrize("who, status", [("station", 403), ("deputy2", 404), ("staff", 403)])
def test_only_the_uploader_adds_photos(client, cast, records, who, status):
    record = records["mine"]
    client.force_login(cast[who])
    url = reverse("stations:duty_photos_add", args=[record.pk])
    assert client.post(url, {"photos": [photo()]}).status_code == status
    assert record.photos.count() == 1


# --- export and query counts -------------------------------------------------------------------


def test_the_export_lists_the_filtered_records(client, cast, records):
    client.force_login(cast["station"])
    response = client.get(reverse("stations:duty_export"))
    assert response.status_code == 200
    rows = sheet_rows(response)[3:]
    by_title = {r[3]: r for r in rows}
    assert set(by_title) == {"李秀兰走访", "锦纶站接待"}
    assert by_title["李秀兰走访"][1] == "李秀兰" and by_title["李秀兰走访"][5] == 1
    assert by_title["锦纶站接待"][2] == "锦纶街道人大代表联络站"
    staff = client
    staff.force_login(cast["staff"])
    rows = sheet_rows(client.get(reverse("stations:duty_export"), {"author": "deputy"}))[3:]
    assert {r[3] for r in rows} == {"李秀兰走访", "王建国调研"}


@pytest.mark.parametrize("who, cap", [("deputy", 11), ("station", 12), ("staff", 13)])
def test_list_query_count_does_not_grow_with_rows(
    client, cast, org, django_assert_max_num_queries, who, cap
):
    client.force_login(cast[who])
    for more in (1, 60):
        many_records(cast, more)
        with django_assert_max_num_queries(cap):
            response = client.get(reverse(LIST))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50


def test_a_records_page_query_count_does_not_grow_with_photos(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast["deputy"])
    for n in (1, 9):
        record = upload(cast, "deputy", photos=[photo() for _ in range(n)])
        with django_assert_max_num_queries(10):
            response = client.get(reverse("stations:duty_detail", args=[record.pk]))
        assert len(response.context["photos"]) == n


@pytest.mark.parametrize("who", ["staff", "station", "deputy"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rows_written_in_python_are_the_templates_rows(client, cast, records, who, language):
    """stations/rows.py duty_rows_html() writes what duty_list.html's row wrote (the old row
    kept in duty_rows_before.html), for each role's columns, with the page's columns only."""
    from pathlib import Path

    from django.template import Context, Template
    from django.utils import translation

    records["theirs"].title = "<调研> & 座谈"  # escaped as the template escaped it
    records["theirs"].save()
    client.force_login(cast[who])
    with translation.override(language):
        response = client.get(reverse(LIST), HTTP_ACCEPT_LANGUAGE=language)
        page = response.context["page_obj"]
        before = (Path(__file__).parent / "duty_rows_before.html").read_text()
        expected = Template(before).render(
            Context(
                {
                    "page_obj": page,
                    "show_author": response.context["show_author"],
                    "show_deputy_station": response.context["show_deputy_station"],
                }
            )
        )
    assert "".join(response.context["rows"]) == expected
    assert expected in response.content.decode()


def test_the_rows_are_read_without_joining_or_grouping_and_count_their_photos(
    client, cast, records
):
    """Issue 18: the rows' query joined six tables and grouped by each to count photos, and
    PostgreSQL took longer to plan it than to run it; the photos are counted by a subquery
    and the deputies, stations and uploaders read by id beside the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    upload(cast, "deputy", photos=[photo(), photo("二.jpg"), photo("三.jpg")], title="三张照片")
    client.force_login(cast["staff"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST))
    sqls = [q["sql"] for q in queries]
    (rows_query,) = [q for q in sqls if 'FROM "stations_dutyrecord"' in q and "LIMIT" in q]
    outer = rows_query.split('AS "photo_count"')[1]  # after the photos' subquery
    assert "GROUP BY" not in outer and "JOIN" not in rows_query
    assert not [q for q in sqls if "DISTINCT" in q]  # the years: MIN and MAX
    counts = {r.title: r.photo_count for r in response.context["page_obj"]}
    assert counts == {"三张照片": 3, "李秀兰走访": 1, "王建国调研": 0} | {
        "锦纶站接待": 0,
        "郭家堡站学习": 0,
    }
    html = response.content.decode()
    assert "李秀兰" in html and "锦纶街道人大代表联络站" in html  # read by the prefetches


def test_the_years_offered_run_from_the_latest_record_to_the_earliest(client, cast, records):
    upload(cast, "deputy", title="前年", date=datetime.date(2022, 6, 1))
    client.force_login(cast["staff"])
    response = client.get(reverse(LIST))
    years = [v for v, _ in response.context["form"].fields["year"].choices if v != ""]
    assert years == [2024, 2023, 2022]
