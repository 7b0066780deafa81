"""The suggestions' and motions' texts in the one search (renda.search): a suggestion with its
replies, seen as the lists show them; published ones by everyone."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import has_deputyship, has_unit, is_deputy, is_leader, is_staff
from renda.search.registry import Seers, Source, Text, register
from renda.suggestions.models import Assignment, CoSigner, Motion, Reply, Suggestion
from renda.suggestions.queries import motions_visible_to, visible_to
from renda.suggestions.rules import is_public


def _suggestion_text(s: Suggestion) -> Text:
    replies = [r.text for r in s.replies.all()]
    return Text(
        title=s.title,
        body="\n".join([s.body, *replies]),
        congress_id=s.congress_id,
        year=s.year,
        public=bool(is_public(s)),
    )


def _suggestions() -> Any:
    replies = Prefetch("replies", queryset=Reply.objects.only("suggestion_id", "text"))
    units = Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(active=True).only("suggestion", "unit"),
        to_attr="_search_units",
    )
    cosigners = Prefetch(
        "cosigners",
        queryset=CoSigner.objects.only("suggestion", "deputy"),
        to_attr="_search_cosigners",
    )
    return (
        Suggestion.objects.prefetch_related(replies, units, cosigners)
        .order_by("pk")
        .iterator(chunk_size=1000)
    )


def _seers(s: Suggestion) -> list[str]:
    """Who sees the suggestion through its index row (rules.SEE_SUGGESTION): the units it is
    assigned to now, its lead deputy and every co-signer (the congress is checked beside)."""
    units = getattr(s, "_search_units", None)
    if units is None:
        units = Assignment.objects.filter(suggestion_id=s.pk, active=True)
    cosigners = getattr(s, "_search_cosigners", None)
    if cosigners is None:
        cosigners = CoSigner.objects.filter(suggestion_id=s.pk)
    deputies = [s.lead_deputy_id, *(c.deputy_id for c in cosigners)]
    return [f"u:{a.unit_id}" for a in units] + [f"d:{d}" for d in deputies if d]


def _key(user: Any) -> str | None:
    """A handler sees the suggestions their unit handles now, a deputy (not a leader, who sees
    the congress's) those they lead or co-signed: of their congress, as the index row says."""
    if has_unit(user):
        return f"u:{user.unit_id}"
    if is_deputy(user) and has_deputyship(user):
        return f"d:{user.deputy_id}"
    return None


register(
    Source(
        kind="suggestion",
        label=_("Suggestion"),
        model=Suggestion,
        text=_suggestion_text,
        rows=_suggestions,
        visible=visible_to,
        sees_congress=is_staff | is_leader,
        by_year=True,
        url=lambda pk: reverse("suggestions:detail", args=[pk]),
        public_url=lambda pk: reverse("suggestions:public_detail", args=[pk]),
        parents={Reply: lambda reply: [reply.suggestion]},
        seers=Seers(
            keys=_seers,
            key=_key,
            parents={
                Assignment: lambda a: [a.suggestion_id],
                CoSigner: lambda c: [c.suggestion_id],
            },
        ),
        order=10,
    )
)

register(
    Source(
        kind="motion",
        label=_("Motion"),
        model=Motion,
        text=lambda m: Text(m.title, m.body, m.congress_id, m.year),
        rows=lambda: Motion.objects.order_by("pk").iterator(chunk_size=1000),
        visible=lambda user: motions_visible_to(user),
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("suggestions:motion_decision", args=[pk]),
        order=11,
    )
)
