"""Input no field may hold, refused before any view sees it.

A NUL character has no place in anything a person types, and PostgreSQL refuses it in text
(psycopg raises, which became a 500): a request with one in its path, query, form fields or
JSON body is answered 400 in the caller's language, in the format of the part of the site it
was sent to (the API's {detail}, Open311's error list, or a page). A body over
DATA_UPLOAD_MAX_MEMORY_SIZE sent to the API is a 413 in the API's format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in k or any(NUL in v for v in vs) for k, vs in request.GET.lists()):
        return True
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    if request.content_type in FORM_TYPES:
        if not _body_fits(request):
            return False  # an upload: its form fields are checked by the forms that read them
        request.body  # noqa: B018 - read it first, so that a view may still read it after POST
        # Uploaded files are binary and may hold NULs: only the fields are text.
        return any(NUL in k or any(NUL in v for v in vs) for k, vs in request.POST.lists())
    if request.content_type and "json" in request.content_type:
        # A NUL in JSON is written "\u0000" (or, invalidly, sent raw).
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


def _body_fits(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length <= (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """`message` as an error answer in the format of the site's part `request` was sent to."""
    path = request.path_info
    if path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    if path.startswith("/open311/"):
        errors = [{"code": status, "description": message}]
        if path.endswith(".xml"):
            root = ET.Element("errors")
            error = ET.SubElement(root, "error")
            ET.SubElement(error, "code").text = str(status)
            ET.SubElement(error, "description").text = message
            body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
            return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
        return HttpResponse(
            json.dumps(errors, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    return render(request, "400.html", {"message": message}, status=status)


class HostileInputMiddleware:
    """After LocaleMiddleware (the answer is in the caller's language), before everything that
    reads input (CSRF, authentication, django-axes, the views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            hostile = _has_nul(request)
        except RequestDataTooBig:
            if request.path_info.startswith("/api/"):
                return refusal(request, 413, _("The request is too large."))
            raise  # Django answers it with its 400 page
        if hostile:
            return refusal(request, 400, _("The request contains a NUL character."))
        return self.get_response(request)
