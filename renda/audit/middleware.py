"""The request being served, for the audit records that signals write (who changed a role in
the admin), and the record of every download: a response that is a file or an attachment
(.xlsx and .docx exports, attachments, evidence, photos) leaves one, with who and what."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote

from django.http import FileResponse, HttpRequest, HttpResponse

_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    return _request.get()


def file_name(disposition: str) -> str:
    """The (real, Chinese) file name a Content-Disposition header gives."""
    for part in disposition.split(";"):
        key, _eq, value = part.strip().partition("=")
        if key.lower() == "filename*":
            return unquote(value.split("''", 1)[-1])[:200]
    for part in disposition.split(";"):
        key, _eq, value = part.strip().partition("=")
        if key.lower() == "filename":
            return value.strip('"')[:200]
    return ""


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        from renda.audit.records import write_shown

        if response.status_code < 400:
            write_shown(request)
        if response.status_code == 200 and (
            isinstance(response, FileResponse) or response.has_header("Content-Disposition")
        ):
            self._downloaded(request, response)
        return response

    @staticmethod
    def _downloaded(request: HttpRequest, response: HttpResponse) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return  # the public's downloads are public documents
        from renda.audit.models import Kind
        from renda.audit.records import record

        query = request.META.get("QUERY_STRING", "")[:500]
        record(
            Kind.DOWNLOAD,
            request=request,
            target=file_name(response.get("Content-Disposition", "")),
            content_type=response.get("Content-Type", ""),
            **({"query": query} if query else {}),
        )
