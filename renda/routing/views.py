"""Routing's page for staff and leaders: how often the proposals were accepted as given."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import page_requires
from renda.routing import queries, registry
from renda.routing.proposals import MIN_HISTORY


@page_requires("routing.view_proposals")
def accepted(request: AuthedRequest) -> HttpResponse:
    congress_id = acting_congress_id(request)
    names = {kind: s.name for kind, s in registry.sources().items()}
    months = queries.accepted_by_month(congress_id)
    for m in months:
        m.kind_name = names.get(m.kind, m.kind)
    models = queries.trained_models(congress_id)
    for t in models:
        t.kind_name = names.get(t.kind, t.kind)  # type: ignore[attr-defined]
    return render(
        request,
        "routing/accepted.html",
        {"months": months, "models": models, "min_history": MIN_HISTORY},
    )
