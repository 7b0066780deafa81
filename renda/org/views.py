"""The directory: deputies, handling units and contact stations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def deputy_list(request: HttpRequest) -> HttpResponse:
    return render(request, "org/deputy_list.html")


@login_required
def deputy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "org/deputy_detail.html")


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    return render(request, "org/unit_list.html")


@login_required
def station_list(request: HttpRequest) -> HttpResponse:
    return render(request, "org/station_list.html")
