"""What petitions give the routing engine: the open petitions of a year as candidates of
similar cases (a deputy's suggestion may be about a matter already petitioned)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from renda.petitions.queries import visible_to
from renda.petitions.workflow import OPEN
from renda.routing.registry import Candidate, register_candidates

KIND = "petition"


def candidates(
    user: Any, congress_id: int, year: int, exclude: tuple[str, int] | None
) -> list[Candidate]:
    """The year's open petitions this user may see (never the petitioners)."""
    qs = (
        visible_to(user)
        .filter(congress_id=congress_id, year=year, state__in=OPEN)
        .only("pk", "title", "content", "state")
        .order_by("pk")
    )
    return [
        Candidate(
            kind=KIND,
            pk=p.pk,
            title=p.title,
            text=p.content,
            url=reverse("petitions:petition", args=[p.pk]),
            label=gettext_lazy("Petition"),
            state=p.get_state_display(),
        )
        for p in qs
    ]


register_candidates(KIND, candidates)
