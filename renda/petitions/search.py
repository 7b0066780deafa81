"""Petitions in the one search (renda.search), for those who may see them (the petitions
office, a leader's key cases, the unit's own, a deputy's passed ones); who petitioned is never
indexed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import has_unit
from renda.petitions.models import Petition
from renda.petitions.queries import visible_to
from renda.petitions.rules import is_officer
from renda.search.registry import Seers, Source, Text, register

FIELDS = ("congress_id", "year", "title", "content", "answer", "review_answer", "unit")

register(
    Source(
        kind="petition",
        label=_("Petition"),
        model=Petition,
        text=lambda p: Text(
            p.title,
            "\n".join(t for t in (p.content, p.answer, p.review_answer) if t),
            p.congress_id,
            p.year,
        ),
        rows=lambda: Petition.objects.only(*FIELDS).order_by("pk").iterator(chunk_size=1000),
        visible=visible_to,
        sees_congress=is_officer,
        by_year=True,
        # A unit sees the petitions of its congress sent to it (rules.SEE_PETITION).
        seers=Seers(
            keys=lambda p: [f"u:{p.unit_id}"] if p.unit_id else [],
            key=lambda user: f"u:{user.unit_id}" if has_unit(user) else None,
        ),
        url=lambda pk: reverse("petitions:petition", args=[pk]),
        order=60,
    )
)
