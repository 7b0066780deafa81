"""A NUL character in a URL, refused before any view sees it.

A NUL has no place in a path or a query, and PostgreSQL refuses it in text (psycopg raises,
which became a 500 on every list's `?q=%00`): such a request is answered 400 in the caller's
language, in the format of the part of the site it was sent to (the API's {detail}, Open311's
error list, or a page). NULs in a body are the forms' and payloads' to refuse, beside their
field (renda.core.inputs).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    return any(NUL in k or any(NUL in v for v in vs) for k, vs in request.GET.lists())


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """`message` as an error answer in the format of the site's part `request` was sent to."""
    path = request.path_info
    if path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    if path.startswith("/open311/"):
        if path.endswith(".xml"):
            root = ET.Element("errors")
            error = ET.SubElement(root, "error")
            ET.SubElement(error, "code").text = str(status)
            ET.SubElement(error, "description").text = message
            body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
            return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
        errors = [{"code": status, "description": message}]
        return HttpResponse(
            json.dumps(errors, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    return render(request, "400.html", {"message": message}, status=status)


class HostileInputMiddleware:
    """After LocaleMiddleware (the answer is in the caller's language), before everything that
    reads the query (authentication, django-axes, the views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return refusal(request, 400, _("The request contains a NUL character."))
        return self.get_response(request)


class ApiHeadMiddleware:
    """HEAD on the API answers as GET would, without the body (HTTP requires HEAD wherever GET
    is allowed; ninja routes by method and answered 405)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD" or not request.path_info.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if response.streaming:
            response.close()
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
