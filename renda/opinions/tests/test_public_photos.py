"""The public form takes up to three photos of the problem: checked by their content and size,
re-encoded without their metadata (a phone's GPS position), refused beside the photo field with
the rest of what was typed kept, and private: the staff, the station and the unit handling the
opinion see them as thumbnails on its page, the public's receipt and tracking pages never."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from renda.core.tests.images import JPG, PNG
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion, OpinionPhoto
from renda.stations.tests.test_photos_exif import assert_clean, phone_photo

SUBMIT = reverse("opinions:public_opinion_submit")
TRACK = reverse("opinions:public_opinion_track")
RECEIVED = reverse("opinions:public_opinion_submitted")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form(congress, **extra):
    return {
        "congress": congress.pk,
        "category": "roads",
        "content": "迎宾街人行道砖块松动，雨天溅水。",
        "place": "榆次区迎宾街",
        "contact_name": "周先生",
        **extra,
    }


def photo(name: str, data: bytes = JPG, kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


def test_three_photos_are_stored_clean_and_shown_only_to_who_handles_it(cast, org, congress):
    public = Client()
    r = public.post(
        SUBMIT,
        form(
            congress,
            station=org["station"].pk,
            photos=[
                photo("路面.jpg", phone_photo()),
                photo("近景.png", PNG, "image/png"),
                photo("远景.jpg"),
            ],
        ),
    )
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    rows = list(OpinionPhoto.objects.filter(opinion=opinion))
    assert len(rows) == 3
    assert_clean(rows[0].file.read())  # the GPS position and the camera are gone
    assert_clean(rows[0].thumbnail.read())

    # The public's own pages never show them.
    photo_url = reverse("opinions:opinion_photo", args=[opinion.pk, rows[0].pk])
    for page in (public.get(RECEIVED), public.get(TRACK)):
        html = page.content.decode()
        assert opinion.receipt_code in html and photo_url not in html and "data-photos" not in html
    assert public.get(photo_url).status_code == 302  # to the login page

    # The station's operator sees the thumbnails on the opinion's page and opens one.
    station = Client()
    station.force_login(cast["station"])
    page = station.get(reverse("opinions:opinion", args=[opinion.pk])).content.decode()
    assert page.count("?thumb=1") == 3 and photo_url in page
    served = station.get(photo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert_clean(b"".join(served.streaming_content))

    # Referred: the unit handling it sees them; another station and a leader do not.
    A.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    for who, status in (("handler", 200), ("staff", 200), ("other_station", 404), ("leader", 404)):
        c = Client()
        c.force_login(cast[who])
        assert c.get(photo_url).status_code == status, who
    leader = Client()
    leader.force_login(cast["leader"])
    leader_page = leader.get(reverse("opinions:opinion", args=[opinion.pk])).content.decode()
    assert "data-photos" not in leader_page


def test_a_fourth_photo_is_refused_beside_the_field_and_what_was_typed_stays(org, congress):
    r = Client().post(SUBMIT, form(congress, photos=[photo(f"{i}.jpg") for i in range(4)]))
    html = r.content.decode()
    assert r.status_code == 422 and 'id="id_photos_errors"' in html
    assert "迎宾街人行道砖块松动，雨天溅水。" in html and 'value="周先生"' in html
    assert not ConstituentOpinion.objects.exists() and not OpinionPhoto.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("账单.pdf", b"%PDF-1.4 not a photo", "application/pdf"),
        ("假照片.jpg", b"\xff\xd8\xff" + b"not really a jpeg" * 10, "image/jpeg"),
        ("脚本.png", b"<script>alert(1)</script>", "image/png"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(org, congress, name, data, kind):
    r = Client().post(SUBMIT, form(congress, photos=[photo("好的.jpg"), photo(name, data, kind)]))
    html = r.content.decode()
    assert r.status_code == 422 and 'id="id_photos_errors"' in html and name in html
    assert "迎宾街人行道砖块松动，雨天溅水。" in html
    assert not ConstituentOpinion.objects.exists() and not OpinionPhoto.objects.exists()


def test_a_refused_photo_does_not_count_against_the_hourly_limit(org, congress):
    for _i in range(A.PUBLIC_OPINIONS_PER_HOUR + 1):
        Client().post(
            SUBMIT, form(congress, photos=[photo("x.pdf", b"%PDF-1.4", "application/pdf")])
        )
    assert Client().post(SUBMIT, form(congress)).status_code == 302
