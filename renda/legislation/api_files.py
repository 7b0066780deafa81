"""A regulation's stage documents through the API (说明, 审议报告, 公告): staff upload one
(multipart: stage, title, file, checked as on the pages), staff and leaders list and download
them."""

# No `from __future__ import annotations`: django-ninja reads the evaluated annotations.

import datetime
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from renda.core.api import PkPath, caller
from renda.legislation.actions.regulations import stage_document_add
from renda.legislation.api import router
from renda.legislation.models import Regulation, RegulationState, StageDocument
from renda.legislation.rules import REGULATIONS

# The routes join the legislation router: a path's methods must live on one router.


class StageDocumentOut(Schema):
    id: int
    stage: RegulationState
    title: str
    name: str
    size: int
    content_type: str
    uploaded_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/api/v1/regulations/{obj.regulation_id}/documents/{obj.pk}"


class StageDocumentIn(Schema):
    stage: str
    title: str


def _regulation(user: Any, pk: int) -> Regulation:
    regulation = REGULATIONS.rows(user, Regulation.objects.all()).filter(pk=pk).first()
    if regulation is None:
        raise Http404
    return regulation


@router.get(
    "/regulations/{regulation_id}/documents",
    response=list[StageDocumentOut],
    summary="A regulation's stage documents (说明, 审议报告, 公告)",
)
def stage_documents(request: HttpRequest, regulation_id: PkPath) -> Any:
    return list(_regulation(caller(request), regulation_id).documents.order_by("uploaded_at", "id"))


@router.post(
    "/regulations/{regulation_id}/documents",
    response={201: StageDocumentOut},
    summary="Staff add a stage document (multipart: stage, title, file)",
)
def stage_document_upload(
    request: HttpRequest,
    regulation_id: PkPath,
    payload: Form[StageDocumentIn],
    file: File[UploadedFile],
) -> Any:
    user = caller(request)
    document = stage_document_add(
        regulation=_regulation(user, regulation_id),
        actor=user,
        stage=payload.stage,
        title=payload.title,
        file=file,
    )
    return Status(201, document)


@router.get(
    "/regulations/{regulation_id}/documents/{document_id}",
    response={200: bytes},
    summary="Download a stage document",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def stage_document_download(
    request: HttpRequest, regulation_id: PkPath, document_id: PkPath
) -> FileResponse:
    regulation = _regulation(caller(request), regulation_id)
    row = StageDocument.objects.filter(regulation=regulation, pk=document_id).first()
    if row is None:
        raise Http404
    return FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )
