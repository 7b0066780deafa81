"""A regulation's stage documents through the API: staff upload (multipart, checked by content),
staff and leaders list and download; others are refused or do not see the regulation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.legislation.models import StageDocument
from renda.suggestions.tests.test_api import API, Caller

from .test_stages import regulation

__all__ = ["regulation"]
PDF = b"%PDF-1.4 draft note"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post(api, path, data):
    return api.client.post(API + path, data, headers=api.headers)


def test_staff_upload_a_stage_document_and_leaders_download_it(cast, regulation):
    staff = Caller(cast["staff"])
    r = post(
        staff,
        f"/regulations/{regulation.pk}/documents",
        {
            "stage": "first_reading",
            "title": "起草说明",
            "file": SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert r.status_code == 201, r.content
    url = r.json()["url"]
    leader = Caller(cast["leader"])
    listed = leader.get(f"/regulations/{regulation.pk}/documents").json()
    assert [d["title"] for d in listed] == ["起草说明"]
    got = leader.client.get(url, headers=leader.headers)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    deputy = Caller(cast["deputy"])
    assert deputy.client.get(url, headers=deputy.headers).status_code == 404


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"stage": "first_reading", "title": "x", "file": ("假.pdf", b"MZ not a pdf")}, 422),
        ({"stage": "no_such_stage", "title": "x", "file": ("a.pdf", PDF)}, 422),
        ({"stage": "first_reading", "title": "", "file": ("a.pdf", PDF)}, 422),
    ],
)
def test_bad_uploads_are_refused_and_store_nothing(cast, regulation, data, status):
    name, content = data.pop("file")
    data["file"] = SimpleUploadedFile(name, content)
    r = post(Caller(cast["staff"]), f"/regulations/{regulation.pk}/documents", data)
    assert r.status_code == status
    assert not StageDocument.objects.exists()


def test_only_staff_upload(cast, regulation):
    r = post(
        Caller(cast["leader"]),
        f"/regulations/{regulation.pk}/documents",
        {"stage": "first_reading", "title": "x", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert r.status_code == 403
