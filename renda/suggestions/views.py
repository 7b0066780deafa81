"""Suggestion pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from renda.suggestions.models import Suggestion


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion, pk=pk, congress_id=request.user.congress_id)
    return render(request, "suggestions/detail.html", {"suggestion": suggestion})
