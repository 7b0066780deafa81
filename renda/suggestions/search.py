"""The suggestions' and motions' texts in the one search (renda.search): a suggestion with its
replies, seen as the lists show them; published ones by everyone."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import is_leader, is_staff
from renda.search.registry import Source, Text, register
from renda.suggestions.models import Motion, Reply, Suggestion
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
    return Suggestion.objects.prefetch_related(replies).order_by("pk").iterator(chunk_size=1000)


register(
    Source(
        kind="suggestion",
        label=_("Suggestion"),
        model=Suggestion,
        text=_suggestion_text,
        rows=_suggestions,
        visible=visible_to,
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("suggestions:detail", args=[pk]),
        public_url=lambda pk: reverse("suggestions:public_detail", args=[pk]),
        parents={Reply: lambda reply: [reply.suggestion]},
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
