"""Photos lose their metadata before they are stored: a phone's GPS position (EXIF) never
reaches the disk or a reader; the photo stands upright, large ones are scaled down, a thumbnail
is made, and a file that does not decode is refused beside its field with nothing stored."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from renda.core.photos import MAX_SIDE, clean_photo
from renda.core.tests.images import image_bytes
from renda.core.workflow import ActionInvalid
from renda.stations.models import DutyPhoto, DutyRecord

from .test_duty_records import photo, upload

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def phone_photo() -> bytes:
    """40 x 20 pixels, turned (orientation 6: the camera was held upright) and geotagged."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 41.0, 12.5), 3: "E", 4: (112.0, 45.0, 3.2)})
    data = image_bytes("JPEG", (40, 20), exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test photo has GPS
    return data


def assert_clean(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert ORIENTATION not in exif and 0x010F not in exif
    assert b"Exif" not in data[:4096] and b"PhoneMaker" not in data
    return image


def test_no_stored_or_served_file_carries_the_gps_position(cast, client):
    record = upload(cast, photos=[photo("门口.jpg", phone_photo())])
    row = DutyPhoto.objects.get(record=record)

    stored = assert_clean(row.file.read())
    assert stored.size == (20, 40)  # the orientation was applied to the pixels
    thumb = assert_clean(row.thumbnail.read())
    assert max(thumb.size) <= 320

    client.force_login(cast["deputy"])
    url = reverse("stations:duty_photo", args=[record.pk, row.pk])
    served = b"".join(client.get(url).streaming_content)
    assert_clean(served)
    served_thumb = client.get(url + "?thumb=1")
    assert served_thumb["Content-Type"] == "image/jpeg"
    assert_clean(b"".join(served_thumb.streaming_content))


def test_the_record_page_lists_thumbnails(cast, client):
    record = upload(cast, photos=[photo("门口.jpg", phone_photo())])
    client.force_login(cast["deputy"])
    page = client.get(reverse("stations:duty_detail", args=[record.pk])).content.decode()
    assert "?thumb=1" in page


def test_a_photo_that_does_not_decode_is_refused_and_nothing_is_stored(cast):
    broken = b"\xff\xd8\xff\xe0" + b"\x00" * 200  # a JPEG's first bytes, then nothing valid
    with pytest.raises(ActionInvalid) as refused:
        upload(cast, photos=[photo("坏.jpg", broken)])
    assert refused.value.field == "photos"
    assert not DutyRecord.objects.exists() and not DutyPhoto.objects.exists()


def test_a_large_photo_is_scaled_down_and_a_png_stays_a_png():
    wide = clean_photo(image_bytes("PNG", (MAX_SIDE + 500, 100)), name="宽.png", field="photos")
    assert wide.content_type == "image/png" and wide.width == MAX_SIDE
    assert Image.open(io.BytesIO(wide.content)).format == "PNG"


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("renda.core.photos.MAX_PIXELS", 100)
    with pytest.raises(ActionInvalid):
        clean_photo(image_bytes("PNG", (20, 20)), name="炸弹.png", field="photos")
