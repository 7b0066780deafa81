"""Legislation's texts in the one search (renda.search): draft versions (anyone reads those open
for public comment), opinions on drafts (never their authors' names or contacts), and the
regulations of the plan, seen as the lists show them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from renda.legislation.models import DraftVersion, Opinion, Regulation
from renda.legislation.queries import drafts_visible_to
from renda.legislation.rules import OPINIONS, REGULATIONS, in_a_congress, oversees, reads_drafts
from renda.search.registry import Source, Text, register

register(
    Source(
        kind="draft",
        label=_("Draft"),
        model=DraftVersion,
        text=lambda v: Text(v.title, v.source_text, v.congress_id, v.imported_at.year),
        rows=lambda: DraftVersion.objects.order_by("pk").iterator(),
        visible=drafts_visible_to,
        sees_congress=reads_drafts & in_a_congress,
        url=lambda pk: reverse("legislation:draft", args=[pk]),
        order=30,
    )
)


def _opinion_text(o: Opinion) -> Text:
    return Text(
        title="",
        body=o.text,
        congress_id=o.congress_id,
        year=o.submitted_at.year,
        heading=Truncator(" ".join(o.text.split())).chars(40),
    )


register(
    Source(
        kind="draft_opinion",
        label=_("Opinion on a draft"),
        model=Opinion,
        text=_opinion_text,
        rows=lambda: (
            Opinion.objects.only("congress_id", "text", "submitted_at")
            .order_by("pk")
            .iterator(chunk_size=2000)
        ),
        visible=lambda user: OPINIONS.rows(user, Opinion.objects.all()),
        sees_congress=oversees,
        by_year=True,
        url=lambda pk: reverse("legislation:opinion", args=[pk]),
        order=31,
    )
)

register(
    Source(
        kind="regulation",
        label=_("Regulation"),
        model=Regulation,
        text=lambda r: Text(r.title, r.summary, r.congress_id, r.plan_year),
        rows=lambda: Regulation.objects.order_by("pk").iterator(),
        visible=lambda user: REGULATIONS.rows(user, Regulation.objects.all()),
        sees_congress=oversees,
        url=lambda pk: reverse("legislation:regulation", args=[pk]),
        order=32,
    )
)
