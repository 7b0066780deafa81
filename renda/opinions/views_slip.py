"""The receipt slip (回执) for an opinion recorded at a station: a printable page, A6 by default
(A4 with ?size=a4), to hand to the constituent: the receipt code, the day, what they raised in
short, and how to follow it. It carries no personal data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from renda.core.http import AuthedRequest
from renda.core.pages import page_requires
from renda.opinions.queries import opinions_visible_to

SHORT = 80  # characters of what was raised shown on the slip


@page_requires("opinions.record_opinion")
def opinion_slip(request: AuthedRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    opinion = opinions_visible_to(user).select_related("station", "congress").filter(pk=pk).first()
    if opinion is None:
        raise Http404
    content = " ".join(opinion.content.split())
    return render(
        request,
        "opinions/slip.html",
        {
            "o": opinion,
            "short": content if len(content) <= SHORT else content[:SHORT] + "…",
            "a4": request.GET.get("size") == "a4",
            "track_url": request.build_absolute_uri(reverse("opinions:public_opinion_track")),
            "answer_days": opinion.congress.setting("opinion_answer_working_days"),
            "tell_days": opinion.congress.setting("opinion_tell_working_days"),
        },
    )
