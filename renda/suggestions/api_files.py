"""Files through the API (multipart): the lead deputy's attachments on a suggestion before it
is accepted, a unit's signed reply letter on its reply, and downloads for whoever may see the
suggestion, with the same checks and permissions as the pages."""

# No `from __future__ import annotations`: django-ninja reads the evaluated annotations.

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from ninja import File
from ninja.files import UploadedFile
from ninja.responses import Status

from renda.core.api import PkPath, caller
from renda.suggestions.actions.files import reply_files_add, suggestion_attachments_add
from renda.suggestions.api import _detail, _suggestion, router
from renda.suggestions.models import Attachment, Reply
from renda.suggestions.schemas import SuggestionDetailOut

# The routes join the suggestions router: a path's methods must live on one router.


@router.post(
    "/suggestions/{suggestion_id}/attachments",
    response={201: SuggestionDetailOut},
    summary="The lead deputy adds files before the suggestion is accepted (multipart: files)",
)
def suggestion_attachments(
    request: HttpRequest, suggestion_id: PkPath, files: File[list[UploadedFile]]
) -> Any:
    user = caller(request)
    suggestion_attachments_add(suggestion=_suggestion(user, suggestion_id), actor=user, files=files)
    return Status(201, _detail(user, suggestion_id))


@router.post(
    "/suggestions/{suggestion_id}/replies/{reply_id}/files",
    response={201: SuggestionDetailOut},
    summary="The replying unit adds its signed reply letter, e.g. a PDF (multipart: files)",
)
def reply_files(
    request: HttpRequest, suggestion_id: PkPath, reply_id: PkPath, files: File[list[UploadedFile]]
) -> Any:
    user = caller(request)
    suggestion = _suggestion(user, suggestion_id)
    reply = Reply.objects.filter(suggestion=suggestion, pk=reply_id).first()
    if reply is None:
        raise Http404
    reply_files_add(reply=reply, actor=user, files=files)
    return Status(201, _detail(user, suggestion_id))


@router.get(
    "/suggestions/{suggestion_id}/attachments/{attachment_id}",
    response={200: bytes},
    summary="Download a suggestion's or a reply's file",
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
def attachment_download(
    request: HttpRequest, suggestion_id: PkPath, attachment_id: PkPath
) -> FileResponse:
    suggestion = _suggestion(caller(request), suggestion_id)
    row = Attachment.objects.filter(suggestion=suggestion, pk=attachment_id).first()
    if row is None:
        raise Http404
    return FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )
