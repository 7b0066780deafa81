"""Files through the API: the lead deputy adds attachments before acceptance, the replying unit
its signed letter (PDF) until evaluation; the same checks as the pages (type by content, size,
count); downloads for whoever may see the suggestion, 404 for others; OpenAPI documents it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.tests.images import JPG
from renda.suggestions import actions as A
from renda.suggestions.actions._common import MAX_ATTACHMENTS
from renda.suggestions.models import Attachment

from .handling import D, assigned, replied
from .test_api import API, Caller

PDF = b"%PDF-1.4\n% signed reply letter\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(api, path, *files):
    return api.client.post(API + path, {"files": list(files)}, headers=api.headers)


def pdf(name="答复意见书（签章）.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_lead_deputy_adds_files_before_acceptance_and_downloads_them(cast, submit):
    s = submit()
    deputy = Caller(cast["deputy"])
    r = upload(deputy, f"/suggestions/{s.pk}/attachments", pdf("调研报告.pdf"))
    assert r.status_code == 201, r.content
    (file,) = r.json()["attachments"]
    assert file["name"] == "调研报告.pdf" and file["purpose"] == "suggestion"
    got = deputy.client.get(file["url"], headers=deputy.headers)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert Caller(cast["handler"]).client.get(file["url"]).status_code in (401, 404)
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    late = upload(deputy, f"/suggestions/{s.pk}/attachments", pdf())
    assert late.status_code == 409
    assert Attachment.objects.count() == 1


def test_files_are_checked_as_on_the_pages(cast, submit):
    s = submit()
    deputy = Caller(cast["deputy"])
    fake = SimpleUploadedFile("假.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = upload(deputy, f"/suggestions/{s.pk}/attachments", fake)
    assert r.status_code == 422 and "files" in r.content.decode()
    big = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024))
    assert upload(deputy, f"/suggestions/{s.pk}/attachments", big).status_code == 422
    too_many = [pdf(f"{i}.pdf") for i in range(MAX_ATTACHMENTS + 1)]
    assert upload(deputy, f"/suggestions/{s.pk}/attachments", *too_many).status_code == 422
    assert not Attachment.objects.exists()
    assert upload(
        Caller(cast["deputy2"]), f"/suggestions/{s.pk}/attachments", pdf()
    ).status_code in (
        403,
        404,
    )


def test_the_replying_unit_adds_its_signed_letter_until_evaluation(cast, org, submit):
    s = assigned(submit, cast["staff"], D(2024, 3, 4), [A.UnitPart(org["unit"], "sole")])
    reply = replied(s, cast["handler"], D(2024, 4, 1))
    handler = Caller(cast["handler"])
    r = upload(handler, f"/suggestions/{s.pk}/replies/{reply.pk}/files", pdf())
    assert r.status_code == 201, r.content
    (file,) = r.json()["attachments"]
    assert file["purpose"] == "reply" and file["reply"] == reply.pk
    other = Caller(cast["other_handler"])
    assert upload(other, f"/suggestions/{s.pk}/replies/{reply.pk}/files", pdf()).status_code == 404
    deputy = Caller(cast["deputy"])
    assert deputy.client.get(file["url"], headers=deputy.headers).status_code == 200


def test_a_photo_attachment_is_stored_without_its_metadata(cast, submit):
    s = submit()
    photo = SimpleUploadedFile("现场.jpg", JPG, content_type="image/jpeg")
    r = upload(Caller(cast["deputy"]), f"/suggestions/{s.pk}/attachments", photo)
    assert r.status_code == 201
    assert Attachment.objects.get().content_type == "image/jpeg"


def test_openapi_documents_the_multipart_routes(cast):
    schema = Caller(cast["staff"]).get("/openapi.json").json()
    post = schema["paths"]["/api/v1/suggestions/{suggestion_id}/attachments"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "/api/v1/suggestions/{suggestion_id}/attachments/{attachment_id}" in schema["paths"]
