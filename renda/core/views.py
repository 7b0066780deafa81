"""Home pages per role, notifications, and the holiday calendar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renda.core.deadlines import waiting_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html")
    return render(request, "core/home.html", {"waiting": waiting_for(request.user)[:50]})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    return render(request, "core/notifications.html")


@login_required
def calendar_years(request: HttpRequest) -> HttpResponse:
    return render(request, "core/calendar.html")


@login_required
def holiday_notice(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "core/holiday_notice.html")
