"""Constituents' opinions in the one search (renda.search): what was said and answered, seen
as the lists show it; the constituent's name, phone and e-mail are never indexed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import is_leader, is_staff
from renda.opinions.models import ConstituentOpinion
from renda.opinions.queries import opinions_visible_to
from renda.search.registry import Source, Text, register

FIELDS = ("congress_id", "place", "content", "answer", "outcome", "received_at")


def _text(o: ConstituentOpinion) -> Text:
    return Text(
        title=o.place,
        body="\n".join(t for t in (o.content, o.answer, o.outcome) if t),
        congress_id=o.congress_id,
        year=timezone.localtime(o.received_at).year,
        heading=" · ".join(
            t for t in (o.place, Truncator(" ".join(o.content.split())).chars(40)) if t
        ),
    )


register(
    Source(
        kind="opinion",
        label=_("Constituent's opinion"),
        model=ConstituentOpinion,
        text=_text,
        rows=lambda: (
            ConstituentOpinion.objects.only(*FIELDS).order_by("pk").iterator(chunk_size=2000)
        ),
        visible=opinions_visible_to,
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("opinions:opinion", args=[pk]),
        order=20,
    )
)
